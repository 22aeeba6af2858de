import { instantOf } from './day-counting';
import { epochDayOf, yearOf } from './local-date';
import type { WorkingCalendar } from './working-calendar';

/**
 * An admin-facing warning that deadlines will soon fail (or already fail)
 * because a year's holiday notice is missing from the calendar.
 */
export interface CoverageWarning {
  /** `yearNotCovered`: today is already in an uncovered year. `nextYearNotCovered`: the year ends within the lead time. */
  readonly code: 'yearNotCovered' | 'nextYearNotCovered';
  readonly calendarId: string;
  /** The missing year. */
  readonly year: number;
  /** Calendar days from today until that year starts (0 when it has started). */
  readonly daysLeft: number;
  readonly message: string;
}

/**
 * Warnings to show admins so the next year's State Council notice (usually
 * published in November) is entered before deadlines start crossing into
 * it. Deadlines near year end reach into January, so the warning starts
 * `leadDays` calendar days before the end of a covered year whose successor
 * is missing; in an uncovered year it is always shown.
 * @throws RangeError when `leadDays` is not a non-negative integer.
 */
export function coverageWarnings(cal: WorkingCalendar, now: Date, leadDays = 60): CoverageWarning[] {
  if (!Number.isSafeInteger(leadDays) || leadDays < 0) throw new RangeError(`leadDays must be a non-negative integer, got ${leadDays}`);
  const today = cal.dayOf(instantOf(now, 'now'));
  const year = yearOf(today);
  if (!cal.covers(year)) {
    return [
      {
        code: 'yearNotCovered',
        calendarId: cal.id,
        year,
        daysLeft: 0,
        message:
          `Calendar "${cal.id}" does not cover ${year}: working-day deadlines cannot be computed until its holiday notice is added ` +
          `(工作日历未覆盖${year}年，请录入国务院办公厅节假日安排通知).`,
      },
    ];
  }
  const next = year + 1;
  const daysLeft = epochDayOf(next, 1, 1) - today;
  if (cal.covers(next) || daysLeft > leadDays) return [];
  return [
    {
      code: 'nextYearNotCovered',
      calendarId: cal.id,
      year: next,
      daysLeft,
      message:
        `Calendar "${cal.id}" does not cover ${next}, which starts in ${daysLeft} day(s); add its holiday notice before deadlines reach it ` +
        `(工作日历尚未录入${next}年节假日安排，请及时补充).`,
    },
  ];
}
