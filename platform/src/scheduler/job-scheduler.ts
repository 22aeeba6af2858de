import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../clock';
import type { JobStatus } from './job.entity';
import { InvalidJobError } from './scheduler-errors';

/** What a command asks for: run `type` with `payload` for this tenant (and case) at `dueAt`. */
export interface ScheduleJobInput {
  tenantId: string;
  caseId?: string | null;
  type: string;
  dueAt: Date;
  payload?: Record<string, unknown>;
  /** Attempts before the job becomes an incident; the scheduler's default otherwise. */
  maxAttempts?: number;
  /** Per-tenant key making the call idempotent while the job exists, e.g. "<caseId>:<timer element id>". */
  dedupeKey?: string | null;
}

/** The outcome of schedule(): the job's id, and whether this call created it or found it already scheduled. */
export interface ScheduledJob {
  id: string;
  created: boolean;
}

/**
 * Which jobs of a tenant to cancel, move or list. Every given field must
 * match (AND). At least one of caseId, dedupeKey or ids is required, so a
 * missing argument can never cancel every job of a tenant.
 */
export interface JobSelector {
  tenantId: string;
  caseId?: string;
  dedupeKey?: string;
  ids?: readonly string[];
  /** Narrows a case's jobs to one kind, e.g. only its reminder timers. */
  type?: string;
}

/** A job as the rest of the platform sees it (case timelines, admin views). */
export interface JobView {
  id: string;
  tenantId: string;
  caseId: string | null;
  type: string;
  dedupeKey: string | null;
  dueAt: Date;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: Date | null;
  lastError: string | null;
}

interface JobRow {
  id: string;
  tenant_id: string;
  case_id: string | null;
  type: string;
  dedupe_key: string | null;
  due_at: Date;
  payload: Record<string, unknown>;
  status: JobStatus;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: Date | null;
  last_error: string | null;
}

/** Used when neither the caller nor the scheduler's options say otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * The command side of durable jobs. Every method runs on the CALLER's
 * EntityManager, inside the caller's transaction: a command that starts a
 * timer commits it atomically with the case state, and a rolled-back command
 * leaves no orphan timer. It never opens a transaction or a connection of its
 * own (embedded PGlite has exactly one).
 */
export class JobScheduler {
  private readonly defaultMaxAttempts: number;

  constructor(private readonly options: { clock: Clock; defaultMaxAttempts?: number }) {
    this.defaultMaxAttempts = options.defaultMaxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  /**
   * Add a pending job. With a dedupeKey, a second call while the first job
   * still exists (pending, running or failed) returns that job unchanged:
   * retried commands do not double their timers. Use reschedule() to move it.
   */
  async schedule(em: EntityManager, input: ScheduleJobInput): Promise<ScheduledJob> {
    const maxAttempts = input.maxAttempts ?? this.defaultMaxAttempts;
    if (!input.type.trim()) throw new InvalidJobError('A job needs a type.');
    if (Number.isNaN(input.dueAt.getTime())) throw new InvalidJobError(`Job "${input.type}" has an invalid due date.`);
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new InvalidJobError(`Job "${input.type}" needs maxAttempts ≥ 1 (got ${maxAttempts}).`);
    const params = [input.tenantId, input.caseId ?? null, input.type, input.dedupeKey ?? null, input.dueAt, JSON.stringify(input.payload ?? {}), maxAttempts, this.options.clock.now()];
    const insert = `insert into job (tenant_id, case_id, type, dedupe_key, due_at, payload, attempts, max_attempts, status, created_at)
      values (?, ?, ?, ?, ?, ?::jsonb, 0, ?, 'pending', ?)`;
    if (input.dedupeKey == null) {
      const [row] = await em.execute<{ id: string }[]>(`${insert} returning id`, params);
      return { id: String(row!.id), created: true };
    }
    // The existing row may fire (and vanish) between the conflict and the lookup; then insert again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const [inserted] = await em.execute<{ id: string }[]>(`${insert} on conflict (tenant_id, dedupe_key) do nothing returning id`, params);
      if (inserted) return { id: String(inserted.id), created: true };
      const [existing] = await em.execute<{ id: string }[]>('select id from job where tenant_id = ? and dedupe_key = ?', [input.tenantId, input.dedupeKey]);
      if (existing) return { id: String(existing.id), created: false };
    }
    throw new Error(`Could not schedule job "${input.type}" with dedupe key ${input.dedupeKey}: it kept appearing and disappearing.`);
  }

  /**
   * Delete the selected jobs, whatever their status, and return how many.
   * A worker that already claimed one finds it gone and skips it; one that is
   * running it holds the row lock, so this waits and then finds it fired.
   * Incidents of cancelled jobs stay as history.
   */
  async cancel(em: EntityManager, selector: JobSelector): Promise<number> {
    const where = selectorSql(selector);
    const rows = await em.execute<{ id: string }[]>(`delete from job where ${where.sql} returning id`, where.params);
    return rows.length;
  }

  /**
   * Move the selected pending jobs to a new due time (calendar recomputation,
   * an extended deadline) and return how many moved. A claimed job loses its
   * lease, so a worker that claimed it before the move cannot fire it early.
   * Failed jobs wait for their incident to be resolved and are not moved.
   */
  async reschedule(em: EntityManager, selector: JobSelector, dueAt: Date): Promise<number> {
    if (Number.isNaN(dueAt.getTime())) throw new InvalidJobError('reschedule needs a valid due date.');
    const where = selectorSql(selector);
    const rows = await em.execute<{ id: string }[]>(
      `update job set due_at = ?, locked_by = null, locked_until = null where status = 'pending' and ${where.sql} returning id`,
      [dueAt, ...where.params],
    );
    return rows.length;
  }

  /** The selected jobs in due order, e.g. a case's open timers for its timeline. */
  async find(em: EntityManager, selector: JobSelector): Promise<JobView[]> {
    const where = selectorSql(selector);
    const rows = await em.execute<JobRow[]>(
      `select id, tenant_id, case_id, type, dedupe_key, due_at, payload, status, attempts, max_attempts, locked_by, locked_until, last_error
         from job where ${where.sql} order by due_at, id`,
      where.params,
    );
    return rows.map(toJobView);
  }
}

function selectorSql(selector: JobSelector): { sql: string; params: unknown[] } {
  const clauses = ['tenant_id = ?'];
  const params: unknown[] = [selector.tenantId];
  if (selector.caseId === undefined && selector.dedupeKey === undefined && selector.ids === undefined) {
    throw new InvalidJobError('A job selector needs caseId, dedupeKey or ids besides the tenant.');
  }
  if (selector.caseId !== undefined) {
    clauses.push('case_id = ?');
    params.push(selector.caseId);
  }
  if (selector.dedupeKey !== undefined) {
    clauses.push('dedupe_key = ?');
    params.push(selector.dedupeKey);
  }
  if (selector.ids !== undefined) {
    if (selector.ids.length === 0) clauses.push('false');
    else {
      clauses.push(`id in (${selector.ids.map(() => '?').join(', ')})`);
      params.push(...selector.ids);
    }
  }
  if (selector.type !== undefined) {
    clauses.push('type = ?');
    params.push(selector.type);
  }
  return { sql: clauses.join(' and '), params };
}

function toJobView(row: JobRow): JobView {
  return {
    id: String(row.id),
    tenantId: row.tenant_id,
    caseId: row.case_id,
    type: row.type,
    dedupeKey: row.dedupe_key,
    dueAt: new Date(row.due_at),
    payload: row.payload,
    status: row.status,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    lockedBy: row.locked_by,
    lockedUntil: row.locked_until ? new Date(row.locked_until) : null,
    lastError: row.last_error,
  };
}
