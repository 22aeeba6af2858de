import { randomUUID } from 'node:crypto';
import { addHours, computeDue, parseDurationSpec, type DurationSpec } from '../../calendar';
import type { ElementDef, StaticOrFeel } from '../model/compiled-model';
import { nextCycleFire } from '../parse/timer-cycle';
import type { Token } from './case-state';
import { commandCalendar } from './command-lookups';
import { ENGINE_JOBS } from './engine-deps';
import { ProcessExecutionError } from './engine-errors';
import type { Execution } from './execution';

/** The dedupe key of a timer job: one per armed timer, so re-arming is idempotent. */
export const timerKey = (caseId: string, ref: string) => `timer:${caseId}:${ref}`;

/**
 * Timers at a task's deadline get a ref derived from the task, so when the
 * calendar changes and the task's due date moves, its timers can be found
 * and moved with it (see task-deadline-recomputer).
 */
export const deadlineTimerRef = (taskId: string, boundaryId: string) => `dl:${taskId}:${boundaryId}`;

/** A deadline or duration from the diagram: a parsed spec, or FEEL giving a duration text or a number of working days. */
export function resolveDuration(x: Execution, token: Token, value: StaticOrFeel<DurationSpec>, where: string): DurationSpec {
  if ('static' in value) return value.static;
  const result = x.evaluate(value, token, where);
  if (typeof result === 'number') return { unit: 'workingDays', amount: result };
  if (typeof result === 'string') {
    try {
      return parseDurationSpec(result);
    } catch (err) {
      throw new ProcessExecutionError(where, (err as Error).message);
    }
  }
  throw new ProcessExecutionError(where, `a duration must be text like "3WD" or a number of working days, got ${JSON.stringify(result)}`);
}

/** Due instant of `spec` from the command's time; day-based specs count on the tenant's default calendar. */
export async function dueFrom(x: Execution, spec: DurationSpec, where: string): Promise<Date> {
  if (spec.unit === 'hours') return addHours(x.env.now, spec.amount);
  const key = x.env.defaultCalendarKey;
  if (!key) throw new ProcessExecutionError(where, 'a day-based deadline needs a calendar, and the tenant has no default calendar');
  return computeDue(x.env.now, spec, await commandCalendar(x.env, key));
}

/**
 * Schedule the durable timer of a timer event for `token`; returns its ref
 * (what the timer job carries back), or null when the event has no timer or
 * its cycle has no occurrence left.
 */
export async function armTimer(x: Execution, token: Token, timerEl: ElementDef, at?: Date, fixedRef?: string): Promise<string | null> {
  const timer = timerEl.event?.timer;
  if (!timer) return null;
  let dueAt: Date;
  if (at) {
    dueAt = at;
  } else if (timer.duration) {
    dueAt = await dueFrom(x, resolveDuration(x, token, timer.duration, `${timerEl.id} timeDuration`), timerEl.id);
  } else if (timer.date) {
    const text = 'static' in timer.date ? timer.date.static : x.evaluate(timer.date, token, `${timerEl.id} timeDate`);
    // A bare date is that day in Shanghai (as for cm:deadlineFrom), never UTC midnight.
    const raw = String(text);
    dueAt = new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00+08:00` : raw);
    if (Number.isNaN(dueAt.getTime())) throw new ProcessExecutionError(timerEl.id, `timeDate is not a date-time: ${JSON.stringify(text)}`);
  } else if (timer.cycle) {
    // A repeating boundary timer: its next occurrence after now (re-armed after each fire), none once the repetitions are used up.
    const next = nextCycleFire(timer.cycle, x.env.now);
    if (!next) return null;
    dueAt = next;
  } else {
    throw new ProcessExecutionError(timerEl.id, 'a timer event needs timeDuration, timeDate, timeCycle, or cm:atTaskDeadline');
  }
  const ref = fixedRef ?? x.nextId('j');
  await x.env.deps.jobs.schedule(x.env.em, {
    tenantId: x.env.tenantId,
    caseId: x.caseId,
    type: ENGINE_JOBS.timer,
    dueAt,
    payload: { caseId: x.caseId, ref, elementId: timerEl.id },
    dedupeKey: timerKey(x.caseId, ref),
  });
  x.record('timer.armed', timerEl, { ref, dueAt: dueAt.toISOString() });
  return ref;
}

/** Subscribe `token` to the message of `el` under its correlation key; returns the subscription id. */
export async function armSubscription(x: Execution, token: Token, el: ElementDef): Promise<string> {
  const name = el.event?.messageName ?? el.messageName;
  if (!name) throw new ProcessExecutionError(el.id, 'a message catch needs a message');
  const keySource = el.event?.correlationKey;
  if (!keySource) throw new ProcessExecutionError(el.id, 'a message catch needs a correlation key');
  const key = x.evaluate(keySource, token, `${el.id} correlationKey`);
  if (key === null || key === undefined || key === '') throw new ProcessExecutionError(el.id, `correlation key evaluated to nothing (${keySource.feel})`);
  const id = randomUUID();
  await x.env.em.execute(
    'insert into message_subscription (id, tenant_id, case_id, token_id, element_id, message_name, correlation_key, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    [id, x.env.tenantId, x.caseId, token.id, el.id, name, String(key), x.env.now],
  );
  x.record('message.subscribed', el, { messageName: name, correlationKey: String(key) });
  return id;
}

/** Undo an armed timer or subscription. */
export async function disarm(x: Execution, kind: 'timer' | 'message', ref: string): Promise<void> {
  if (kind === 'timer') await x.env.deps.jobs.cancel(x.env.em, { tenantId: x.env.tenantId, caseId: x.caseId, dedupeKey: timerKey(x.caseId, ref) });
  else await x.env.em.execute('delete from message_subscription where id = ? and tenant_id = ?', [ref, x.env.tenantId]);
}
