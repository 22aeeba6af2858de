import {
  addWorkingDays,
  compileCalendar,
  dayKind,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
} from '../../../platform/src/calendar';
import { loadSeedCalendar, miniCalendarData, sh } from './seed-calendar-fixture';

const cal = loadSeedCalendar();

describe('isWorkingDay', () => {
  test('given local dates, then weekdays work, weekends rest, holidays rest and 调休 Sundays work', () => {
    expect(isWorkingDay('2024-02-02', cal)).toBe(true); // Fri
    expect(isWorkingDay('2024-02-03', cal)).toBe(false); // Sat
    expect(isWorkingDay('2024-02-04', cal)).toBe(true); // Sun, make-up workday
    expect(isWorkingDay('2024-02-12', cal)).toBe(false); // Mon, 春节
  });

  test('given instants, then the Shanghai date decides, not the UTC date', () => {
    // 2024-02-03T16:30Z is Sunday 00:30 in Shanghai (a make-up workday) but Saturday in UTC.
    expect(isWorkingDay(new Date('2024-02-03T16:30:00Z'), cal)).toBe(true);
    // 2024-02-02T16:30Z is Saturday 00:30 in Shanghai but Friday in UTC.
    expect(isWorkingDay(new Date('2024-02-02T16:30:00Z'), cal)).toBe(false);
  });

  test('given an impossible local date, then it is refused', () => {
    expect(() => isWorkingDay('2024-02-30', cal)).toThrow(RangeError);
    expect(() => isWorkingDay(new Date(Number.NaN), cal)).toThrow(RangeError);
  });
});

describe('dayKind', () => {
  test('given the four kinds of day around the 2024 Spring Festival, then each is named', () => {
    expect(dayKind('2024-02-02', cal)).toBe('workday');
    expect(dayKind('2024-02-03', cal)).toBe('restDay');
    expect(dayKind('2024-02-04', cal)).toBe('makeUpWorkday');
    expect(dayKind('2024-02-10', cal)).toBe('holiday'); // a Saturday inside the holiday is a holiday
  });
});

describe('nextWorkingDay', () => {
  test('given the day before a holiday week, then it skips to the make-up workday', () => {
    expect(nextWorkingDay('2024-02-09', cal)).toBe('2024-02-18');
    expect(nextWorkingDay(sh('2024-02-02T10:00'), cal)).toBe('2024-02-04');
  });
});

describe('addWorkingDays', () => {
  test('given n = 0, then the deadline is due at once (push = claim)', () => {
    const start = sh('2024-02-02T10:00');
    expect(addWorkingDays(start, 0, cal).getTime()).toBe(start.getTime());
  });

  test('given a negative or fractional n, then it is refused', () => {
    expect(() => addWorkingDays(sh('2024-02-02T10:00'), -1, cal)).toThrow(RangeError);
    expect(() => addWorkingDays(sh('2024-02-02T10:00'), 1.5, cal)).toThrow(/non-negative integer/);
  });

  test('given a pack that counts the trigger day, when triggered on a working day, then that day is day 1', () => {
    const due = addWorkingDays(sh('2024-02-02T10:00'), 3, cal, { countTriggerDay: true });
    expect(due).toEqual(sh('2024-02-06T00:00')); // Fri 02-02, Sun 02-04, Mon 02-05
  });

  test('given a pack that counts the trigger day, when triggered on a rest day, then counting starts on the next working day', () => {
    const due = addWorkingDays(sh('2024-02-03T10:00'), 1, cal, { countTriggerDay: true });
    expect(due).toEqual(sh('2024-02-05T00:00')); // Sat → Sun 02-04
  });

  test('given a deadline ending at 17:30, then it is due at 17:30 Shanghai on the last working day', () => {
    const due = addWorkingDays(sh('2024-02-02T10:00'), 3, cal, { dayEndsAtMinute: 17 * 60 + 30 });
    expect(due).toEqual(sh('2024-02-06T17:30'));
  });

  test('given countTriggerDay with a 17:30 day end, when triggered after 17:30, then the trigger day no longer counts', () => {
    const semantics = { countTriggerDay: true, dayEndsAtMinute: 17 * 60 + 30 };
    expect(addWorkingDays(sh('2024-02-02T17:00'), 1, cal, semantics)).toEqual(sh('2024-02-02T17:30'));
    expect(addWorkingDays(sh('2024-02-02T18:00'), 1, cal, semantics)).toEqual(sh('2024-02-04T17:30'));
  });

  test('given invalid semantics, then they are refused', () => {
    expect(() => addWorkingDays(sh('2024-02-02T10:00'), 1, cal, { dayEndsAtMinute: 0 })).toThrow(/dayEndsAtMinute/);
    expect(() => addWorkingDays(sh('2024-02-02T10:00'), 1, cal, { dayEndsAtMinute: 1441 })).toThrow(/dayEndsAtMinute/);
  });

  test('given a calendar without the State Council entries, then the same start gives a different due (the data matters)', () => {
    const plain = compileCalendar(miniCalendarData({ holidays: [], workdays: [] }));
    expect(addWorkingDays(sh('2024-09-30T10:00'), 1, plain)).toEqual(sh('2024-10-02T00:00'));
    expect(addWorkingDays(sh('2024-09-30T10:00'), 1, cal)).toEqual(sh('2024-10-09T00:00'));
  });

  test('when called 50,000 times, then it takes well under a second (runs on every task creation)', () => {
    const base = sh('2024-01-02T09:00').getTime();
    const t0 = process.hrtime.bigint();
    let checksum = 0;
    for (let i = 0; i < 50_000; i++) checksum += addWorkingDays(new Date(base + (i % 5000) * 3_600_000), (i % 20) + 1, cal).getTime() % 7;
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    expect(checksum).toBeGreaterThan(0);
    expect(ms).toBeLessThan(1000);
  });
});

describe('workingDaysBetween', () => {
  test('given a claim during the deadline, then it counts only working days that have fully ended', () => {
    const pushed = sh('2024-02-02T10:00');
    expect(workingDaysBetween(pushed, sh('2024-02-04T23:59'), cal)).toBe(0);
    expect(workingDaysBetween(pushed, sh('2024-02-05T00:00'), cal)).toBe(1);
    expect(workingDaysBetween(pushed, sh('2024-02-07T00:00'), cal)).toBe(3);
    expect(workingDaysBetween(pushed, sh('2024-02-19T00:00'), cal)).toBe(7);
  });

  test('given b before a, then it is refused', () => {
    expect(() => workingDaysBetween(sh('2024-02-05T00:00'), sh('2024-02-04T00:00'), cal)).toThrow(RangeError);
  });

  test('given a 17:30 day end, then the last day counts from 17:30', () => {
    const semantics = { dayEndsAtMinute: 17 * 60 + 30 };
    expect(workingDaysBetween(sh('2024-02-02T10:00'), sh('2024-02-04T17:29'), cal, semantics)).toBe(0);
    expect(workingDaysBetween(sh('2024-02-02T10:00'), sh('2024-02-04T17:30'), cal, semantics)).toBe(1);
  });
});
