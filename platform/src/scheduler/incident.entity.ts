import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../domain/tenant/tenant.entity';

/** How an incident was closed: its job put back to pending, or accepted as failed. */
export type IncidentResolution = 'retried' | 'dismissed';

/**
 * A job that exhausted its attempts (or that no handler can run), recorded
 * so a person sees it and decides. It copies the job's type, payload and
 * error because the job row may later be retried (and then deleted when it
 * fires) or cancelled with its case; the incident is the lasting record.
 * `job_id` therefore has no foreign key.
 */
export const Incident = defineEntity({
  name: 'Incident',
  tableName: 'incident',
  indexes: [{ properties: ['tenantId', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    jobId: p.bigint('string'),
    caseId: p.uuid().nullable(),
    jobType: p.text(),
    payload: p.json<Record<string, unknown>>(),
    error: p.text(),
    attempts: p.integer(),
    createdAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
    resolvedBy: p.uuid().nullable(),
    resolution: p.enum(() => ({ retried: 'retried', dismissed: 'dismissed' })).columnType('text').nullable(),
  },
});
export type Incident = InferEntity<typeof Incident>;
