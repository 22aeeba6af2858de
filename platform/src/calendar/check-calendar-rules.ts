import type { CalendarData, CalendarDay } from './calendar-data';
import type { CalendarDataIssue } from './calendar-errors';
import { isWeekend, parseLocalDate, weekdayOf, yearOf } from './local-date';

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * The calendar rules JSON Schema cannot express. Each one catches a real
 * editing mistake: a holiday typed into an uncovered year would be ignored,
 * a date listed as both holiday and workday is ambiguous, a "make-up
 * workday" on a weekday is a typo (weekdays are working days anyway), and a
 * duplicate usually means a copy-paste of the wrong row.
 *
 * Returns every issue (empty when the data is fine) rather than throwing, so
 * that callers can report them all at once.
 */
export function checkCalendarRules(data: CalendarData): CalendarDataIssue[] {
  const issues: CalendarDataIssue[] = [];
  if (!isKnownTimeZone(data.timeZone)) {
    issues.push({ path: '/timeZone', message: `"${data.timeZone}" is not an IANA time zone known to this server` });
  }
  const covered = new Set(data.years);
  const seenYears = new Set<number>();
  data.years.forEach((year, i) => {
    if (seenYears.has(year)) issues.push({ path: `/years/${i}`, message: `${year} is listed twice` });
    seenYears.add(year);
  });

  const holidayDays = indexDays(data.holidays, '/holidays', covered, issues);
  const workdayDays = indexDays(data.workdays, '/workdays', covered, issues);
  for (const [day, { path }] of workdayDays) {
    const holiday = holidayDays.get(day);
    if (holiday !== undefined) {
      issues.push({ path: `${path}/date`, message: `the date is also a holiday (${holiday.path}); a day is either a holiday or a workday` });
    }
    if (!isWeekend(day)) {
      issues.push({
        path: `${path}/date`,
        message: `the date is a ${WEEKDAY_NAMES[weekdayOf(day)] ?? '?'}; a make-up workday (调休上班) must be a Saturday or Sunday`,
      });
    }
  }
  return issues;
}

function indexDays(
  days: readonly CalendarDay[],
  listPath: string,
  covered: ReadonlySet<number>,
  issues: CalendarDataIssue[],
): Map<number, { path: string }> {
  const byDay = new Map<number, { path: string }>();
  days.forEach((entry, i) => {
    const path = `${listPath}/${i}`;
    let day: number;
    try {
      day = parseLocalDate(entry.date);
    } catch (error) {
      issues.push({ path: `${path}/date`, message: (error as Error).message });
      return;
    }
    if (!covered.has(yearOf(day))) {
      issues.push({ path: `${path}/date`, message: `${entry.date} is in ${yearOf(day)}, which is not listed in /years` });
    }
    const earlier = byDay.get(day);
    if (earlier !== undefined) {
      issues.push({ path: `${path}/date`, message: `${entry.date} is listed twice (also ${earlier.path})` });
      return;
    }
    byDay.set(day, { path });
  });
  return byDay;
}

function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}
