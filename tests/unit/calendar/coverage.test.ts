import {
  addCalendarDays,
  addWorkingDays,
  CalendarCoverageError,
  compileCalendar,
  computeDue,
  coverageWarnings,
  deadlineStage,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from '../../../platform/src/calendar';
import { loadSeedCalendar, miniCalendarData, sh } from './seed-calendar-fixture';

const cal = loadSeedCalendar();

function coverageErrorOf(fn: () => unknown): CalendarCoverageError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CalendarCoverageError) return error;
    throw error;
  }
  throw new Error('expected a CalendarCoverageError');
}

describe('given a calendar covering 2004–2026', () => {
  test('when a working-day deadline runs past 2026-12-31, then CalendarCoverageError names 2027', () => {
    const error = coverageErrorOf(() => addWorkingDays(sh('2026-12-31T10:00'), 1, cal));
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CalendarCoverageError');
    expect(error.year).toBe(2027);
    expect(error.calendarId).toBe('cn-statutory');
    expect(error.message).toContain('2027');
  });

  test('when asked about a date before 2004 or after 2026, then it is an error, never an ordinary day', () => {
    expect(coverageErrorOf(() => isWorkingDay('2003-06-02', cal)).year).toBe(2003);
    expect(coverageErrorOf(() => isWorkingDay('2027-01-04', cal)).year).toBe(2027);
    expect(coverageErrorOf(() => nextWorkingDay('2026-12-31', cal)).year).toBe(2027);
    expect(coverageErrorOf(() => addWorkingDays(sh('2003-12-30T10:00'), 1, cal)).year).toBe(2003);
  });

  test('when the last counted day is 2026-12-31, then the due instant in 2027 is still fine', () => {
    expect(addWorkingDays(sh('2026-12-30T10:00'), 1, cal)).toEqual(sh('2027-01-01T00:00'));
    expect(workingDaysBetween(sh('2026-12-30T10:00'), sh('2027-01-01T00:00'), cal)).toBe(1);
  });

  test('when measuring stages or elapsed days into 2027, then the error surfaces too', () => {
    expect(coverageErrorOf(() => workingDaysBetween(sh('2026-12-30T10:00'), sh('2027-01-05T00:00'), cal)).year).toBe(2027);
    expect(() => deadlineStage(sh('2026-12-30T10:00'), sh('2027-01-08T00:00'), sh('2027-01-02T00:00'), cal)).toThrow(CalendarCoverageError);
  });

  test('when a calendar-day deadline crosses into 2027, then it needs no holiday data, unless it must end on a working day', () => {
    expect(addCalendarDays(sh('2026-12-30T10:00'), 5, cal)).toEqual(sh('2027-01-05T00:00'));
    expect(computeDue(sh('2026-12-30T10:00'), { unit: 'hours', amount: 72 }, cal)).toEqual(sh('2027-01-02T10:00'));
    expect(() => addCalendarDays(sh('2026-12-30T10:00'), 5, cal, { calendarDaysEndOnWorkingDay: true })).toThrow(CalendarCoverageError);
  });
});

describe('given a calendar with a gap (2023 and 2025, not 2024)', () => {
  const gappy = compileCalendar(miniCalendarData({ years: [2023, 2025], holidays: [], workdays: [] }));

  test('when a deadline crosses the gap, then the missing year is reported, not the end of coverage', () => {
    expect(coverageErrorOf(() => addWorkingDays(sh('2023-12-29T10:00'), 1, gappy)).year).toBe(2024);
    expect(coverageErrorOf(() => workingDaysBetween(sh('2023-12-01T10:00'), sh('2025-01-10T00:00'), gappy)).year).toBe(2024);
  });

  test('when the gap is avoided, then both covered years work', () => {
    expect(addWorkingDays(sh('2023-12-27T10:00'), 2, gappy)).toEqual(sh('2023-12-30T00:00'));
    expect(addWorkingDays(sh('2025-01-02T10:00'), 1, gappy)).toEqual(sh('2025-01-04T00:00'));
  });
});

describe('coverageWarnings', () => {
  test('given mid-year 2026, then nothing to warn about', () => {
    expect(coverageWarnings(cal, sh('2026-06-01T00:00'))).toEqual([]);
  });

  test('given 2026-11-01 (61 days before 2027), then no warning yet; 2026-11-02, then a warning for 2027', () => {
    expect(coverageWarnings(cal, sh('2026-11-01T12:00'))).toEqual([]);
    const [warning, ...rest] = coverageWarnings(cal, sh('2026-11-02T12:00'));
    expect(rest).toEqual([]);
    expect(warning).toMatchObject({ code: 'nextYearNotCovered', year: 2027, daysLeft: 60, calendarId: 'cn-statutory' });
    expect(warning?.message).toContain('2027');
  });

  test('given the Shanghai date decides, then 2026-11-01T16:00Z (already 11-02 in Shanghai) warns', () => {
    expect(coverageWarnings(cal, new Date('2026-11-01T16:00:00Z'))).toHaveLength(1);
    expect(coverageWarnings(cal, new Date('2026-11-01T15:59:59Z'))).toHaveLength(0);
  });

  test('given a custom lead time, then it is honoured', () => {
    expect(coverageWarnings(cal, sh('2026-12-01T00:00'), 10)).toEqual([]);
    expect(coverageWarnings(cal, sh('2026-12-22T00:00'), 10)).toHaveLength(1);
    expect(() => coverageWarnings(cal, sh('2026-12-22T00:00'), -1)).toThrow(RangeError);
  });

  test('given late 2025 while 2026 is covered, then no warning', () => {
    expect(coverageWarnings(cal, sh('2025-12-31T12:00'))).toEqual([]);
  });

  test('given a date already in an uncovered year, then a yearNotCovered warning', () => {
    expect(coverageWarnings(cal, sh('2027-01-05T00:00'))).toEqual([
      expect.objectContaining({ code: 'yearNotCovered', year: 2027, daysLeft: 0 }),
    ]);
  });
});
