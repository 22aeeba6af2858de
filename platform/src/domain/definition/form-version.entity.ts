import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * One published version of a form: a JSON Schema (validated on the server
 * at every task completion) plus its UI schema. Immutable; tasks record the
 * form version they were created with.
 */
export const FormVersion = defineEntity({
  name: 'FormVersion',
  tableName: 'form_version',
  uniques: [{ properties: ['tenantId', 'formKey', 'version'] }],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    formKey: p.string().length(100),
    version: p.integer(),
    title: p.string().length(200),
    schema: p.json<Record<string, unknown>>(),
    uiSchema: p.json<Record<string, unknown>>().nullable(),
    checksum: p.string().length(64),
    publishedAt: p.datetime(),
    publishedBy: p.uuid().nullable(),
  },
});
export type FormVersion = InferEntity<typeof FormVersion>;
