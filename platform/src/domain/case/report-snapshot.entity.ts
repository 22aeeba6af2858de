import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** A statistics snapshot taken by the generateReport action (e.g. a monthly circular), frozen as data. */
export const ReportSnapshot = defineEntity({
  name: 'ReportSnapshot',
  tableName: 'report_snapshot',
  indexes: [{ properties: ['tenantId', 'kind', 'periodStart'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    caseId: p.uuid().nullable(),
    kind: p.string().length(100),
    periodStart: p.datetime(),
    periodEnd: p.datetime(),
    data: p.json<Record<string, unknown>>(),
    createdAt: p.datetime(),
  },
});
export type ReportSnapshot = InferEntity<typeof ReportSnapshot>;
