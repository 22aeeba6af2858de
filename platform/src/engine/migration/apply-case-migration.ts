import type { EntityManager } from '@mikro-orm/postgresql';
import { clockStageInstants, DEFAULT_STAGE_THRESHOLDS, recomputeClock, startClock, type DeadlineClock } from '../../calendar';
import type { AuditActor, AuditLog } from '../../domain/audit/audit-log';
import type { CalendarService } from '../../domain/calendar/calendar-service';
import type { LoadedDefinition } from '../definitions/definition-service';
import type { FormService } from '../definitions/form-service';
import type { ElementDef } from '../model/compiled-model';
import type { CaseState } from '../runtime/case-state';
import { ENGINE_JOBS } from '../runtime/engine-deps';
import { planCaseMigration, type ElementMapping, type ElementMove } from './plan-case-migration';

/** What the batch records for one case. */
export type CaseMigrationOutcome = { status: 'migrated'; moves: ElementMove[] } | { status: 'skipped'; reason: string };

export interface CaseMigrationInput {
  tenantId: string;
  caseId: string;
  from: LoadedDefinition;
  to: LoadedDefinition;
  mapping: ElementMapping;
  recomputeDeadlines: boolean;
  planId: string;
  actor: AuditActor;
  now: Date;
}

interface TaskRow {
  id: string;
  element_id: string;
  form_key: string;
  form_version: number;
  deadline: DeadlineClock | null;
  calendar_key: string | null;
  thresholds: { yellow: number; red: number } | null;
  created_at: Date;
}

/**
 * Move one running case from version A to version B, inside the caller's
 * transaction (the batch gives each case its own savepoint, so a case whose
 * migration throws is rolled back alone and the others go on).
 *
 * The case row is locked first, so no command interleaves; engine commands
 * that read it before see a new `version` and retry on B. A case that ended
 * meanwhile, moved already, or cannot be mapped is skipped untouched.
 *
 * Open tasks take B's name, legal basis and form (their assignee,
 * candidates and any draft stay); their due dates stay unless the plan asks
 * to recompute, and then only from B's fixed deadline over the task's own
 * clock (start and pauses), moving the timers armed at the deadline with it.
 */
export async function applyCaseMigration(em: EntityManager, deps: { audit: AuditLog; forms: FormService; calendars: CalendarService }, input: CaseMigrationInput): Promise<CaseMigrationOutcome> {
  const [row] = await em.execute<{ status: string; definition_version_id: string; state: CaseState }[]>(
    'select status, definition_version_id, state from case_instance where id = ? and tenant_id = ? for update',
    [input.caseId, input.tenantId],
  );
  if (!row) return { status: 'skipped', reason: '案件不存在' };
  if (row.status !== 'active') return { status: 'skipped', reason: '案件已办结，无需迁移' };
  if (row.definition_version_id !== input.from.version.id) return { status: 'skipped', reason: '案件已不在源版本上' };

  const plan = planCaseMigration(input.from.process, input.to.process, row.state, input.mapping);
  if (!plan.migratable) return { status: 'skipped', reason: plan.reasons.join('；') };

  const taskIds = plan.state.tokens.flatMap((t) => (t.wait?.kind === 'task' ? [t.wait.ref] : []));
  const recomputed: { taskId: string; from: string | null; to: string }[] = [];
  if (taskIds.length) {
    const tasks = await em.execute<TaskRow[]>(
      `select id, element_id, form_key, form_version, deadline, calendar_key, thresholds, created_at from task where id in (?) and tenant_id = ? and status in ('open', 'claimed')`,
      [taskIds, input.tenantId],
    );
    for (const task of tasks) {
      const token = plan.state.tokens.find((t) => t.wait?.kind === 'task' && t.wait.ref === task.id)!;
      const el = input.to.process.elements.get(token.elementId)!;
      const moved = await retargetTask(em, deps, input, task, el);
      if (moved) recomputed.push(moved);
    }
  }
  for (const { from, to } of plan.moves) {
    await em.execute('update message_subscription set element_id = ? where case_id = ? and tenant_id = ? and element_id = ?', [to, input.caseId, input.tenantId, from]);
    await em.execute(`update job set payload = jsonb_set(payload, '{elementId}', to_jsonb(?::text)) where case_id = ? and tenant_id = ? and payload->>'elementId' = ?`, [to, input.caseId, input.tenantId, from]);
  }
  await em.execute('update case_instance set definition_version_id = ?, state = ?::jsonb, version = version + 1 where id = ? and tenant_id = ?', [
    input.to.version.id,
    JSON.stringify(plan.state),
    input.caseId,
    input.tenantId,
  ]);
  await deps.audit.append(em, input.tenantId, [
    {
      actor: input.actor,
      action: 'case.migrated',
      subject: { type: 'case', id: input.caseId },
      payload: { planId: input.planId, processKey: input.from.process.key, fromVersion: input.from.version.version, toVersion: input.to.version.version, moves: plan.moves, recomputed },
    },
  ]);
  return { status: 'migrated', moves: plan.moves };
}

/** Give an open task B's step: name, article and form; and, when asked, B's deadline. Returns the deadline move, if any. */
async function retargetTask(
  em: EntityManager,
  deps: { forms: FormService; calendars: CalendarService },
  input: CaseMigrationInput,
  task: TaskRow,
  el: ElementDef,
): Promise<{ taskId: string; from: string | null; to: string } | null> {
  const def = el.userTask!;
  const form = def.formKey === task.form_key && (def.formVersion ?? task.form_version) === task.form_version ? { formKey: task.form_key, version: task.form_version } : await deps.forms.resolve(em, input.tenantId, def.formKey, def.formVersion);
  await em.execute('update task set element_id = ?, name = ?, legal_basis = ?, form_key = ?, form_version = ?, version = version + 1 where id = ?', [
    el.id,
    el.name ?? el.id,
    el.legalBasis ?? null,
    form.formKey,
    form.version,
    task.id,
  ]);
  // Only a fixed deadline can be recomputed here; one given by FEEL keeps its due date (documented in docs/versions.md).
  if (!input.recomputeDeadlines || !def.deadline || !('static' in def.deadline)) return null;
  const calendarKey = def.calendar ?? task.calendar_key;
  if (!calendarKey) return null;
  const { calendar } = await deps.calendars.current(em, input.tenantId, calendarKey);
  const clock = task.deadline ? recomputeClock({ ...task.deadline, spec: def.deadline.static }, calendar) : startClock(new Date(task.created_at), def.deadline.static, calendar);
  const base = task.thresholds ?? DEFAULT_STAGE_THRESHOLDS;
  const thresholds = { yellow: def.thresholds?.yellow ?? base.yellow, red: def.thresholds?.red ?? base.red };
  const stage = clockStageInstants(clock, calendar, thresholds);
  await em.execute('update task set deadline = ?::jsonb, due_at = ?, yellow_at = ?, red_at = ?, calendar_key = ?, thresholds = ?::jsonb where id = ?', [
    JSON.stringify(clock),
    new Date(clock.dueAt),
    new Date(stage.yellowAt),
    new Date(stage.redAt),
    calendarKey,
    JSON.stringify(thresholds),
    task.id,
  ]);
  await em.execute('update job set due_at = ? where tenant_id = ? and case_id = ? and type = ? and dedupe_key like ?', [
    new Date(clock.dueAt),
    input.tenantId,
    input.caseId,
    ENGINE_JOBS.timer,
    `timer:${input.caseId}:dl:${task.id}:%`,
  ]);
  return { taskId: task.id, from: task.deadline?.dueAt ?? null, to: clock.dueAt };
}
