import { assertDayCount, endOfCountedDay, epochDayOfInput, firstCountedDay, instantOf } from './day-counting';
import { resolveDeadlineSemantics, type DeadlineSemantics } from './deadline-semantics';
import { formatLocalDate, type LocalDate } from './local-date';
import type { DayKind, WorkingCalendar } from './working-calendar';

/**
 * Whether a day is a working day: a weekday that is not a statutory holiday,
 * or a 调休 make-up workday. An instant is first mapped to its local date in
 * the calendar's zone (not the server's).
 * @throws CalendarCoverageError when the date's year is not covered.
 */
export function isWorkingDay(instantOrLocalDate: Date | LocalDate, cal: WorkingCalendar): boolean {
  return cal.isWorking(epochDayOfInput(instantOrLocalDate, cal));
}

/**
 * What kind of day it is — for calendar views and explanations ("due later
 * because 02-10..02-17 are 春节 holidays"), where a yes/no is not enough.
 * @throws CalendarCoverageError when the date's year is not covered.
 */
export function dayKind(instantOrLocalDate: Date | LocalDate, cal: WorkingCalendar): DayKind {
  return cal.kindOf(epochDayOfInput(instantOrLocalDate, cal));
}

/**
 * The first working day strictly after the given day, as a local date — i.e.
 * day 1 of a working-day deadline triggered that day (民法典 art. 201).
 * @throws CalendarCoverageError when the search reaches an uncovered year.
 */
export function nextWorkingDay(instantOrLocalDate: Date | LocalDate, cal: WorkingCalendar): LocalDate {
  return formatLocalDate(cal.nthWorkingDayFrom(epochDayOfInput(instantOrLocalDate, cal) + 1, 1));
}

/**
 * The due instant of an `n`-working-day deadline triggered at `start`.
 *
 * Default rule: the trigger day is not counted, day 1 is the next working day,
 * and the deadline ends at 24:00 local of the n-th working day, returned as
 * local 00:00 of the following calendar day. Pushed Friday 2024-02-02 with 3
 * working days → Sun 02-04 (调休), Mon 02-05, Tue 02-06 → due
 * 2024-02-07T00:00+08:00 (2024-02-06T16:00Z). `n = 0` means due at once
 * (push = claim) and returns `start`.
 *
 * Every day from the first counted day to the last must be in a covered year.
 * @throws CalendarCoverageError when the count reaches an uncovered year.
 * @throws RangeError for an invalid Date or `n` that is not a non-negative integer.
 */
export function addWorkingDays(
  start: Date,
  n: number,
  cal: WorkingCalendar,
  semantics?: Partial<DeadlineSemantics>,
): Date {
  const startMs = instantOf(start, 'start');
  assertDayCount(n, 'working days');
  if (n === 0) return new Date(startMs);
  const rules = resolveDeadlineSemantics(semantics);
  const lastDay = cal.nthWorkingDayFrom(firstCountedDay(cal, startMs, rules, true), n);
  return new Date(endOfCountedDay(cal, lastDay, rules));
}

/**
 * How many working days of a deadline started at `a` have fully elapsed by
 * `b`: the largest n ≥ 0 with `addWorkingDays(a, n) <= b` (same semantics).
 * So `workingDaysBetween(a, addWorkingDays(a, n)) === n` exactly, and a task
 * claimed at `b` met an n-day deadline iff `workingDaysBetween(a, b) < n`.
 * Use it for "claimed within N working days" statistics and overdue counts.
 * @throws RangeError when `b` is before `a`.
 * @throws CalendarCoverageError when the counted days reach an uncovered year.
 */
export function workingDaysBetween(
  a: Date,
  b: Date,
  cal: WorkingCalendar,
  semantics?: Partial<DeadlineSemantics>,
): number {
  const aMs = instantOf(a, 'a');
  const bMs = instantOf(b, 'b');
  if (bMs < aMs) throw new RangeError('workingDaysBetween: b must not be before a');
  const rules = resolveDeadlineSemantics(semantics);
  const first = firstCountedDay(cal, aMs, rules, true);
  const lastDay = cal.dayOf(bMs);
  // Every counted day before b's day has ended by b; b's own day only when it ends at or before b.
  const whole = cal.countWorkingDays(first, lastDay - 1);
  const endsByB = lastDay >= first && endOfCountedDay(cal, lastDay, rules) <= bMs && cal.isWorking(lastDay);
  return whole + (endsByB ? 1 : 0);
}
