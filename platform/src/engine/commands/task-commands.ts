import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditActor } from '../../domain/audit/audit-log';
import type { TaskStatus } from '../../domain/task/task.entity';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors/problem-error';
import { completeActivity } from '../runtime/activity-lifecycle';
import type { Engine } from '../engine';
import { CASE_COLUMNS, caseFromRow, type CaseColumns } from '../runtime/case-store';

export interface TaskRow {
  id: string;
  case_id: string;
  element_id: string;
  status: TaskStatus;
  assignee_id: string | null;
  form_key: string;
  form_version: number;
  version: number;
}

export async function loadTask(em: EntityManager, tenantId: string, taskId: string): Promise<TaskRow> {
  const [row] = await em.execute<TaskRow[]>('select id, case_id, element_id, status, assignee_id, form_key, form_version, version from task where id = ? and tenant_id = ?', [taskId, tenantId]);
  if (!row) throw new NotFoundError(`No task ${taskId}.`);
  return row;
}

const isOpen = (s: TaskStatus) => s === 'open' || s === 'claimed';

/**
 * Only a member of one of the task's candidate departments, holding one of
 * its candidate roles where the diagram names roles, may claim or finish it.
 * Checked in the engine, so every caller (HTTP, scenarios, imports) obeys it.
 */
export async function isCandidate(em: EntityManager, tenantId: string, userId: string, taskId: string): Promise<boolean> {
  const [row] = await em.execute<{ allowed: boolean }[]>(`select ${CANDIDATE_OF_TASK} as allowed from task t where t.id = ? and t.tenant_id = ?`, [userId, taskId, tenantId]);
  return row?.allowed === true;
}

/**
 * {@link isCandidate} as an SQL condition on the task aliased `t`, binding
 * one `?` to the user id, so a command can decide candidacy in the statement
 * that reads or updates the task instead of a round trip of its own.
 */
const CANDIDATE_OF_TASK = `exists (
       select 1 from membership m where m.tenant_id = t.tenant_id and m.user_id = ?
          and (cardinality(t.candidate_department_ids) = 0 or m.department_id = any(t.candidate_department_ids))
          and (cardinality(t.candidate_roles) = 0 or m.role = any(t.candidate_roles)))`;

/** A task with whether the acting user is one of its candidates. */
export interface TaskForActor extends TaskRow {
  candidate: boolean;
}

const TASK_COLUMNS = 't.id, t.case_id, t.element_id, t.status, t.assignee_id, t.form_key, t.form_version, t.version';

/** The task and, in the same statement, whether `who` is a candidate of it. @throws NotFoundError for an unknown (or foreign) task. */
async function loadTaskForActor(em: EntityManager, who: TaskActor, taskId: string): Promise<TaskForActor> {
  const [row] = await em.execute<TaskForActor[]>(`select ${TASK_COLUMNS}, ${CANDIDATE_OF_TASK} as candidate from task t where t.id = ? and t.tenant_id = ?`, [
    who.userId,
    taskId,
    who.tenantId,
  ]);
  if (!row) throw new NotFoundError(`No task ${taskId}.`);
  return row;
}

const NOT_A_CANDIDATE = 'This task belongs to other departments or roles; only its candidates may act on it.';

/** @throws ForbiddenError unless the actor is a candidate of the task (see {@link isCandidate}). */
export async function assertCandidate(em: EntityManager, who: TaskActor, taskId: string): Promise<void> {
  if (!(await isCandidate(em, who.tenantId, who.userId, taskId))) throw new ForbiddenError(NOT_A_CANDIDATE);
}

/**
 * @throws ConflictError when the caller loaded another version of the task
 *   (If-Match or a version field): someone changed it since, so acting on
 *   what the caller saw could undo their change.
 */
export function assertVersion(task: TaskRow, expectedVersion: number | undefined): void {
  if (expectedVersion !== undefined && expectedVersion !== task.version) {
    throw new ConflictError(`The task changed since you loaded it (version ${expectedVersion}, now ${task.version}); reload and try again.`);
  }
}

/** Who acts on a task: the user (for assignment checks) and how they appear in the audit log. */
export interface TaskActor {
  tenantId: string;
  userId: string;
  actor: AuditActor;
}

/**
 * Claim (认领): the task becomes the user's. Only the task row changes, so
 * claims of different tasks of one case never conflict; two claims of the
 * same task race on its version and exactly one wins.
 */
export async function claimTask(engine: Engine, em: EntityManager, who: TaskActor, taskId: string, expectedVersion?: number): Promise<void> {
  await em.transactional(async (tx) => {
    // The claim is tried first, with every precondition in its WHERE clause: the usual claim is one statement.
    // Only when it changes nothing is the task read, to report why in the order the checks always had
    // (404, 403 not a candidate, 409 not open, 409 other version), else a claim that won the race meanwhile.
    const [claimed] = await tx.execute<{ case_id: string; element_id: string }[]>(
      `update task t set status = 'claimed', assignee_id = ?, claimed_at = ?, version = version + 1
        where t.id = ? and t.tenant_id = ? and t.status = 'open'${expectedVersion !== undefined ? ' and t.version = ?' : ''} and ${CANDIDATE_OF_TASK}
        returning t.case_id, t.element_id`,
      [who.userId, engine.deps.clock.now(), taskId, who.tenantId, ...(expectedVersion !== undefined ? [expectedVersion] : []), who.userId],
    );
    if (!claimed) {
      const task = await loadTaskForActor(tx, who, taskId);
      if (!task.candidate) throw new ForbiddenError(NOT_A_CANDIDATE);
      if (task.status !== 'open') throw new ConflictError(task.status === 'claimed' ? 'The task has already been claimed.' : `The task is ${task.status}.`);
      assertVersion(task, expectedVersion);
      throw new ConflictError('Someone else claimed the task first.');
    }
    await engine.deps.audit.append(tx, who.tenantId, [
      { actor: who.actor, action: 'task.claimed', subject: { type: 'case', id: claimed.case_id }, payload: { taskId, elementId: claimed.element_id, statusBefore: 'open', statusAfter: 'claimed' } },
    ]);
  });
}

/** Give a claimed task back to the department's pool; only its assignee may (others get 403). */
export async function unclaimTask(engine: Engine, em: EntityManager, who: TaskActor, taskId: string, expectedVersion?: number): Promise<void> {
  await em.transactional(async (tx) => {
    const task = await loadTask(tx, who.tenantId, taskId);
    assertVersion(task, expectedVersion);
    if (task.status !== 'claimed') throw new ConflictError(`The task is ${task.status}, not claimed.`);
    if (task.assignee_id !== who.userId) throw new ForbiddenError('Only the person who claimed the task can release it.');
    const result = await tx.execute<QueryResult>(
      "update task set status = 'open', assignee_id = null, claimed_at = null, version = version + 1 where id = ? and tenant_id = ? and status = 'claimed' and version = ?",
      [taskId, who.tenantId, task.version],
      'run',
    );
    if (result.affectedRows !== 1) throw new ConflictError('The task changed meanwhile; reload and try again.');
    await engine.deps.audit.append(tx, who.tenantId, [
      { actor: who.actor, action: 'task.unclaimed', subject: { type: 'case', id: task.case_id }, payload: { taskId, elementId: task.element_id, statusBefore: 'claimed', statusAfter: 'open' } },
    ]);
  });
}

/**
 * Complete a task with its form data (validated on the server against the
 * task's form version), merge the results into the case, and move on.
 * An open task is claimed implicitly; a task claimed by someone else is 403.
 */
export async function completeTask(engine: Engine, em: EntityManager, who: TaskActor, taskId: string, data: Record<string, unknown>, options: FinishOptions = {}): Promise<void> {
  await finishTask(engine, em, who, taskId, 'completed', data, null, options, (tx, task) => engine.deps.forms.validate(tx, who.tenantId, task.form_key, task.form_version, data));
}

/** Optional conditions and side-records of finishing a task. */
export interface FinishOptions {
  /** The version the caller loaded; a different current version is a 409. */
  expectedVersion?: number;
  /** How the obligation was met, e.g. 'offline'; stored on the task for statistics. */
  deliveryChannel?: string;
  /**
   * Extra work in the same transaction, after the task row is updated (e.g.
   * the offline delivery record); what it returns is logged as its own audit event.
   */
  alsoRecord?: (em: EntityManager, task: TaskRow) => Promise<{ action: string; payload: Record<string, unknown> }>;
}

/**
 * Return a task (退回), e.g. "not our department", with a required reason.
 * The token moves on with `returned = true` and `returnReason` as the task's
 * result, so the diagram decides what a return means (re-routing, 督办...).
 */
export async function returnTask(engine: Engine, em: EntityManager, who: TaskActor, taskId: string, reason: string, options: FinishOptions = {}): Promise<void> {
  await finishTask(engine, em, who, taskId, 'returned', { returned: true, returnReason: reason }, reason, options);
}

async function finishTask(
  engine: Engine,
  em: EntityManager,
  who: TaskActor,
  taskId: string,
  status: 'completed' | 'returned',
  result: Record<string, unknown>,
  reason: string | null,
  options: FinishOptions,
  /** Checks of the submission, run right after the task is found (a 404 comes first, a 422 before any 409/403). */
  validate?: (em: EntityManager, task: TaskRow) => Promise<void>,
): Promise<void> {
  // One statement reads the task, whether the user is a candidate, its case and the tenant's defaults.
  const load = async (tx: EntityManager) => {
    const [row] = await tx.execute<(TaskForActor & CaseColumns)[]>(
      `select ${TASK_COLUMNS}, ${CANDIDATE_OF_TASK} as candidate, ${CASE_COLUMNS}
         from task t join case_instance c on c.id = t.case_id and c.tenant_id = t.tenant_id join tenant tn on tn.id = c.tenant_id
        where t.id = ? and t.tenant_id = ?`,
      [who.userId, taskId, who.tenantId],
    );
    if (!row) throw new NotFoundError(`No task ${taskId}.`);
    const task: TaskForActor = {
      id: row.id,
      case_id: row.case_id,
      element_id: row.element_id,
      status: row.status,
      assignee_id: row.assignee_id,
      form_key: row.form_key,
      form_version: row.form_version,
      version: row.version,
      candidate: row.candidate,
    };
    return { loaded: caseFromRow(row, who.tenantId), extra: task };
  };
  await engine.runLoadedCommand(em, who.actor, load, async (x, task) => {
    if (validate) await validate(x.env.em, task);
    if (!isOpen(task.status)) throw new ConflictError(`The task is already ${task.status}.`);
    assertVersion(task, options.expectedVersion);
    if (task.status === 'claimed' && task.assignee_id !== who.userId) throw new ForbiddenError('The task is claimed by someone else.');
    if (task.status === 'open' && !task.candidate) throw new ForbiddenError(NOT_A_CANDIDATE);
    const token = x.state.tokens.find((t) => t.wait?.kind === 'task' && t.wait.ref === taskId);
    if (!token) throw new ConflictError('The case has moved on; this task no longer waits for input.');
    const now = x.env.now;
    const updated = await x.env.em.execute<QueryResult>(
      `update task set status = ?, assignee_id = coalesce(assignee_id, ?), claimed_at = coalesce(claimed_at, ?), completed_at = ?, completed_by = ?,
              submission = ?::jsonb, return_reason = ?, delivery_channel = ?, draft = null, version = version + 1
        where id = ? and tenant_id = ? and version = ? and status in ('open', 'claimed')`,
      [status, who.userId, now, now, who.userId, JSON.stringify(result), reason, options.deliveryChannel ?? null, taskId, who.tenantId, task.version],
      'run',
    );
    if (updated.affectedRows !== 1) throw new ConflictError('The task changed meanwhile; reload and try again.');
    const el = x.element(task.element_id);
    x.record(`task.${status}`, el, { taskId, statusBefore: task.status, statusAfter: status, ...(reason ? { reason } : {}), ...(options.deliveryChannel ? { deliveryChannel: options.deliveryChannel } : {}) });
    if (options.alsoRecord) {
      const also = await options.alsoRecord(x.env.em, task);
      x.record(also.action, el, { taskId, ...also.payload });
    }
    await completeActivity(x, token, result);
    return { changed: true, value: undefined };
  });
}
