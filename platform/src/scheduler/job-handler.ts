import type { EntityManager } from '@mikro-orm/postgresql';

/** A job a worker holds a lease on, as its handler receives it. */
export interface ClaimedJob {
  id: string;
  tenantId: string;
  caseId: string | null;
  type: string;
  dedupeKey: string | null;
  /** When it was due (the timer's instant), not when it is running. */
  dueAt: Date;
  payload: Record<string, unknown>;
  /** Attempts that already failed; 0 on the first run. */
  attempts: number;
  maxAttempts: number;
  /** This claim's token in `job.locked_by`; the worker's delete and failure updates match on it. */
  lockToken: string;
  lockedUntil: Date;
}

/**
 * Runs one job inside the transaction that also deletes it, so the job's
 * effects and its disappearance commit together: either both happen exactly
 * once or neither does. Use only `em` (never another fork: embedded PGlite
 * has a single connection, and a second one would wait forever). The job
 * carries its tenant; handlers must scope every query by `job.tenantId`.
 * Throw RetryLaterError for a transient conflict, anything else to fail the
 * attempt.
 */
export type JobHandler = (em: EntityManager, job: ClaimedJob) => Promise<void>;

/** Handlers by job type. One worker serves every tenant and every type listed here. */
export type JobHandlers = Readonly<Record<string, JobHandler>>;

/** What happened to one claimed job, for logs, metrics and tests. */
export type JobOutcome =
  /** The handler committed and the job is gone. */
  | 'fired'
  /** The lease was lost (another worker claimed it, or it was cancelled or moved): nothing ran. */
  | 'lost'
  /** The handler failed; the job is pending again after a backoff. */
  | 'retrying'
  /** The handler asked to retry later (or hit a deadlock); no attempt counted. */
  | 'postponed'
  /** Last attempt failed, or no handler exists: the job is failed and an incident recorded. */
  | 'failed';
