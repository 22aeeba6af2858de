import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { CaseStatus } from '../../domain/case/case-instance.entity';
import { NotFoundError } from '../../errors/problem-error';
import type { CaseState } from './case-state';

/** A case row as commands need it. */
export interface CaseRow {
  id: string;
  tenantId: string;
  definitionVersionId: string;
  processKey: string;
  status: CaseStatus;
  variables: Record<string, unknown>;
  state: CaseState;
  version: number;
  parentCaseId: string | null;
  parentTokenId: string | null;
}

/** Thrown when the case row changed since it was read: the command lost an optimistic-lock race and may be retried. */
export class CaseVersionConflict extends Error {
  constructor(readonly caseId: string) {
    super(`case ${caseId} was changed by a concurrent command`);
    this.name = 'CaseVersionConflict';
  }
}

/** Read a case of this tenant (a foreign id is "not found"). No row lock: the write checks the version. */
export async function loadCase(em: EntityManager, tenantId: string, caseId: string): Promise<CaseRow> {
  const [row] = await em.execute<
    { id: string; definition_version_id: string; process_key: string; status: CaseStatus; variables: Record<string, unknown>; state: CaseState; version: number; parent_case_id: string | null; parent_token_id: string | null }[]
  >(
    'select id, definition_version_id, process_key, status, variables, state, version, parent_case_id, parent_token_id from case_instance where id = ? and tenant_id = ?',
    [caseId, tenantId],
  );
  if (!row) throw new NotFoundError(`No case ${caseId}.`);
  return {
    id: row.id,
    tenantId,
    definitionVersionId: row.definition_version_id,
    processKey: row.process_key,
    status: row.status,
    variables: row.variables,
    state: row.state,
    version: row.version,
    parentCaseId: row.parent_case_id,
    parentTokenId: row.parent_token_id,
  };
}

export async function insertCase(
  em: EntityManager,
  row: CaseRow & { businessKey: string | null; idempotencyKey: string | null; startedBy: string | null; startedAt: Date; endedAt: Date | null; departmentId: string | null },
): Promise<void> {
  // A child case (push, call) belongs to its parent's department unless the caller names one.
  await em.execute(
    `insert into case_instance (id, tenant_id, definition_version_id, process_key, business_key, status, variables, state, version, parent_case_id, parent_token_id, idempotency_key, started_by, started_at, ended_at, department_id)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, coalesce(?::uuid, (select p.department_id from case_instance p where p.id = ?::uuid)))`,
    [row.id, row.tenantId, row.definitionVersionId, row.processKey, row.businessKey, row.status, JSON.stringify(row.variables), JSON.stringify(row.state), row.version, row.parentCaseId, row.parentTokenId, row.idempotencyKey, row.startedBy, row.startedAt, row.endedAt, row.departmentId, row.parentCaseId],
  );
}

/** Write the case back if nobody else did meanwhile; otherwise CaseVersionConflict (and the transaction rolls back). */
export async function updateCase(em: EntityManager, row: CaseRow, change: { status: CaseStatus; variables: Record<string, unknown>; state: CaseState; endedAt: Date | null }): Promise<void> {
  const result = await em.execute<QueryResult>(
    'update case_instance set status = ?, variables = ?::jsonb, state = ?::jsonb, version = version + 1, ended_at = coalesce(ended_at, ?) where id = ? and tenant_id = ? and version = ?',
    [change.status, JSON.stringify(change.variables), JSON.stringify(change.state), change.endedAt, row.id, row.tenantId, row.version],
    'run',
  );
  if (result.affectedRows !== 1) throw new CaseVersionConflict(row.id);
}
