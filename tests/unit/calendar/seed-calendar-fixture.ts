import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileCalendar, parseCalendarData, type CalendarData, type WorkingCalendar } from '../../../platform/src/calendar';

/** Test helpers around the seeded Qufu statutory calendar (not a test file itself). */
export const SEED_DIR = join(__dirname, '../../../definitions/qufu-2023/calendars');
export const SEED_PATH = join(SEED_DIR, 'cn-statutory.json');

export function loadSeedJson(): unknown {
  return JSON.parse(readFileSync(SEED_PATH, 'utf8')) as unknown;
}

export function loadSeedData(): CalendarData {
  return parseCalendarData(loadSeedJson());
}

export function loadSeedCalendar(): WorkingCalendar {
  return compileCalendar(loadSeedData());
}

/** An instant given as Asia/Shanghai wall time, e.g. `sh('2024-02-02T10:00')`. */
export function sh(localDateTime: string): Date {
  const withSeconds = localDateTime.length === 16 ? `${localDateTime}:00` : localDateTime;
  const date = new Date(`${withSeconds}+08:00`);
  if (Number.isNaN(date.getTime())) throw new Error(`bad test instant ${localDateTime}`);
  return date;
}

/** A small synthetic calendar for rule tests, independent of the seed. */
export function miniCalendarData(overrides: Partial<CalendarData> = {}): CalendarData {
  return {
    id: 'mini',
    name: 'Mini',
    timeZone: 'Asia/Shanghai',
    years: [2024],
    holidays: [{ date: '2024-10-01', name: '国庆节', source: 'test' }],
    workdays: [{ date: '2024-10-12', name: '国庆节', source: 'test' }],
    attribution: [],
    ...overrides,
  };
}
