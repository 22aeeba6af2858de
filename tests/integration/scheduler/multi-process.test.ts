import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../../platform/src/clock';
import { openDatabase } from '../../../platform/src/db/database';
import { JobScheduler } from '../../../platform/src/scheduler/job-scheduler';
import { JobWorker } from '../../../platform/src/scheduler/job-worker';
import { testDbKind } from '../../helpers/test-database';
import { LEASE_MS, openSchedulerWorld, silentLogger, type SchedulerWorld } from './scheduler-fixture';

const JOBS = 600;
const TSX = path.resolve(__dirname, '../../../node_modules/.bin/tsx');
const WORKER_SCRIPT = path.resolve(__dirname, '../../helpers/job-worker-process.ts');

/** A worker child process and the lines it has printed so far. */
interface WorkerProcess {
  child: ChildProcess;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number | null>;
}

function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(TSX, [WORKER_SCRIPT], { env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  let errors = '';
  const waiters: (() => void)[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiters.splice(0)) w();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    errors += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    async waitFor(pattern, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`worker ${env.WORKER_ID} never printed ${pattern}; stdout: ${output}; stderr: ${errors}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 100);
        });
      }
    },
  };
}

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface FiredSummary {
  total: number;
  distinctJobs: number;
  perWorker: Record<string, number>;
}

async function firedSummary(w: SchedulerWorld): Promise<FiredSummary> {
  const [totals] = await w.em().execute<{ total: string; distinct_jobs: string }[]>('select count(*) as total, count(distinct job_id) as distinct_jobs from fired');
  const rows = await w.em().execute<{ worker_id: string; n: string }[]>('select worker_id, count(*) as n from fired group by worker_id order by worker_id');
  return { total: Number(totals!.total), distinctJobs: Number(totals!.distinct_jobs), perWorker: Object.fromEntries(rows.map((r) => [r.worker_id, Number(r.n)])) };
}

async function scheduleMany(w: SchedulerWorld, tenantId: string, count: number, dueAt: Date): Promise<void> {
  await w.em().transactional(async (em) => {
    for (let i = 0; i < count; i++) await w.scheduler.schedule(em, { tenantId, type: 'test.record', dueAt, payload: { n: i } });
  });
}

const kind = testDbKind();

describe(`exactly-once firing across workers (${kind})`, () => {
  let w: SchedulerWorld;
  beforeAll(async () => {
    w = await openSchedulerWorld();
  });
  beforeEach(() => w.reset());
  afterAll(() => w.close());

  if (kind === 'postgres') {
    it(`given 3 worker processes on one PostgreSQL, when ${JOBS} jobs fall due at once, then each fires exactly once and every process fires some`, async () => {
      const tenantId = await w.newTenant();
      const workers = ['p1', 'p2', 'p3'].map((id) => spawnWorker({ WORKER_ID: id, WORKER_DATABASE_URL: w.db.url! }));
      try {
        await Promise.all(workers.map((p) => p.waitFor(/READY/)));
        await scheduleMany(w, tenantId, JOBS, new Date(Date.now() - 1_000));

        await eventually(async () => (await firedSummary(w)).total >= JOBS && (await w.jobs(tenantId)).length === 0, 45_000);
      } finally {
        for (const p of workers) p.child.kill('SIGTERM');
        await Promise.all(workers.map((p) => p.exited));
      }

      const summary = await firedSummary(w);
      expect(summary.total).toBe(JOBS);
      expect(summary.distinctJobs).toBe(JOBS);
      expect(Object.keys(summary.perWorker)).toEqual(['p1', 'p2', 'p3']);
      expect(Object.values(summary.perWorker).every((n) => n > 0)).toBe(true);
      expect(await w.jobs(tenantId)).toEqual([]);
      expect(await w.em().execute('select id from incident')).toEqual([]);
    }, 90_000);

    it('given a worker process killed mid-job, then its transaction rolls back, and once the lease expires another worker fires the job exactly once', async () => {
      const tenantId = await w.newTenant();
      const id = await w.schedule({ tenantId, type: 'test.crash', dueAt: new Date(Date.now() - 1_000) });
      const doomed = spawnWorker({ WORKER_ID: 'doomed', WORKER_DATABASE_URL: w.db.url!, WORKER_LEASE_MS: String(LEASE_MS) });
      const [, runningId] = await doomed.waitFor(/RUNNING (\d+)/);
      expect(runningId).toBe(id);
      doomed.child.kill('SIGKILL');
      await doomed.exited;

      // Worker B's own clock: at first inside the dead worker's lease, then past it.
      const clock = new ManualClock(new Date());
      const b = new JobWorker({ orm: w.db.orm, clock, workerId: 'b', leaseMs: LEASE_MS, logger: silentLogger, handlers: { 'test.crash': w.recordingHandler('b') } });
      await eventually(async () => (await w.jobs(tenantId))[0]?.locked_by?.startsWith('doomed:') === true, 10_000);
      expect(await b.runOnce()).toBe(0);
      clock.advance(LEASE_MS + 1_000);
      await eventually(async () => (await b.runOnce()) === 1, 10_000);

      // The dead worker's insert rolled back with its transaction; only B's remains.
      expect(await firedSummary(w)).toEqual({ total: 1, distinctJobs: 1, perWorker: { b: 1 } });
      expect(await w.jobs(tenantId)).toEqual([]);
    }, 60_000);
  } else {
    it(`given 3 workers sharing the one embedded PGlite, when ${JOBS} jobs fall due at once, then each fires exactly once and every worker fires some`, async () => {
      const tenantId = await w.newTenant();
      const workers = ['w1', 'w2', 'w3'].map(
        (workerId) => new JobWorker({ orm: w.db.orm, clock: w.clock, workerId, batchSize: 5, pollIntervalMs: 5, logger: silentLogger, handlers: { 'test.record': w.recordingHandler(workerId) } }),
      );
      await scheduleMany(w, tenantId, JOBS, w.clock.now());
      try {
        for (const worker of workers) worker.start();
        await eventually(async () => (await firedSummary(w)).total >= JOBS && (await w.jobs(tenantId)).length === 0, 60_000);
      } finally {
        await Promise.all(workers.map((worker) => worker.stop()));
      }

      const summary = await firedSummary(w);
      expect(summary.total).toBe(JOBS);
      expect(summary.distinctJobs).toBe(JOBS);
      expect(Object.keys(summary.perWorker)).toEqual(['w1', 'w2', 'w3']);
      expect(Object.values(summary.perWorker).every((n) => n > 0)).toBe(true);
      expect(await w.em().execute('select id from incident')).toEqual([]);
    }, 90_000);

    it('given an embedded worker process killed mid-job, when its data directory is reopened, then the lease expires and the job fires exactly once', async () => {
      const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'jobs-pglite-')), 'data');
      try {
        const tenantId = randomUUID();
        let id: string;
        const setup = await openDatabase({ kind: 'pglite', dataDir });
        try {
          const scheduler = new JobScheduler({ clock: new ManualClock(new Date()) });
          id = await setup.orm.em.fork().transactional(async (em) => {
            await em.execute('create table fired (job_id bigint not null, worker_id text not null, fired_at timestamptz not null)');
            await em.execute('insert into tenant (id, code, name, pack_id, created_at) values (?, ?, ?, ?, now())', [tenantId, 'crash', '测试县', 'test-pack']);
            return (await scheduler.schedule(em, { tenantId, type: 'test.crash', dueAt: new Date(Date.now() - 1_000) })).id;
          });
        } finally {
          await setup.close();
        }

        const doomed = spawnWorker({ WORKER_ID: 'doomed', WORKER_PGLITE_DIR: dataDir, WORKER_LEASE_MS: String(LEASE_MS) });
        const [, runningId] = await doomed.waitFor(/RUNNING (\d+)/, 60_000);
        expect(runningId).toBe(id);
        doomed.child.kill('SIGKILL');
        await doomed.exited;

        const restarted = await openDatabase({ kind: 'pglite', dataDir });
        try {
          const clock = new ManualClock(new Date());
          const b = new JobWorker({
            orm: restarted.orm,
            clock,
            workerId: 'after-restart',
            leaseMs: LEASE_MS,
            logger: silentLogger,
            handlers: {
              'test.crash': async (em, job) => {
                await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, 'after-restart', clock.now()]);
              },
            },
          });
          const [claim] = await restarted.orm.em.fork().execute<{ locked_by: string | null }[]>('select locked_by from job where id = ?', [id]);
          expect(claim?.locked_by).toMatch(/^doomed:/);
          expect(await b.runOnce()).toBe(0);
          clock.advance(LEASE_MS + 1_000);
          expect(await b.runOnce()).toBe(1);
          const fired = await restarted.orm.em.fork().execute<{ job_id: string; worker_id: string }[]>('select job_id, worker_id from fired');
          expect(fired.map((r) => [String(r.job_id), r.worker_id])).toEqual([[id, 'after-restart']]);
        } finally {
          await restarted.close();
        }
      } finally {
        await rm(path.dirname(dataDir), { recursive: true, force: true });
      }
    }, 120_000);
  }
});
