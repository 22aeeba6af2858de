import { assertDayCount, endOfCountedDay, firstCountedDay, instantOf } from './day-counting';
import { resolveDeadlineSemantics, type DeadlineSemantics } from './deadline-semantics';
import { assertDurationSpec, type DurationSpec } from './duration-spec';
import type { WorkingCalendar } from './working-calendar';
import { addWorkingDays } from './working-days';

const HOUR_MS = 3_600_000;

/**
 * The due instant of an `n`-calendar-day deadline: counting starts the day
 * after the trigger (民法典 art. 201) and ends at 24:00 local of the n-th day,
 * like working days. Weekends and holidays count, so the calendar's holiday
 * data is only consulted when the pack sets `calendarDaysEndOnWorkingDay`
 * (民法典 art. 203 ¶1); otherwise any year works. `n = 0` returns `start`.
 * @throws CalendarCoverageError only with `calendarDaysEndOnWorkingDay`, when the last day's year is not covered.
 */
export function addCalendarDays(
  start: Date,
  n: number,
  cal: WorkingCalendar,
  semantics?: Partial<DeadlineSemantics>,
): Date {
  const startMs = instantOf(start, 'start');
  assertDayCount(n, 'calendar days');
  if (n === 0) return new Date(startMs);
  const rules = resolveDeadlineSemantics(semantics);
  let lastDay = firstCountedDay(cal, startMs, rules, false) + n - 1;
  if (rules.calendarDaysEndOnWorkingDay) lastDay = cal.nthWorkingDayFrom(lastDay, 1);
  return new Date(endOfCountedDay(cal, lastDay, rules));
}

/**
 * The due instant of an hour-counted deadline: exactly `hours` of elapsed time
 * after `start` (民法典 art. 201 ¶2 counts hours from the moment itself), to the
 * millisecond. Holidays and time zones do not matter.
 */
export function addHours(start: Date, hours: number): Date {
  const startMs = instantOf(start, 'start');
  if (!Number.isFinite(hours) || hours < 0) throw new RangeError(`hours must be a non-negative number, got ${String(hours)}`);
  return new Date(startMs + Math.round(hours * HOUR_MS));
}

/**
 * The single entry point for deadlines: the due instant of `spec` started at
 * `start`, so the engine does not branch on units itself.
 * @throws CalendarCoverageError when a working-day count reaches an uncovered year.
 * @throws RangeError for an invalid spec or Date.
 */
export function computeDue(
  start: Date,
  spec: DurationSpec,
  cal: WorkingCalendar,
  semantics?: Partial<DeadlineSemantics>,
): Date {
  assertDurationSpec(spec);
  switch (spec.unit) {
    case 'workingDays':
      return addWorkingDays(start, spec.amount, cal, semantics);
    case 'calendarDays':
      return addCalendarDays(start, spec.amount, cal, semantics);
    case 'hours':
      return addHours(start, spec.amount);
  }
}
