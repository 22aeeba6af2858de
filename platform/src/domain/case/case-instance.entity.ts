import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { CaseState } from '../../engine/runtime/case-state';
import { DefinitionVersion } from '../definition/definition-version.entity';
import { Tenant } from '../tenant/tenant.entity';

export const CASE_STATUSES = ['active', 'completed', 'terminated', 'failed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A running or finished procedure. `state` holds the tokens and scopes as
 * data (like bpmn-elements' getState), so a command loads one row, advances
 * it, and writes it back under the `version` optimistic lock.
 */
export const CaseInstance = defineEntity({
  name: 'CaseInstance',
  tableName: 'case_instance',
  uniques: [{ properties: ['tenantId', 'idempotencyKey'] }],
  indexes: [
    { properties: ['tenantId', 'status', 'startedAt'] },
    { properties: ['parentCaseId'] },
    { properties: ['tenantId', 'departmentId', 'startedAt'] },
    // Exact-match search on identifiers and document numbers: `variables @> {"idNumber": "..."}` uses this index.
    { name: 'case_instance_variables_gin', expression: 'create index "case_instance_variables_gin" on "case_instance" using gin ("variables" jsonb_path_ops)' },
  ],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    definitionVersionId: p.manyToOne(DefinitionVersion).mapToPk().fieldName('definition_version_id'),
    processKey: p.string().length(100),
    businessKey: p.string().length(200).nullable(),
    status: p.enum(() => ({ active: 'active', completed: 'completed', terminated: 'terminated', failed: 'failed' })).columnType('text'),
    variables: p.json<Record<string, unknown>>(),
    state: p.json<CaseState>(),
    version: p.integer(),
    parentCaseId: p.uuid().nullable(),
    parentTokenId: p.string().length(64).nullable(),
    idempotencyKey: p.string().length(200).nullable(),
    startedBy: p.uuid().nullable(),
    /** The department the case was started for (the starter's, or the parent case's for a child); null for public and timer starts. */
    departmentId: p.uuid().nullable(),
    startedAt: p.datetime(),
    endedAt: p.datetime().nullable(),
  },
});
export type CaseInstance = InferEntity<typeof CaseInstance>;
