import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CalendarData } from '../../calendar';
import { Tenant } from '../tenant/tenant.entity';

/**
 * One immutable version of a tenant's working-day calendar. An edit never
 * changes a row: it inserts the next version, so every deadline can be traced
 * to the calendar it was computed with, and the history is the change log.
 */
export const CalendarVersion = defineEntity({
  name: 'CalendarVersion',
  tableName: 'calendar_version',
  uniques: [{ properties: ['tenantId', 'calendarKey', 'version'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    /** The calendar's `id` inside its data, e.g. "cn-statutory". */
    calendarKey: p.string().length(64),
    version: p.integer(),
    data: p.json<CalendarData>(),
    createdAt: p.datetime(),
    createdBy: p.uuid().nullable(),
    createdByLabel: p.string().length(100),
    note: p.text(),
  },
});
export type CalendarVersion = InferEntity<typeof CalendarVersion>;
