import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import pino from 'pino';
import { ManualClock } from '../../../platform/src/clock';
import { AuditLog } from '../../../platform/src/domain/audit/audit-log';
import { exponentialBackoff } from '../../../platform/src/scheduler/backoff';
import type { ClaimedJob, JobHandler, JobHandlers } from '../../../platform/src/scheduler/job-handler';
import { JobScheduler, type ScheduleJobInput } from '../../../platform/src/scheduler/job-scheduler';
import { JobWorker, type JobWorkerOptions } from '../../../platform/src/scheduler/job-worker';
import { openTestDatabase, type TestDatabase } from '../../helpers/test-database';

/** Tests' lease and backoff: round numbers so expected due times are easy to state. */
export const LEASE_MS = 30_000;
export const testBackoff = exponentialBackoff({ initialMs: 1_000, factor: 2, maxMs: 60_000 });
/** Workers log every failure; the tests assert on rows instead. */
export const silentLogger = pino({ level: 'silent' });

/** A raw job row, as the tests inspect it. */
export interface JobRowView {
  id: string;
  type: string;
  status: string;
  attempts: number;
  due_at: Date;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
  dedupe_key: string | null;
}

/** One test file's world: a fresh database, a tenant, a clock, the scheduler and a scratch table handlers write to. */
export interface SchedulerWorld {
  db: TestDatabase;
  clock: ManualClock;
  audit: AuditLog;
  scheduler: JobScheduler;
  em(): EntityManager;
  newTenant(): Promise<string>;
  worker(handlers: JobHandlers, options?: Partial<JobWorkerOptions>): JobWorker;
  /** Schedule in a transaction of its own, as a committed command would. */
  schedule(input: Omit<ScheduleJobInput, 'dueAt'> & { dueAt?: Date }): Promise<string>;
  jobs(tenantId: string): Promise<JobRowView[]>;
  /** The handler most tests use: records (job id, worker) in `fired`, inside the job's transaction. */
  recordingHandler(workerId: string, spy?: (job: ClaimedJob) => void): JobHandler;
  /** Rows of `fired` per job id: the observable effect, committed or not. */
  firedCounts(): Promise<Map<string, number>>;
  /** Empty the job, incident and fired tables: workers serve every tenant, so tests must not see each other's jobs. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A fresh migrated database (per test file) with the scratch `fired` table and helpers around it. */
export async function openSchedulerWorld(start = '2024-06-03T01:00:00Z'): Promise<SchedulerWorld> {
  const db = await openTestDatabase();
  const clock = new ManualClock(start);
  const audit = new AuditLog(clock);
  const scheduler = new JobScheduler({ clock });
  await db.orm.em.fork().execute('create table fired (job_id bigint not null, worker_id text not null, fired_at timestamptz not null)');
  let workers = 0;
  const world: SchedulerWorld = {
    db,
    clock,
    audit,
    scheduler,
    em: () => db.orm.em.fork(),
    async newTenant() {
      const tenantId = randomUUID();
      await db.orm.em.fork().transactional(async (em) => {
        await em.execute('insert into tenant (id, code, name, pack_id, created_at) values (?, ?, ?, ?, ?)', [tenantId, `t${tenantId.slice(0, 8)}`, '测试县', 'test-pack', clock.now()]);
        await audit.startChain(em, tenantId);
      });
      return tenantId;
    },
    worker(handlers, options = {}) {
      workers += 1;
      return new JobWorker({ orm: db.orm, clock, handlers, workerId: `worker-${workers}`, leaseMs: LEASE_MS, batchSize: 10, backoff: testBackoff, logger: silentLogger, ...options });
    },
    async schedule(input) {
      const { id } = await db.orm.em.fork().transactional((em) => scheduler.schedule(em, { ...input, dueAt: input.dueAt ?? clock.now() }));
      return id;
    },
    async jobs(tenantId) {
      const rows = await db.orm.em.fork().execute<JobRowView[]>(
        'select id, type, status, attempts, due_at, locked_by, locked_until, last_error, dedupe_key from job where tenant_id = ? order by id',
        [tenantId],
      );
      return rows.map((r) => ({ ...r, id: String(r.id), attempts: Number(r.attempts) }));
    },
    recordingHandler(workerId, spy) {
      return async (em, job) => {
        spy?.(job);
        await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, workerId, clock.now()]);
      };
    },
    async firedCounts() {
      const rows = await db.orm.em.fork().execute<{ job_id: string; n: string }[]>('select job_id, count(*) as n from fired group by job_id');
      return new Map(rows.map((r) => [String(r.job_id), Number(r.n)]));
    },
    async reset() {
      await db.orm.em.fork().execute('delete from job; delete from incident; delete from fired');
    },
    close: () => db.close(),
  };
  return world;
}

/** A promise with its resolve exposed, to hold a handler mid-job until the test lets go. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}
