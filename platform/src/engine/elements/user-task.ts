import { randomUUID } from 'node:crypto';
import { clockStageInstants, DEFAULT_STAGE_THRESHOLDS, startClock, type DeadlineClock } from '../../calendar';
import { armTaskDeadlineBoundaries, startActivity } from '../runtime/activity-lifecycle';
import { ProcessExecutionError } from '../runtime/engine-errors';
import type { ElementBehaviour, Execution } from '../runtime/execution';
import type { Token } from '../runtime/case-state';
import type { ElementDef, StaticOrFeel } from '../model/compiled-model';
import { resolveDuration } from '../runtime/wait-helpers';
import { pgArray } from '../../db/pg-array';
import { lookUpTaskInputs, requireCalendar, requireForm } from './user-task-inputs';

function codes(x: Execution, token: Token, value: StaticOrFeel<readonly string[]> | undefined, where: string): string[] {
  if (!value) return [];
  if ('static' in value) return [...value.static];
  const result = x.evaluate(value, token, where);
  const list = Array.isArray(result) ? result : [result];
  if (list.some((c) => typeof c !== 'string' || c === '')) throw new ProcessExecutionError(where, `must give department/role codes, got ${JSON.stringify(result)}`);
  return list as string[];
}

/** The ids of the `wanted` department codes, in order. @throws ProcessExecutionError naming the codes the county lacks. */
function departmentIds(el: ElementDef, wanted: string[], found: Map<string, string>): string[] {
  const missing = wanted.filter((c) => !found.has(c));
  if (missing.length) throw new ProcessExecutionError(el.id, `no department with code ${missing.join(', ')} in this county`);
  return wanted.map((c) => found.get(c)!);
}

/**
 * Where a deadline counts from: cm:deadlineFrom (a date is that day in
 * Shanghai, whose end the trigger day is not counted past), or now.
 */
function deadlineStart(x: Execution, token: Token, el: ElementDef): Date {
  const from = el.userTask?.deadlineFrom;
  if (!from) return x.env.now;
  const value = x.evaluate(from, token, `${el.id} deadlineFrom`);
  const text = typeof value === 'string' ? (/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00+08:00` : value) : '';
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new ProcessExecutionError(el.id, `cm:deadlineFrom must give a date or date-time, got ${JSON.stringify(value)}`);
  return at;
}

/**
 * A user task: a row in the candidates' inboxes with its form, its deadline
 * counted on the working-day calendar, and its warning thresholds. The token
 * waits until the task is completed or returned (complete-task command).
 */
export const userTask: ElementBehaviour = {
  async enter(x, token, el) {
    await startActivity(x, token, el, async () => {
      const def = el.userTask!;
      const departmentCodes = codes(x, token, def.candidateDepartments, `${el.id} candidateDepartments`);
      // Everything the diagram computes is evaluated first, so one statement reads what the task needs from the
      // county's configuration; a failed evaluation is raised where it was before (after the department check, or
      // after the form check), so the first problem reported stays the same.
      let candidateRoles: string[] = [];
      let failed: { error: unknown; afterForm: boolean } | null = null;
      try {
        candidateRoles = codes(x, token, def.candidateRoles, `${el.id} candidateRoles`);
      } catch (error) {
        failed = { error, afterForm: false };
      }
      let spec: ReturnType<typeof resolveDuration> | null = null;
      let calendarKey: string | null = null;
      if (!failed && def.deadline) {
        try {
          spec = resolveDuration(x, token, def.deadline, `${el.id} deadline`);
          calendarKey = def.calendar ?? x.env.defaultCalendarKey;
          if (!calendarKey) throw new ProcessExecutionError(el.id, 'the task has a deadline but the tenant has no default calendar');
        } catch (error) {
          failed = { error, afterForm: true };
        }
      }
      const inputs = await lookUpTaskInputs(x.env, { departmentCodes, formKey: def.formKey, formVersion: def.formVersion, calendarKey: failed ? null : calendarKey });
      const candidateDepartmentIds = departmentIds(el, departmentCodes, inputs.departments);
      if (failed && !failed.afterForm) throw failed.error;
      const form = requireForm(inputs, def.formKey, def.formVersion);
      if (failed) throw failed.error;
      let deadline: DeadlineClock | null = null;
      let stageAt: { yellowAt: string; redAt: string } | null = null;
      const fallback = x.env.defaultThresholds ?? DEFAULT_STAGE_THRESHOLDS;
      const thresholds = { yellow: def.thresholds?.yellow ?? fallback.yellow, red: def.thresholds?.red ?? fallback.red };
      if (spec && calendarKey) {
        const calendar = await requireCalendar(x.env, inputs, calendarKey);
        deadline = startClock(deadlineStart(x, token, el), spec, calendar);
        stageAt = clockStageInstants(deadline, calendar, thresholds);
      }
      const dueAt = deadline ? new Date(deadline.dueAt) : null;
      const taskId = randomUUID();
      await x.env.em.execute(
        `insert into task (id, tenant_id, case_id, element_id, token_id, name, status, candidate_department_ids, candidate_roles, assignee_id, form_key, form_version,
                           created_at, due_at, yellow_at, red_at, deadline, calendar_key, thresholds, legal_basis, version)
         values (?, ?, ?, ?, ?, ?, 'open', ?::uuid[], ?::text[], null, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?, 1)`,
        [taskId, x.env.tenantId, x.caseId, el.id, token.id, el.name ?? el.id, pgArray(candidateDepartmentIds), pgArray(candidateRoles), form.formKey, form.version, x.env.now, dueAt,
          stageAt?.yellowAt ?? null, stageAt?.redAt ?? null, deadline ? JSON.stringify(deadline) : null, calendarKey, JSON.stringify(thresholds), el.legalBasis ?? null],
      );
      x.wait(token, { kind: 'task', ref: taskId });
      x.record('task.created', el, { taskId, statusBefore: null, statusAfter: 'open', dueAt: dueAt?.toISOString() ?? null, candidateDepartmentIds });
      if (dueAt) await armTaskDeadlineBoundaries(x, token, el, dueAt);
    });
  },
  async cancel(x, token, el) {
    if (token.wait?.kind !== 'task') return;
    await x.env.em.execute("update task set status = 'cancelled', version = version + 1 where id = ? and tenant_id = ? and status in ('open', 'claimed')", [token.wait.ref, x.env.tenantId]);
    x.record('task.cancelled', el, { taskId: token.wait.ref, statusAfter: 'cancelled' });
  },
};
