import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * The designer's unpublished working copy of one procedure: at most one per
 * procedure key and county, overwritten on every save. Kept apart from
 * definition_version because a draft may be incomplete and must never be
 * started, listed to staff or cached as a compiled model; publishing turns
 * it into a version and deletes it in the same transaction.
 */
export const DefinitionDraft = defineEntity({
  name: 'DefinitionDraft',
  tableName: 'definition_draft',
  uniques: [{ properties: ['tenantId', 'processKey'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    /** The BPMN process id the draft defines, equal to the procedure's key. */
    processKey: p.string().length(100),
    xml: p.text().lazy(),
    updatedAt: p.datetime(),
    updatedBy: p.uuid().nullable(),
  },
});
export type DefinitionDraft = InferEntity<typeof DefinitionDraft>;
