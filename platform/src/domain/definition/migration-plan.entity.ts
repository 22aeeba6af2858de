import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * An admin's decision to move the running cases of one procedure from
 * version A to version B, with the element mapping they approved. Kept after
 * it ran as the record of what was moved where and why (each case also has
 * its own `case.migrated` audit entry).
 */
export const MigrationPlan = defineEntity({
  name: 'MigrationPlan',
  tableName: 'migration_plan',
  indexes: [{ properties: ['tenantId', 'processKey', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    processKey: p.string().length(100),
    fromVersionId: p.uuid(),
    toVersionId: p.uuid(),
    /** Source element id → target element id (null = no counterpart). */
    mapping: p.json<Record<string, string | null>>(),
    /** Recompute open tasks' deadlines from B's rules; by default they keep their due date. */
    recomputeDeadlines: p.boolean(),
    status: p.enum(() => ({ running: 'running', done: 'done' })).columnType('text'),
    createdBy: p.uuid().nullable(),
    createdAt: p.datetime(),
    finishedAt: p.datetime().nullable(),
  },
});
export type MigrationPlan = InferEntity<typeof MigrationPlan>;
