import type { CalendarData } from '../../calendar';

/** What an edit changed, in dates: recorded in the audit log so the change log is readable without diffing JSON. */
export interface CalendarDiff {
  yearsAdded: number[];
  yearsRemoved: number[];
  holidaysAdded: string[];
  holidaysRemoved: string[];
  workdaysAdded: string[];
  workdaysRemoved: string[];
}

const dates = (days: readonly { date: string }[]) => new Set(days.map((d) => d.date));
const minus = <T>(a: Set<T>, b: Set<T>) => [...a].filter((x) => !b.has(x)).sort();

export function diffCalendars(before: CalendarData, after: CalendarData): CalendarDiff {
  const yb = new Set(before.years);
  const ya = new Set(after.years);
  const hb = dates(before.holidays);
  const ha = dates(after.holidays);
  const wb = dates(before.workdays);
  const wa = dates(after.workdays);
  return {
    yearsAdded: minus(ya, yb),
    yearsRemoved: minus(yb, ya),
    holidaysAdded: minus(ha, hb),
    holidaysRemoved: minus(hb, ha),
    workdaysAdded: minus(wa, wb),
    workdaysRemoved: minus(wb, wa),
  };
}

/** True when the edit changes which days are working days (names or sources alone do not move deadlines). */
export function changesWorkingDays(diff: CalendarDiff): boolean {
  return Object.values(diff).some((list) => list.length > 0);
}
