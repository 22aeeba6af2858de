import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** A token waiting for a named message with a correlation key; found by (tenant, name, key) when a message arrives. */
export const MessageSubscription = defineEntity({
  name: 'MessageSubscription',
  tableName: 'message_subscription',
  indexes: [{ properties: ['tenantId', 'messageName', 'correlationKey'] }, { properties: ['caseId'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    caseId: p.uuid(),
    tokenId: p.string().length(64),
    elementId: p.string().length(100),
    messageName: p.string().length(200),
    correlationKey: p.string().length(500),
    createdAt: p.datetime(),
  },
});
export type MessageSubscription = InferEntity<typeof MessageSubscription>;
