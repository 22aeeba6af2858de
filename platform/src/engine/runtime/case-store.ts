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

/** The tenant settings every command's execution needs (deadline defaults), read with the case. */
export interface TenantDefaults {
  defaultCalendarKey: string | null;
  warningThresholds: { yellow: number; red: number } | undefined;
}

/** A case as a command loads it: the row and the tenant's deadline defaults. */
export type LoadedCase = CaseRow & { tenant: TenantDefaults };

/**
 * The select list of a case (alias `c`) joined to its tenant (alias `tn`),
 * for statements that read a case together with something else in one round
 * trip (the task a command acts on); map the row with {@link caseFromRow}.
 */
export const CASE_COLUMNS = `c.id as case_row_id, c.definition_version_id, c.process_key, c.status as case_status, c.variables, c.state, c.version as case_version,
            c.parent_case_id, c.parent_token_id, tn.default_calendar_key, tn.settings->'warningThresholds' as warning_thresholds`;

/** A row selected with {@link CASE_COLUMNS}. */
export interface CaseColumns {
  case_row_id: string;
  definition_version_id: string;
  process_key: string;
  case_status: CaseStatus;
  variables: Record<string, unknown>;
  state: CaseState;
  case_version: number;
  parent_case_id: string | null;
  parent_token_id: string | null;
  default_calendar_key: string | null;
  warning_thresholds: { yellow: number; red: number } | null;
}

/** The case of a row selected with {@link CASE_COLUMNS}. */
export function caseFromRow(row: CaseColumns, tenantId: string): LoadedCase {
  return {
    tenant: { defaultCalendarKey: row.default_calendar_key, warningThresholds: row.warning_thresholds ?? undefined },
    id: row.case_row_id,
    tenantId,
    definitionVersionId: row.definition_version_id,
    processKey: row.process_key,
    status: row.case_status,
    variables: row.variables,
    state: row.state,
    version: row.case_version,
    parentCaseId: row.parent_case_id,
    parentTokenId: row.parent_token_id,
  };
}

/**
 * Read a case of this tenant (a foreign id is "not found") together with the
 * tenant's deadline defaults, in one round trip: every command needs both,
 * and reading the tenant row separately cost a statement per command.
 * No row lock: the write checks the version.
 */
export async function loadCase(em: EntityManager, tenantId: string, caseId: string): Promise<LoadedCase> {
  const [row] = await em.execute<CaseColumns[]>(
    `select ${CASE_COLUMNS}
       from case_instance c join tenant tn on tn.id = c.tenant_id
      where c.id = ? and c.tenant_id = ?`,
    [caseId, tenantId],
  );
  if (!row) throw new NotFoundError(`No case ${caseId}.`);
  return caseFromRow(row, tenantId);
}

/** The link from a parent case to a child it starts (push, call activity), written with the child's row. */
export interface CaseLinkRow {
  id: string;
  kind: 'call' | 'push';
  elementId: string;
  createdAt: Date;
}

/**
 * Insert a new case; with `link`, the parent's link to it too, in the same
 * statement (a push used to spend a round trip per pushed case on the link).
 */
export async function insertCase(
  em: EntityManager,
  row: CaseRow & { businessKey: string | null; idempotencyKey: string | null; startedBy: string | null; startedAt: Date; endedAt: Date | null; departmentId: string | null },
  link?: CaseLinkRow,
): Promise<void> {
  // A child case (push, call) belongs to its parent's department unless the caller names one.
  const insert = `insert into case_instance (id, tenant_id, definition_version_id, process_key, business_key, status, variables, state, version, parent_case_id, parent_token_id, idempotency_key, started_by, started_at, ended_at, department_id)
     values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, coalesce(?::uuid, (select p.department_id from case_instance p where p.id = ?::uuid)))`;
  const params: unknown[] = [row.id, row.tenantId, row.definitionVersionId, row.processKey, row.businessKey, row.status, JSON.stringify(row.variables), JSON.stringify(row.state), row.version, row.parentCaseId, row.parentTokenId, row.idempotencyKey, row.startedBy, row.startedAt, row.endedAt, row.departmentId, row.parentCaseId];
  if (!link) {
    await em.execute(insert, params);
    return;
  }
  await em.execute(
    `with inserted as (${insert} returning id, tenant_id, parent_case_id)
     insert into case_link (id, tenant_id, from_case_id, to_case_id, kind, element_id, created_at) select ?, tenant_id, parent_case_id, id, ?, ?, ? from inserted`,
    [...params, link.id, link.kind, link.elementId, link.createdAt],
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
