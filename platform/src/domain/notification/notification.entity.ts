import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** An in-app notification (the bell): to a department's members or to one user. */
export const Notification = defineEntity({
  name: 'Notification',
  tableName: 'notification',
  indexes: [{ properties: ['tenantId', 'recipientDepartmentId', 'createdAt'] }, { properties: ['tenantId', 'recipientUserId', 'createdAt'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    recipientDepartmentId: p.uuid().nullable(),
    recipientUserId: p.uuid().nullable(),
    kind: p.string().length(50),
    title: p.string().length(300),
    body: p.text().nullable(),
    caseId: p.uuid().nullable(),
    taskId: p.uuid().nullable(),
    channel: p.string().length(30),
    createdAt: p.datetime(),
    readAt: p.datetime().nullable(),
  },
});
export type Notification = InferEntity<typeof Notification>;
