import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** Why two cases are linked: a call activity's child, a push, or a message that started a case. */
export type CaseLinkKind = 'call' | 'push' | 'message';

/** A directed link between cases, shown on the case page as parent/child and pushes. */
export const CaseLink = defineEntity({
  name: 'CaseLink',
  tableName: 'case_link',
  indexes: [{ properties: ['fromCaseId'] }, { properties: ['toCaseId'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    fromCaseId: p.uuid(),
    toCaseId: p.uuid(),
    kind: p.enum(() => ({ call: 'call', push: 'push', message: 'message' })).columnType('text'),
    elementId: p.string().length(100),
    createdAt: p.datetime(),
  },
});
export type CaseLink = InferEntity<typeof CaseLink>;
