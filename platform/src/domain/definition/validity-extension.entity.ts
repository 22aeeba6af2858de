import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';
import { PackRevision } from './pack-revision.entity';

/**
 * An admin's explicit extension (延期适用) of a validity window past its
 * sunset. Rows are never changed: the latest one for a scope wins, and the
 * history stays as the record of who extended what, when and why (the audit
 * log holds the same event). A null process key extends the whole pack.
 */
export const ValidityExtension = defineEntity({
  name: 'ValidityExtension',
  tableName: 'validity_extension',
  indexes: [{ properties: ['tenantId', 'processKey', 'grantedAt'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    /** The procedure extended; null = the whole pack. */
    processKey: p.string().length(100).nullable(),
    /** The new last valid local date (inclusive). */
    extendedTo: p.string().columnType('date'),
    reason: p.text(),
    grantedBy: p.uuid().nullable(),
    grantedAt: p.datetime(),
    /** The pack revision whose versions it extends (granted while that revision was current); null = the original pack. */
    packRevisionId: p.manyToOne(PackRevision).mapToPk().fieldName('pack_revision_id').nullable().deleteRule('restrict'),
  },
});
export type ValidityExtension = InferEntity<typeof ValidityExtension>;
