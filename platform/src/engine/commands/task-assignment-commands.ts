import type { QueryResult } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { randomUUID } from 'node:crypto';
import { ConflictError, ForbiddenError, ValidationError } from '../../errors/problem-error';
import type { Engine } from '../engine';
import { assertVersion, isCandidate, loadTask, type TaskActor } from './task-commands';

/** Roles that may hand a colleague's work to someone else in their department. */
const SUPERVISING_ROLES = ['liaison', 'leader'];

/**
 * Delegate (转办) a task to a colleague: the target must be a candidate of
 * the task and share one of its candidate departments with the delegator,
 * so work never leaves the department this way. The delegator is the
 * assignee, a candidate of an open task, or a liaison or leader of one of
 * the task's departments. The target gets the task claimed and a
 * notification; the audit log keeps who handed what to whom.
 */
export async function delegateTask(engine: Engine, em: EntityManager, who: TaskActor, taskId: string, toUserId: string, expectedVersion?: number): Promise<void> {
  await em.transactional(async (tx) => {
    const task = await loadTask(tx, who.tenantId, taskId);
    assertVersion(task, expectedVersion);
    if (task.status !== 'open' && task.status !== 'claimed') throw new ConflictError(`The task is ${task.status}; only open or claimed tasks can be delegated.`);
    if (toUserId === task.assignee_id) throw new ConflictError('The task is already assigned to that person.');
    const [shared] = await tx.execute<{ supervisor: boolean; same_department: boolean }[]>(
      `select exists (select 1 from membership m join task t on t.id = ? where m.tenant_id = ? and m.user_id = ? and m.role = any(?::text[]) and m.department_id = any(t.candidate_department_ids)) as supervisor,
              exists (select 1 from membership a join membership b on b.department_id = a.department_id and b.user_id = ? join task t on t.id = ?
                       where a.tenant_id = ? and a.user_id = ? and a.department_id = any(t.candidate_department_ids)) as same_department`,
      [taskId, who.tenantId, who.userId, `{${SUPERVISING_ROLES.join(',')}}`, toUserId, taskId, who.tenantId, who.userId],
    );
    const mayDelegate =
      task.assignee_id === who.userId || shared?.supervisor === true || (task.status === 'open' && (await isCandidate(tx, who.tenantId, who.userId, taskId)));
    if (!mayDelegate) throw new ForbiddenError('Only the assignee, a candidate of an open task, or a liaison or leader of its department may delegate it.');
    if (!shared?.same_department || !(await isCandidate(tx, who.tenantId, toUserId, taskId))) {
      throw new ValidationError('The task can only be delegated to a colleague in one of its departments who may act on it.', [
        { pointer: '/body/userId', message: 'is not a candidate of this task in your department' },
      ]);
    }
    const now = engine.deps.clock.now();
    const updated = await tx.execute<QueryResult>(
      `update task set status = 'claimed', assignee_id = ?, claimed_at = coalesce(claimed_at, ?), version = version + 1
        where id = ? and tenant_id = ? and version = ? and status in ('open', 'claimed')`,
      [toUserId, now, taskId, who.tenantId, task.version],
      'run',
    );
    if (updated.affectedRows !== 1) throw new ConflictError('The task changed meanwhile; reload and try again.');
    const [target] = await tx.execute<{ display_name: string }[]>('select display_name from app_user where id = ?', [toUserId]);
    const [named] = await tx.execute<{ name: string }[]>('select name from task where id = ?', [taskId]);
    await tx.execute(
      `insert into notification (id, tenant_id, recipient_department_id, recipient_user_id, kind, title, body, case_id, task_id, channel, created_at, read_at)
       values (?, ?, null, ?, 'delegated', ?, ?, ?, ?, 'in-app', ?, null)`,
      [randomUUID(), who.tenantId, toUserId, `转办：${named?.name ?? ''}`, `${who.actor.label} 将任务转给您办理。`, task.case_id, taskId, now],
    );
    await engine.deps.audit.append(tx, who.tenantId, [
      {
        actor: who.actor,
        action: 'task.delegated',
        subject: { type: 'case', id: task.case_id },
        payload: { taskId, elementId: task.element_id, fromUserId: who.userId, previousAssigneeId: task.assignee_id, toUserId, toUserName: target?.display_name ?? null, statusBefore: task.status, statusAfter: 'claimed' },
      },
    ]);
  });
}

/**
 * Save unsubmitted form data for the assignee (auto-save). A draft is not
 * validated, not merged into the case and not audited, and it does not
 * change the task's version, so saving never invalidates the ETag the
 * form was loaded with. Completing or returning the task discards it.
 */
export async function saveDraft(em: EntityManager, who: TaskActor, taskId: string, data: Record<string, unknown>): Promise<void> {
  const task = await loadTask(em, who.tenantId, taskId);
  if (task.status !== 'claimed' || task.assignee_id !== who.userId) throw new ConflictError('Only the person who claimed the task can save a draft; claim it first.');
  const updated = await em.execute<QueryResult>("update task set draft = ?::jsonb where id = ? and tenant_id = ? and status = 'claimed' and assignee_id = ?", [
    JSON.stringify(data),
    taskId,
    who.tenantId,
    who.userId,
  ], 'run');
  if (updated.affectedRows !== 1) throw new ConflictError('The task changed meanwhile; reload and try again.');
}
