import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * A push obligation met outside the platform (书面公函, 案卷移送, 协调会议 in
 * the Qufu pack): the channel, the document number, the delivery date and a
 * scan. The channels themselves are pack data (tenant settings).
 */
export const OfflineDelivery = defineEntity({
  name: 'OfflineDelivery',
  tableName: 'offline_delivery',
  indexes: [{ properties: ['tenantId', 'caseId'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    caseId: p.uuid(),
    taskId: p.uuid().unique(),
    channel: p.string().length(50),
    documentNumber: p.string().length(100),
    deliveredOn: p.string().columnType('date'),
    attachmentId: p.uuid().nullable(),
    note: p.text().nullable(),
    recordedBy: p.uuid(),
    recordedAt: p.datetime(),
  },
});
export type OfflineDelivery = InferEntity<typeof OfflineDelivery>;
