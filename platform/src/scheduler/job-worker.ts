import { randomBytes, randomUUID } from 'node:crypto';
import os from 'node:os';
import { DeadlockException } from '@mikro-orm/core';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import { exponentialBackoff, type Backoff } from './backoff';
import type { ClaimedJob, JobHandlers, JobOutcome } from './job-handler';
import { RetryLaterError, UnknownJobTypeError } from './scheduler-errors';

/** Collaborators and tuning of a JobWorker. */
export interface JobWorkerOptions {
  orm: MikroORM;
  /** Source of "now" for due and lease comparisons (not the database's now()), so tests can move time. */
  clock: Clock;
  handlers: JobHandlers;
  /** Unique per worker (see defaultWorkerId); shows in `job.locked_by`. */
  workerId: string;
  /** How long a claim is exclusive before another worker may take the job over. Default 60 s. */
  leaseMs?: number;
  /**
   * Jobs claimed per poll. Default 50: each claim walks the due-order index
   * past the entries of jobs already fired (deleted rows stay there until
   * vacuum), so with a backlog the claim's cost grows with the jobs fired and
   * fewer, larger claims matter (tests/bench/timers.bench.ts). A batch is
   * leased at once, so keep batchSize × (time per job) well under leaseMs.
   */
  batchSize?: number;
  backoff?: Backoff;
  logger: Logger;
  /** Pause of start()'s loop after a poll found nothing due. Default 1 s. */
  pollIntervalMs?: number;
}

interface ClaimRow {
  id: string;
  tenant_id: string;
  case_id: string | null;
  type: string;
  dedupe_key: string | null;
  due_at: Date;
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  locked_until: Date;
}

/** Stored errors are capped: a stack trace is useful, a megabyte of one is not. */
const MAX_ERROR_LENGTH = 4_000;

/** A worker id that is unique across machines, processes and restarts. */
export function defaultWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Fires due jobs. Any number of workers, in any number of processes, may run
 * against one database: each claims a batch with FOR UPDATE SKIP LOCKED and a
 * lease, then runs every job in its own transaction that first deletes the
 * row where `locked_by` still holds this claim's token. The delete is the
 * exactly-once gate (docs/scheduler.md): it fails if the lease was taken
 * over, and its row lock keeps everyone else off the job until the handler's
 * effects commit or roll back. One connection at a time and no nested
 * transactions, so embedded PGlite runs the same code.
 */
export class JobWorker {
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly backoff: Backoff;
  private readonly pollIntervalMs: number;
  private claims = 0;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly options: JobWorkerOptions) {
    this.leaseMs = options.leaseMs ?? 60_000;
    this.batchSize = options.batchSize ?? 50;
    this.backoff = options.backoff ?? exponentialBackoff();
    this.pollIntervalMs = options.pollIntervalMs ?? 1_000;
  }

  get workerId(): string {
    return this.options.workerId;
  }

  /**
   * Claim due jobs and run them one after another; returns how many were
   * claimed. Errors of single jobs are recorded on the job, never thrown.
   */
  async runOnce(): Promise<number> {
    const jobs = await this.claimDue();
    for (const [index, job] of jobs.entries()) {
      if (this.stopping) {
        await this.release(job.lockToken, jobs.length - index);
        break;
      }
      try {
        await this.execute(job);
      } catch (err) {
        // Only the bookkeeping after a failure can land here (database gone). The lease
        // is still ours; when it expires another worker (or this one) takes the job over.
        this.options.logger.error({ err, jobId: job.id, type: job.type }, 'job bookkeeping failed; the lease will expire and the job be retried');
      }
    }
    return jobs.length;
  }

  /**
   * Run what is due now, round after round, until a round finds nothing
   * (a fired job may schedule more that is already due: messages cascade).
   * For hand-driven clocks (scenario rehearsal, tests), never the polling
   * loop; throws when jobs keep coming after `maxRounds`, a runaway loop.
   */
  async runUntilIdle(maxRounds = 50): Promise<number> {
    let total = 0;
    for (let round = 0; round < maxRounds; round++) {
      const n = await this.runOnce();
      if (n === 0) return total;
      total += n;
    }
    throw new Error(`jobs kept coming after ${maxRounds} rounds`);
  }

  /**
   * Lease up to batchSize due jobs to this worker, oldest due first, in one
   * short statement (no transaction held open). runOnce() = claimDue() +
   * execute() of each; they are separate so a caller can see a claim that
   * is never executed, which is exactly what a crashed process leaves behind.
   */
  async claimDue(): Promise<ClaimedJob[]> {
    if (this.stopping) return [];
    const now = this.options.clock.now();
    const lockToken = `${this.options.workerId}:${++this.claims}`;
    const rows = await this.options.orm.em.fork().execute<ClaimRow[]>(
      `update job set locked_by = ?, locked_until = ?
        where id in (
          select id from job
           where status = 'pending' and due_at <= ? and (locked_until is null or locked_until <= ?)
           order by due_at, id
           limit ?
           for update skip locked)
        returning id, tenant_id, case_id, type, dedupe_key, due_at, payload, attempts, max_attempts, locked_until`,
      [lockToken, new Date(now.getTime() + this.leaseMs), now, now, this.batchSize],
    );
    return rows.map((row) => toClaimedJob(row, lockToken)).sort(byDueThenId);
  }

  /** Run one claimed job to its outcome: fired, lost, retrying, postponed or failed. */
  async execute(job: ClaimedJob): Promise<JobOutcome> {
    const handler = Object.hasOwn(this.options.handlers, job.type) ? this.options.handlers[job.type] : undefined;
    if (!handler) return this.recordFailure(job, new UnknownJobTypeError(job.type), true);
    try {
      const fired = await this.options.orm.em.fork().transactional(async (em) => {
        const deleted = await em.execute<{ id: string }[]>('delete from job where id = ? and locked_by = ? returning id', [job.id, job.lockToken]);
        if (deleted.length === 0) return false;
        await handler(em, job);
        return true;
      });
      if (!fired) {
        this.options.logger.info({ jobId: job.id, type: job.type, worker: this.options.workerId }, 'job lease lost before it ran; skipped');
        return 'lost';
      }
      this.options.logger.debug({ jobId: job.id, type: job.type, tenantId: job.tenantId }, 'job fired');
      return 'fired';
    } catch (err) {
      if (err instanceof RetryLaterError || err instanceof DeadlockException) return this.postpone(job, err);
      return this.recordFailure(job, err, false);
    }
  }

  /** Poll until stop(): immediately again after a busy poll, pollIntervalMs after an empty or failed one. */
  start(): void {
    if (this.loop) throw new Error(`Job worker ${this.options.workerId} is already running.`);
    this.stopping = false;
    this.loop = this.pollLoop();
  }

  /**
   * Graceful shutdown: the job in flight finishes (commit or failure
   * bookkeeping), jobs claimed but not started are released at once for
   * other workers instead of waiting out their lease, and no new claims are
   * made. Resolves when the worker is idle; a stopped worker claims nothing
   * (runOnce() included) until start() is called again.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }

  private async pollLoop(): Promise<void> {
    while (!this.stopping) {
      let claimed = 0;
      try {
        claimed = await this.runOnce();
      } catch (err) {
        this.options.logger.error({ err, worker: this.options.workerId }, 'claiming jobs failed; will poll again');
      }
      if (claimed === 0 && !this.stopping) await this.idle();
    }
  }

  /** A pause that stop() can cut short. It holds no business state: due jobs are rows. */
  private idle(): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.wake = done;
    });
  }

  private async release(lockToken: string, count: number): Promise<void> {
    await this.options.orm.em.fork().execute('update job set locked_by = null, locked_until = null where locked_by = ?', [lockToken]);
    this.options.logger.info({ worker: this.options.workerId, count }, 'stopping: released claimed jobs that had not started');
  }

  private async postpone(job: ClaimedJob, err: unknown): Promise<JobOutcome> {
    const delayMs = err instanceof RetryLaterError ? err.delayMs : 1_000;
    const dueAt = new Date(this.options.clock.now().getTime() + delayMs);
    const rows = await this.options.orm.em.fork().execute<{ id: string }[]>(
      'update job set due_at = ?, locked_by = null, locked_until = null, last_error = ? where id = ? and locked_by = ? returning id',
      [dueAt, errorText(err), job.id, job.lockToken],
    );
    this.options.logger.info({ jobId: job.id, type: job.type, dueAt, reason: (err as Error).message }, 'job postponed without counting an attempt');
    return rows.length > 0 ? 'postponed' : 'lost';
  }

  /**
   * Count the failed attempt outside the rolled-back transaction: back to
   * pending after the backoff, or, at the last attempt (or with no handler),
   * failed with an incident, in one statement so neither exists without the other.
   */
  private async recordFailure(job: ClaimedJob, err: unknown, permanent: boolean): Promise<JobOutcome> {
    const attempts = job.attempts + 1;
    const final = permanent || attempts >= job.maxAttempts;
    const now = this.options.clock.now();
    const dueAt = final ? job.dueAt : new Date(now.getTime() + this.backoff(attempts));
    const error = errorText(err);
    const [row] = await this.options.orm.em.fork().execute<{ attempts: number; incident_id: string | null }[]>(
      `with updated as (
         update job set attempts = attempts + 1, last_error = ?, status = ?, due_at = ?, locked_by = null, locked_until = null
          where id = ? and locked_by = ?
          returning id, tenant_id, case_id, type, payload, attempts, status
       ), recorded as (
         insert into incident (id, tenant_id, job_id, case_id, job_type, payload, error, attempts, created_at)
         select ?::uuid, tenant_id, id, case_id, type, payload, ?::text, attempts, ?::timestamptz from updated where status = 'failed'
         returning id
       )
       select u.attempts, (select id from recorded) as incident_id from updated u`,
      [error, final ? 'failed' : 'pending', dueAt, job.id, job.lockToken, randomUUID(), error, now],
    );
    const context = { jobId: job.id, type: job.type, tenantId: job.tenantId, caseId: job.caseId, attempts, err };
    if (!row) {
      this.options.logger.warn(context, 'job failed after its lease was lost; the new holder decides');
      return 'lost';
    }
    if (final) {
      this.options.logger.error({ ...context, incidentId: row.incident_id }, 'job failed for good; incident recorded');
      return 'failed';
    }
    this.options.logger.warn({ ...context, nextDueAt: dueAt }, 'job attempt failed; will retry');
    return 'retrying';
  }
}

function toClaimedJob(row: ClaimRow, lockToken: string): ClaimedJob {
  return {
    id: String(row.id),
    tenantId: row.tenant_id,
    caseId: row.case_id,
    type: row.type,
    dedupeKey: row.dedupe_key,
    dueAt: new Date(row.due_at),
    payload: row.payload,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lockToken,
    lockedUntil: new Date(row.locked_until),
  };
}

function byDueThenId(a: ClaimedJob, b: ClaimedJob): number {
  const due = a.dueAt.getTime() - b.dueAt.getTime();
  if (due !== 0) return due;
  return a.id.length - b.id.length || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function errorText(err: unknown): string {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text;
}
