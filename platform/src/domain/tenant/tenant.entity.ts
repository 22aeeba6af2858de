import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { PackCircular, PackOfflineDelivery, PackPersonalData, PackPublicIntake } from '../pack/pack-manifest';

/**
 * A county. Every other row carries a tenant id, and every query filters by
 * it: counties share one database but never see each other's data.
 */
/** Per-county settings that come from its pack. */
export interface TenantSettings {
  /** Deadline card thresholds for tasks whose diagram sets none. */
  warningThresholds?: { yellow: number; red: number };
  /** Display names the pack gives the platform's roles. */
  roleNames?: Record<string, string>;
  offlineDelivery?: PackOfflineDelivery;
  circular?: PackCircular;
  publicIntake?: PackPublicIntake;
  personalData?: PackPersonalData;
  /** Validity window of the pack the tenant runs (ISO dates). */
  validity?: { from?: string; to?: string };
  /** What the pack says about itself (pack.json), for the designer's pack page and for exporting the tenant as a pack. */
  pack?: { title: string; documentNumber: string; jurisdiction: { code: string; name: string } };
}

export const Tenant = defineEntity({
  name: 'Tenant',
  tableName: 'tenant',
  properties: {
    id: p.uuid().primary(),
    code: p.string().length(64).unique(),
    name: p.string().length(200),
    /** The definition pack this tenant was created from (pack.json `id`). */
    packId: p.string().length(100),
    /** Key of the calendar deadlines use unless a procedure names another. */
    defaultCalendarKey: p.string().length(64).nullable(),
    settings: p.json<TenantSettings>().defaultRaw(`'{}'`),
    createdAt: p.datetime(),
  },
});
export type Tenant = InferEntity<typeof Tenant>;
