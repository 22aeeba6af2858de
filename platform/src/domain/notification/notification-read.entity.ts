import { defineEntity, p, type InferEntity } from '@mikro-orm/core';

/**
 * That one user has read one notification. Department notifications reach
 * every member, so "read" is per person, not a flag on the notification.
 */
export const NotificationRead = defineEntity({
  name: 'NotificationRead',
  tableName: 'notification_read',
  properties: {
    notificationId: p.uuid().primary(),
    userId: p.uuid().primary(),
    readAt: p.datetime(),
  },
});
export type NotificationRead = InferEntity<typeof NotificationRead>;
