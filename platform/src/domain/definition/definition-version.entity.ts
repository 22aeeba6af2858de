import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';
import { PackRevision } from './pack-revision.entity';

/**
 * One published version of a procedure (a BPMN process). Immutable once
 * published: a change is a new version, and a case keeps the version it
 * started on. The XML is kept verbatim; the compiled model is rebuilt from it
 * once per process and cached by this row's id.
 */
export const DefinitionVersion = defineEntity({
  name: 'DefinitionVersion',
  tableName: 'definition_version',
  uniques: [{ properties: ['tenantId', 'processKey', 'version'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    /** The BPMN process id: the procedure's stable key. */
    processKey: p.string().length(100),
    version: p.integer(),
    name: p.string().length(200),
    bpmnXml: p.text().lazy(),
    /** SHA-256 of the XML, so identical re-publishes are recognised. */
    checksum: p.string().length(64),
    status: p.enum(() => ({ published: 'published', retired: 'retired' })).columnType('text'),
    publishedAt: p.datetime(),
    publishedBy: p.uuid().nullable(),
    legalBasis: p.text().nullable(),
    /** First local date (Asia/Shanghai, inclusive) new cases may start on this version; null = open. */
    effectiveFrom: p.string().columnType('date').nullable(),
    /** Last local date (inclusive) new cases may start on it (the sunset); null = open. Running cases are unaffected. */
    effectiveTo: p.string().columnType('date').nullable(),
    /** The whole-pack revision it was published under, whose window bounds it; null = the county's original pack (tenant.settings.validity). */
    packRevisionId: p.manyToOne(PackRevision).mapToPk().fieldName('pack_revision_id').nullable().deleteRule('restrict'),
  },
});
export type DefinitionVersion = InferEntity<typeof DefinitionVersion>;
