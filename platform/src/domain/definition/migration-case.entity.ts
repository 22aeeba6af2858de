import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * One case of a migration plan and what became of it: pending until a batch
 * job reaches it, then migrated, skipped (it could not be moved and stays on
 * its version, untouched) or failed (its migration threw and was rolled back).
 */
export const MigrationCase = defineEntity({
  name: 'MigrationCase',
  tableName: 'migration_case',
  indexes: [{ properties: ['planId', 'status'] }],
  properties: {
    planId: p.uuid().primary(),
    caseId: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    status: p.enum(() => ({ pending: 'pending', migrated: 'migrated', skipped: 'skipped', failed: 'failed' })).columnType('text'),
    reason: p.text().nullable(),
    at: p.datetime().nullable(),
  },
});
export type MigrationCase = InferEntity<typeof MigrationCase>;
