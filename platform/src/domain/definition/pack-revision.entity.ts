import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/** A revision is prepared as a draft, then published once; a draft may be discarded (its row is deleted). */
export type PackRevisionStatus = 'draft' | 'published';

/**
 * A whole-pack successor (e.g. 「2025年修订」): the county's rules re-issued
 * under a new document with their own validity window. Versions published
 * under it carry its id and take its window as their pack window, so the
 * predecessor's versions keep the predecessor's window (and its 延期适用)
 * instead of being stretched by a wider one. The county's original pack has
 * no row: versions with a null revision use `tenant.settings.validity`.
 *
 * At most one draft per county (a partial unique index), so two admins never
 * prepare competing successors over the same designer drafts.
 */
export const PackRevision = defineEntity({
  name: 'PackRevision',
  tableName: 'pack_revision',
  uniques: [
    { properties: ['tenantId', 'label'] },
    { name: 'pack_revision_one_draft_index', expression: `create unique index "pack_revision_one_draft_index" on "pack_revision" ("tenant_id") where "status" = 'draft'` },
  ],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    /** How admins name it, unique in the county: 「2025年修订」. */
    label: p.text(),
    /** The regulation's title and document number (文号); shown on the pack page once published. */
    title: p.text().nullable(),
    documentNumber: p.text().nullable(),
    /** First local date (Asia/Shanghai, inclusive) of the revision's window. */
    effectiveFrom: p.string().columnType('date'),
    /** Last local date (inclusive); null = open-ended. */
    effectiveTo: p.string().columnType('date').nullable(),
    status: p.enum(() => ({ draft: 'draft', published: 'published' })).columnType('text'),
    createdAt: p.datetime(),
    createdBy: p.uuid().nullable(),
    publishedAt: p.datetime().nullable(),
    publishedBy: p.uuid().nullable(),
  },
});
export type PackRevision = InferEntity<typeof PackRevision>;
