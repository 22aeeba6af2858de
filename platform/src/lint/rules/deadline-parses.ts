/**
 * cm/deadline-parses — every time limit in a diagram means something:
 * cm:deadline and timer durations are durations `parseDurationSpec` accepts
 * ("20WD", "3 calendar days", "PT4H"), timer dates are ISO date-times with a
 * UTC offset, timer cycles are what the engine's `parseTimerCycle` accepts
 * (anchored ISO 8601 repeating intervals) and sit on a start event or a
 * non-interrupting boundary event, each timer says exactly one of those (or
 * cm:atTaskDeadline on a boundary event of a user task that has a deadline),
 * and cm:warnYellow / cm:warnRed are fractions in (0, 1), yellow no later
 * than red, on a task that has a deadline.
 *
 * Why: the classic mistake in transcribing a regulation is "3 days" for
 * "3 working days"; refused here, it never reaches a case. The checks reuse
 * the engine's own parsers, so the designer and publishing refuse exactly
 * what the compiler would. Values written as FEEL ("=...") are left to
 * cm/feel-parses, so one typo gives one error. Pure JS over the moddle tree,
 * so the designer runs it too.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';
import { DurationSpecError, parseDurationSpec } from '../../calendar';
import { isFeel } from '../../engine/expressions/feel';
import { parseIsoDateTime } from '../../engine/parse/iso-date-time';
import { parseTimerCycle, TimerCycleError } from '../../engine/parse/timer-cycle';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly $type: string;
  readonly id?: string;
  readonly $parent?: Node;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

const deadlineParses: RuleFactory = () => {
  function check(node: Node, reporter: Reporter): void {
    if (node.$instanceOf('bpmn:UserTask')) checkUserTask(node, reporter);
    if (node.$instanceOf('bpmn:TimerEventDefinition')) checkTimer(node, reporter);
  }

  return { check };
};

function checkUserTask(task: Node, reporter: Reporter): void {
  const id = task.id ?? '';
  const deadline = task.deadline;
  if (typeof deadline === 'string') {
    const problem = durationProblem(deadline);
    if (problem !== undefined) reporter.report(id, `cm:deadline: ${problem}`);
  }
  const yellow = task.warnYellow;
  const red = task.warnRed;
  const yellowOk = checkFraction('cm:warnYellow', yellow, id, reporter);
  const redOk = checkFraction('cm:warnRed', red, id, reporter);
  if ((yellow !== undefined || red !== undefined) && (typeof deadline !== 'string' || deadline.trim() === '')) {
    reporter.report(id, 'cm:warnYellow / cm:warnRed are fractions of the deadline, but the task has no cm:deadline');
  }
  if (yellowOk && redOk && typeof yellow === 'number' && typeof red === 'number' && yellow > red) {
    reporter.report(id, `cm:warnYellow (${yellow}) must not be later than cm:warnRed (${red})`);
  }
}

/** True when absent or valid; reports and returns false otherwise. */
function checkFraction(attribute: string, value: unknown, id: string, reporter: Reporter): boolean {
  if (value === undefined) return true;
  if (typeof value === 'number' && value > 0 && value < 1) return true;
  reporter.report(id, `${attribute} must be a fraction of the time limit between 0 and 1 (exclusive), e.g. 0.5; got ${String(value)}`);
  return false;
}

function checkTimer(timer: Node, reporter: Reporter): void {
  const event = timer.$parent;
  const id = event?.id ?? timer.id ?? '';
  const duration = body(timer.timeDuration);
  const date = body(timer.timeDate);
  const cycle = body(timer.timeCycle);
  const atTaskDeadline = timer.atTaskDeadline === true;
  const given = [duration, date, cycle].filter((v) => v !== undefined).length + (atTaskDeadline ? 1 : 0);
  if (given === 0) {
    reporter.report(id, 'Timer has no duration, date or cycle; set one (or cm:atTaskDeadline on a boundary event of a user task)');
    return;
  }
  if (given > 1) {
    reporter.report(id, 'Timer sets more than one of duration, date, cycle and cm:atTaskDeadline; keep exactly one');
  }
  if (duration !== undefined) {
    const problem = durationProblem(duration);
    if (problem !== undefined) reporter.report(id, `Timer duration: ${problem}`);
  }
  if (date !== undefined && !isFeel(date) && !isInstant(date)) {
    reporter.report(id, `Timer date "${date}" is not an ISO 8601 date-time with a UTC offset, e.g. "2024-03-01T09:00:00+08:00"`);
  }
  if (cycle !== undefined) {
    const problem = cycleProblem(cycle);
    if (problem !== undefined) reporter.report(id, problem);
    if (!repeatsThere(event)) {
      reporter.report(id, 'A timer cycle repeats only on a timer start event or a non-interrupting boundary timer; use a duration or date here');
    }
  }
  if (atTaskDeadline) checkAtTaskDeadline(event, id, reporter);
}

function checkAtTaskDeadline(event: Node | undefined, id: string, reporter: Reporter): void {
  const host = event?.$instanceOf('bpmn:BoundaryEvent') ? event.attachedToRef : undefined;
  const ok = isNode(host) && host.$instanceOf('bpmn:UserTask') && typeof host.deadline === 'string' && host.deadline.trim() !== '';
  if (!ok) {
    reporter.report(id, 'cm:atTaskDeadline needs a boundary event attached to a user task that has a cm:deadline');
  }
}

/** Why `text` is not a usable duration, or undefined when it is (or is FEEL, which cm/feel-parses checks). */
function durationProblem(text: string): string | undefined {
  if (text.trim() === '') return 'is empty; give a duration such as "20WD" or remove the attribute';
  if (isFeel(text)) return undefined;
  try {
    parseDurationSpec(text);
    return undefined;
  } catch (err) {
    if (err instanceof DurationSpecError) return err.message;
    throw err;
  }
}

/** Why `text` is not a cycle the engine can run, or undefined when it is. */
function cycleProblem(text: string): string | undefined {
  if (isFeel(text)) return `Timer cycle "${text}" must be a fixed ISO 8601 repeating interval, not FEEL`;
  try {
    parseTimerCycle(text);
    return undefined;
  } catch (err) {
    if (err instanceof TimerCycleError) return err.message;
    throw err;
  }
}

/** Cycles fire again and again, which only a start event or a non-interrupting boundary event can. */
function repeatsThere(event: Node | undefined): boolean {
  if (event === undefined) return false;
  if (event.$instanceOf('bpmn:StartEvent')) return true;
  return event.$instanceOf('bpmn:BoundaryEvent') && event.cancelActivity === false;
}

/** A date-time with an explicit offset: a local time would be read in whatever zone the server runs in. */
function isInstant(text: string): boolean {
  const parsed = parseIsoDateTime(text);
  return parsed !== undefined && !parsed.dateOnly && parsed.offsetMinutes !== undefined;
}

function body(expression: unknown): string | undefined {
  if (!isNode(expression)) return undefined;
  return typeof expression.body === 'string' && expression.body.trim() !== '' ? expression.body : undefined;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

export = deadlineParses;
