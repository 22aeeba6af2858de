import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../domain/tenant/tenant.entity';

/**
 * A job is `pending` until a worker fires it (the row is then deleted in the
 * handler's own transaction) or `failed` after its last attempt (the row
 * stays, with an incident, so nothing is lost).
 */
export type JobStatus = 'pending' | 'failed';

/**
 * A durable timer or asynchronous continuation. Jobs are rows, not
 * setTimeouts, so they survive restarts and any number of server processes
 * can share them: workers claim due rows with FOR UPDATE SKIP LOCKED and a
 * lease (see docs/scheduler.md for the exactly-once argument).
 *
 * `case_id` has no foreign key on purpose: jobs are also used outside cases,
 * and a case row and its timers are always written in the same transaction
 * by the engine, which cancels the timers when the case ends.
 * Written with raw SQL by JobScheduler and JobWorker; the entity exists so the
 * schema is declared once and migrations can be checked against it.
 */
export const Job = defineEntity({
  name: 'Job',
  tableName: 'job',
  uniques: [{ properties: ['tenantId', 'dedupeKey'] }],
  indexes: [
    { properties: ['tenantId', 'caseId'] },
    // The claim query reads only pending rows in due order; failed rows never slow it down.
    { name: 'job_claim_index', expression: `create index "job_claim_index" on "job" ("due_at", "id") where "status" = 'pending'` },
  ],
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    caseId: p.uuid().nullable(),
    /** Selects the handler, e.g. "timer.fire"; a type no handler knows becomes an incident. */
    type: p.text(),
    /** Unique per tenant while the row exists, so scheduling the same timer twice is a no-op. */
    dedupeKey: p.text().nullable(),
    dueAt: p.datetime(),
    payload: p.json<Record<string, unknown>>(),
    /** Failed attempts so far (a RetryLaterError does not count). */
    attempts: p.integer(),
    maxAttempts: p.integer(),
    status: p.enum(() => ({ pending: 'pending', failed: 'failed' })).columnType('text'),
    /** The claim token of the worker holding the lease: "<workerId>:<claim number>". */
    lockedBy: p.text().nullable(),
    lockedUntil: p.datetime().nullable(),
    lastError: p.text().nullable(),
    createdAt: p.datetime(),
  },
});
export type Job = InferEntity<typeof Job>;
