import type { EntityManager } from '@mikro-orm/postgresql';
import { pgArray } from '../../db/pg-array';
import { NotFoundError } from '../../errors/problem-error';
import type { Principal } from '../auth/principal';
import type { Role } from '../org/membership.entity';

/** Roles that work on cases; an admin configures the platform but reads no case through that role. */
const CASE_ROLES: readonly Role[] = ['staff', 'liaison', 'leader'];

/**
 * Which cases and tasks a user may read: those of their own departments, or
 * every one of their tenant for a leader of the approval bureau (who
 * supervises all departments). Derived from memberships on each request, so
 * a changed membership takes effect at once.
 */
export interface CaseScope {
  tenantId: string;
  /** True for the bureau's leaders: every department of the tenant. */
  all: boolean;
  /** Departments whose cases and tasks the user works on. */
  departmentIds: string[];
}

export function caseScope(principal: Principal): CaseScope {
  const working = principal.memberships.filter((m) => CASE_ROLES.includes(m.role));
  return {
    tenantId: principal.tenantId,
    all: working.some((m) => m.role === 'leader' && m.departmentKind === 'approval_bureau'),
    departmentIds: [...new Set(working.map((m) => m.departmentId))],
  };
}

/** A SQL condition with its bindings, to AND into a query. */
export interface SqlCondition {
  sql: string;
  params: unknown[];
}

/**
 * Cases the scope may read, for a query whose case_instance alias is `c`:
 * started for one of the user's departments, or holding a task (open or
 * done) offered to one of them, which is how pushes reach a department.
 */
export function visibleCases(scope: CaseScope, alias = 'c'): SqlCondition {
  if (scope.all) return { sql: `${alias}.tenant_id = ?`, params: [scope.tenantId] };
  const mine = pgArray(scope.departmentIds);
  return {
    sql: `${alias}.tenant_id = ? and (${alias}.department_id = any(?::uuid[]) or exists (select 1 from task vt where vt.case_id = ${alias}.id and vt.tenant_id = ${alias}.tenant_id and vt.candidate_department_ids && ?::uuid[]))`,
    params: [scope.tenantId, mine, mine],
  };
}

/** Tasks the scope may read, for a query whose task alias is `t`. */
export function visibleTasks(scope: CaseScope, userId: string, alias = 't'): SqlCondition {
  if (scope.all) return { sql: `${alias}.tenant_id = ?`, params: [scope.tenantId] };
  return {
    sql: `${alias}.tenant_id = ? and (${alias}.candidate_department_ids && ?::uuid[] or ${alias}.assignee_id = ? or ${alias}.completed_by = ?)`,
    params: [scope.tenantId, pgArray(scope.departmentIds), userId, userId],
  };
}

/**
 * The case's row if the principal may read it.
 * @throws NotFoundError when the case does not exist, belongs to another
 *   tenant, or lies outside the user's departments: all three look alike,
 *   so ids reveal nothing.
 */
export async function assertCaseVisible(em: EntityManager, principal: Principal, caseId: string): Promise<void> {
  const cond = visibleCases(caseScope(principal));
  const [row] = await em.execute<{ id: string }[]>(`select c.id from case_instance c where c.id = ? and ${cond.sql}`, [caseId, ...cond.params]);
  if (!row) throw new NotFoundError(`No case ${caseId}.`);
}

/**
 * @throws NotFoundError when the task does not exist or is outside the user's reach (see {@link assertCaseVisible}).
 */
export async function assertTaskVisible(em: EntityManager, principal: Principal, taskId: string): Promise<{ caseId: string }> {
  const cond = visibleTasks(caseScope(principal), principal.userId);
  const [row] = await em.execute<{ case_id: string }[]>(`select t.case_id from task t where t.id = ? and ${cond.sql}`, [taskId, ...cond.params]);
  if (!row) throw new NotFoundError(`No task ${taskId}.`);
  return { caseId: row.case_id };
}
