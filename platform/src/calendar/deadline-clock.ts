import { DeadlineClockError } from './calendar-errors';
import { computeDue } from './compute-due';
import { instantOf } from './day-counting';
import { resolveDeadlineSemantics, type DeadlineSemantics } from './deadline-semantics';
import { deadlineStage, DEFAULT_STAGE_THRESHOLDS, elapsedFraction, type DeadlineStage, type StageThresholds } from './deadline-stage';
import { assertDurationSpec, type DurationSpec } from './duration-spec';
import type { WorkingCalendar } from './working-calendar';

const HOUR_MS = 3_600_000;

/** One suspension of a deadline clock. Instants are ISO 8601 UTC strings so the state is plain JSON. */
export interface ClockPause {
  readonly from: string;
  /** `null` while the clock is still paused. */
  readonly to: string | null;
  /**
   * What the pause gives back, in the spec's unit (working days for a
   * working-day deadline); `null` while paused. See {@link resumeClock}.
   */
  readonly pausedAmount: number | null;
}

/**
 * A deadline whose clock can be suspended, e.g. while an applicant supplies
 * missing material (补正材料 time is not counted). Plain, serialisable data —
 * stored with the task and replayed, never kept in memory between commands.
 * `dueAt` already includes every finished pause; the semantics are stored so
 * that a later pack change cannot alter a running deadline.
 */
export interface DeadlineClock {
  readonly startedAt: string;
  readonly spec: DurationSpec;
  readonly semantics: DeadlineSemantics;
  readonly dueAt: string;
  readonly pauses: readonly ClockPause[];
}

/**
 * Starts a clock for `spec` at `startedAt`.
 * @throws CalendarCoverageError when the due date needs an uncovered year.
 */
export function startClock(
  startedAt: Date,
  spec: DurationSpec,
  cal: WorkingCalendar,
  semantics?: Partial<DeadlineSemantics>,
): DeadlineClock {
  assertDurationSpec(spec);
  const rules = resolveDeadlineSemantics(semantics);
  const dueAt = computeDue(startedAt, spec, cal, rules);
  return { startedAt: startedAt.toISOString(), spec: { ...spec }, semantics: { ...rules }, dueAt: dueAt.toISOString(), pauses: [] };
}

/** Whether the clock is currently suspended. */
export function isClockPaused(clock: DeadlineClock): boolean {
  return clock.pauses.at(-1)?.to === null;
}

/**
 * Suspends the clock at `at`. The due date is left as it is until the clock
 * resumes, because only then is the length of the pause known.
 * @throws DeadlineClockError `alreadyPaused`; `outOfOrder` when `at` is before the start or the last resume;
 *   `overdue` when `at` is at or after the due instant (an overdue deadline cannot be rescued by pausing).
 */
export function pauseClock(clock: DeadlineClock, at: Date): DeadlineClock {
  const atMs = instantOf(at, 'at');
  if (isClockPaused(clock)) throw new DeadlineClockError('alreadyPaused', 'The deadline clock is already paused');
  const lastTo = clock.pauses.at(-1)?.to;
  const notBefore = Math.max(isoMs(clock.startedAt), lastTo == null ? -Infinity : isoMs(lastTo));
  if (atMs < notBefore) {
    throw new DeadlineClockError('outOfOrder', `Cannot pause at ${at.toISOString()}, before the clock's start or last resume`);
  }
  if (atMs >= isoMs(clock.dueAt)) {
    throw new DeadlineClockError('overdue', `Cannot pause at ${at.toISOString()}: the deadline was due at ${clock.dueAt}`);
  }
  return { ...clock, pauses: [...clock.pauses, { from: at.toISOString(), to: null, pausedAmount: null }] };
}

/**
 * Restarts a paused clock at `at` and extends the due date by the paused amount.
 *
 * The rule, per unit of the spec:
 * - working days: the working days after the day the pause started, up to and
 *   including the day it ended. The day the clock stops still counts (work was
 *   possible that day) and the resume day does not (like a trigger day, 民法典
 *   art. 201). So a pause that starts and ends on the same day extends nothing,
 *   and a pause from Friday to Monday extends by one working day (Monday).
 * - calendar days: the same rule over calendar days.
 * - hours: the exact paused duration.
 *
 * The new due date is `computeDue(start, spec.amount + all paused amounts)`,
 * i.e. the deadline as if those days were never part of it.
 * @throws DeadlineClockError `notPaused`; `outOfOrder` when `at` is before the pause began.
 * @throws CalendarCoverageError when the new due date needs an uncovered year.
 */
export function resumeClock(clock: DeadlineClock, at: Date, cal: WorkingCalendar): DeadlineClock {
  const atMs = instantOf(at, 'at');
  const open = clock.pauses.at(-1);
  if (open === undefined || open.to !== null) throw new DeadlineClockError('notPaused', 'The deadline clock is not paused');
  const fromMs = isoMs(open.from);
  if (atMs < fromMs) throw new DeadlineClockError('outOfOrder', `Cannot resume at ${at.toISOString()}, before the pause at ${open.from}`);

  const fromDay = cal.dayOf(fromMs);
  const toDay = cal.dayOf(atMs);
  const pausedAmount =
    clock.spec.unit === 'workingDays'
      ? cal.countWorkingDays(fromDay + 1, toDay)
      : clock.spec.unit === 'calendarDays'
        ? toDay - fromDay
        : (atMs - fromMs) / HOUR_MS;
  const pauses = [...clock.pauses.slice(0, -1), { from: open.from, to: at.toISOString(), pausedAmount }];
  const totalPaused = pauses.reduce((sum, p) => sum + (p.pausedAmount ?? 0), 0);
  const extended = { unit: clock.spec.unit, amount: clock.spec.amount + totalPaused } as DurationSpec;
  const dueAt = computeDue(new Date(isoMs(clock.startedAt)), extended, cal, resolveDeadlineSemantics(clock.semantics));
  return { ...clock, dueAt: dueAt.toISOString(), pauses };
}

/**
 * The card colour of a clock at `now`. While paused the colour is frozen at
 * the moment the pause began; working-day specs measure working time, others
 * wall-clock time (see `deadlineStage`).
 */
export function clockStage(
  clock: DeadlineClock,
  now: Date,
  cal: WorkingCalendar,
  thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS,
): DeadlineStage {
  const open = clock.pauses.at(-1);
  const at = open !== undefined && open.to === null ? new Date(isoMs(open.from)) : now;
  const measure = clock.spec.unit === 'workingDays' ? 'workingTime' : 'wallClock';
  return deadlineStage(new Date(isoMs(clock.startedAt)), new Date(isoMs(clock.dueAt)), at, cal, thresholds, measure);
}

function isoMs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new RangeError(`Invalid instant in deadline clock: "${iso}"`);
  return ms;
}

/**
 * The same clock's due instant on another calendar (after an admin edited
 * holidays): the spec plus everything paused so far, counted again from the
 * original start. A paused clock has no due instant to move and is returned
 * as it is; it is recomputed when it resumes.
 */
export function recomputeClock(clock: DeadlineClock, cal: WorkingCalendar): DeadlineClock {
  if (isClockPaused(clock)) return clock;
  const paused = clock.pauses.reduce((sum, p) => sum + (p.pausedAmount ?? 0), 0);
  const dueAt = computeDue(new Date(clock.startedAt), { ...clock.spec, amount: clock.spec.amount + paused }, cal, clock.semantics);
  return { ...clock, dueAt: dueAt.toISOString() };
}

/**
 * The instants at which a running clock's card turns yellow and red: the
 * earliest moments whose elapsed fraction (as {@link clockStage} measures it)
 * reaches each threshold. Stored on tasks so inbox views ("即将超期") filter
 * in SQL instead of computing every task's stage; recompute them whenever
 * the due instant moves.
 * @throws CalendarCoverageError with working-day clocks whose interval touches an uncovered year.
 */
export function clockStageInstants(
  clock: DeadlineClock,
  cal: WorkingCalendar,
  thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS,
): { yellowAt: string; redAt: string } {
  const start = new Date(isoMs(clock.startedAt));
  const due = new Date(isoMs(clock.dueAt));
  const measure = clock.spec.unit === 'workingDays' ? 'workingTime' : 'wallClock';
  const reach = (fraction: number): string => {
    let lo = start.getTime();
    let hi = due.getTime();
    // elapsedFraction is non-decreasing in `now`: bisect to the first millisecond reaching `fraction`.
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (elapsedFraction(start, due, new Date(mid), cal, measure) >= fraction) hi = mid;
      else lo = mid;
    }
    return new Date(hi).toISOString();
  };
  return { yellowAt: reach(thresholds.yellow), redAt: reach(thresholds.red) };
}
