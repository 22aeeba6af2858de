import {
  addWorkingDays,
  assertStageThresholds,
  deadlineStage,
  elapsedFraction,
} from '../../../platform/src/calendar';
import { loadSeedCalendar, sh } from './seed-calendar-fixture';

const cal = loadSeedCalendar();

describe('deadlineStage for a working-day deadline', () => {
  // Pushed Friday 2024-03-01 09:00; 3 working days → Mon, Tue, Wed; due 2024-03-07T00:00.
  // Working time: 15 h on Friday + 3 × 24 h = 87 h.
  const start = sh('2024-03-01T09:00');
  const due = addWorkingDays(start, 3, cal);

  test('given the due date, then it is end of Wednesday 2024-03-06', () => {
    expect(due).toEqual(sh('2024-03-07T00:00'));
  });

  test('given Monday 06:00 after the weekend, then the card is normal (21 of 87 working hours), though wall-clock time is past 50 %', () => {
    const now = sh('2024-03-04T06:00');
    expect(elapsedFraction(start, due, now, cal)).toBeCloseTo(21 / 87, 10);
    expect(deadlineStage(start, due, now, cal)).toBe('normal');
    expect(elapsedFraction(start, due, now, cal, 'wallClock')).toBeCloseTo(69 / 135, 10);
    expect(deadlineStage(start, due, now, cal, undefined, 'wallClock')).toBe('yellow');
  });

  test('given Sunday night, then the weekend added no working time', () => {
    expect(elapsedFraction(start, due, sh('2024-03-03T23:00'), cal)).toBeCloseTo(15 / 87, 10);
    expect(elapsedFraction(start, due, sh('2024-03-02T01:00'), cal)).toBeCloseTo(15 / 87, 10);
  });

  test('given the 50 % working-time mark (43.5 h: Tuesday 2024-03-05 04:30), then it turns yellow exactly there', () => {
    expect(deadlineStage(start, due, sh('2024-03-05T04:29'), cal)).toBe('normal');
    expect(deadlineStage(start, due, sh('2024-03-05T04:30'), cal)).toBe('yellow');
  });

  test('given the 90 % mark (78.3 h: Wednesday 03-06 15:18), then it turns red', () => {
    expect(deadlineStage(start, due, sh('2024-03-06T15:17'), cal)).toBe('yellow');
    expect(deadlineStage(start, due, sh('2024-03-06T15:18'), cal)).toBe('red');
  });

  test('given now at or after the due instant, then overdue', () => {
    expect(deadlineStage(start, due, new Date(due.getTime() - 1), cal)).toBe('red');
    expect(deadlineStage(start, due, due, cal)).toBe('overdue');
    expect(deadlineStage(start, due, sh('2024-04-01T00:00'), cal)).toBe('overdue');
  });

  test('given now before the start, then normal', () => {
    expect(deadlineStage(start, due, sh('2024-02-28T00:00'), cal)).toBe('normal');
    expect(elapsedFraction(start, due, sh('2024-02-28T00:00'), cal)).toBe(0);
  });

  test('given custom thresholds, then they are used', () => {
    const now = sh('2024-03-04T12:00'); // 15 + 12 = 27 h of 87 h ≈ 31 %
    expect(deadlineStage(start, due, now, cal, { yellow: 0.3, red: 0.6 })).toBe('yellow');
    expect(deadlineStage(start, due, now, cal, { yellow: 0.25, red: 0.3 })).toBe('red');
    expect(deadlineStage(start, due, now, cal, { yellow: 0.5, red: 0.5 })).toBe('normal');
  });
});

describe('deadlineStage across the Spring Festival', () => {
  test('given a 1-working-day claim pushed before the holiday, then the holiday week stays normal', () => {
    const start = sh('2024-02-09T10:00'); // Fri; holiday 02-10..02-17; day 1 = Sun 02-18
    const due = addWorkingDays(start, 1, cal);
    // Friday contributes 14 h, Sunday 02-18 24 h: 38 h in all.
    expect(deadlineStage(start, due, sh('2024-02-16T12:00'), cal)).toBe('normal');
    expect(elapsedFraction(start, due, sh('2024-02-16T12:00'), cal)).toBeCloseTo(14 / 38, 10);
    expect(deadlineStage(start, due, sh('2024-02-18T12:00'), cal)).toBe('yellow');
  });
});

describe('stage thresholds validation', () => {
  test.each([
    { yellow: 0, red: 0.9 },
    { yellow: 0.5, red: 1 },
    { yellow: 0.9, red: 0.5 },
    { yellow: -0.1, red: 0.5 },
    { yellow: Number.NaN, red: 0.5 },
  ])('given %o, then refused', (thresholds) => {
    expect(() => assertStageThresholds(thresholds)).toThrow(/0 < yellow <= red < 1/);
    expect(() => deadlineStage(sh('2024-03-01T09:00'), sh('2024-03-07T00:00'), sh('2024-03-02T00:00'), cal, thresholds)).toThrow(RangeError);
  });

  test('given yellow equal to red, then accepted (no yellow stage)', () => {
    expect(() => assertStageThresholds({ yellow: 0.7, red: 0.7 })).not.toThrow();
  });
});
