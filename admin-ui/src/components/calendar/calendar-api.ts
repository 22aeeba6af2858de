import { api, qs } from '../../../../runtime-ui/src/api/client';

/** One exceptional date (platform/src/calendar/calendar-data.ts). */
export interface CalendarDay {
  date: string;
  name: string;
  source: string;
}

/** The calendar document as stored per version. */
export interface CalendarData {
  id: string;
  name: string;
  description?: string;
  timeZone: string;
  years: number[];
  holidays: CalendarDay[];
  workdays: CalendarDay[];
  attribution: { name: string; version?: string; license: string; copyright?: string; url?: string; note?: string }[];
}

/** A version's header, as the list and history routes give it. */
export interface CalendarVersionSummary {
  key: string;
  version: number;
  createdAt: string;
  createdBy: string;
  note: string;
}

/** A "the next year's notice is missing" warning (platform/src/calendar/coverage-warnings.ts). */
export interface CoverageWarning {
  code: 'yearNotCovered' | 'nextYearNotCovered';
  calendarId: string;
  year: number;
  daysLeft: number;
  message: string;
}

const path = (key: string) => `/api/calendars/${encodeURIComponent(key)}`;

/** The calendar routes (platform/src/http/routes/calendar-routes.ts). */
export const calendarApi = {
  list: () => api.get<(CalendarVersionSummary & { name: string; years: number[] })[]>('/api/calendars'),
  warnings: () => api.get<CoverageWarning[]>('/api/calendar-warnings'),
  get: (key: string, version?: number) => api.get<CalendarVersionSummary & { data: CalendarData }>(`${path(key)}${qs({ version })}`),
  versions: (key: string) => api.get<CalendarVersionSummary[]>(`${path(key)}/versions`),
  /** Replace one year's holidays and make-up workdays (a State Council notice); adds the year to the covered years. */
  setYear: (key: string, year: number, body: { expectedVersion: number; note: string; holidays: CalendarDay[]; workdays: CalendarDay[] }) =>
    api.put<CalendarVersionSummary>(`${path(key)}/years/${year}`, body),
};

/** Saturday or Sunday? (The date is a plain YYYY-MM-DD; weekday from UTC arithmetic, independent of the browser's zone.) */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export const isWeekend = (date: string) => {
  const d = weekdayOf(date);
  return d === 0 || d === 6;
};
