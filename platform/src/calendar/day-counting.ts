import type { DeadlineSemantics } from './deadline-semantics';
import { parseLocalDate, type LocalDate } from './local-date';
import type { WorkingCalendar } from './working-calendar';

/**
 * Shared rules of day-counted deadlines (internal; not part of the public
 * API): where counting starts and when the last day ends.
 */

/** The instant of a valid Date; an Invalid Date is a caller bug, never a deadline. */
export function instantOf(date: Date, label: string): number {
  const ms = date instanceof Date ? date.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`${label} must be a valid Date`);
  return ms;
}

/** The local epoch day of an instant, or of a `YYYY-MM-DD` local date. */
export function epochDayOfInput(input: Date | LocalDate, cal: WorkingCalendar): number {
  return typeof input === 'string' ? parseLocalDate(input) : cal.dayOf(instantOf(input, 'date'));
}

/** The instant a counted day ends: 24:00 local by default, or `dayEndsAtMinute` after local 00:00. */
export function endOfCountedDay(cal: WorkingCalendar, epochDay: number, semantics: DeadlineSemantics): number {
  return semantics.dayEndsAtMinute === 1440
    ? cal.startOfDay(epochDay + 1)
    : cal.startOfDay(epochDay) + semantics.dayEndsAtMinute * 60_000;
}

/**
 * The first day that counts towards a deadline triggered at `startMs`: the
 * next day (民法典 art. 201), unless the pack counts the trigger day and the
 * trigger happened before that day ended (and, for working-day deadlines, the
 * trigger day is a working day).
 */
export function firstCountedDay(
  cal: WorkingCalendar,
  startMs: number,
  semantics: DeadlineSemantics,
  workingDaysOnly: boolean,
): number {
  const triggerDay = cal.dayOf(startMs);
  if (!semantics.countTriggerDay) return triggerDay + 1;
  if (startMs >= endOfCountedDay(cal, triggerDay, semantics)) return triggerDay + 1;
  if (workingDaysOnly && !cal.isWorking(triggerDay)) return triggerDay + 1;
  return triggerDay;
}

/** Day counts are whole numbers of days; anything else is a definition bug. */
export function assertDayCount(n: number, label: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`${label} must be a non-negative integer, got ${String(n)}`);
}
