import fc from 'fast-check';
import {
  addWorkingDays,
  deadlineStage,
  formatDurationSpec,
  parseDurationSpec,
  workingDaysBetween,
  type DurationSpec,
} from '../../../platform/src/calendar';
import { loadSeedCalendar, loadSeedData } from './seed-calendar-fixture';

const cal = loadSeedCalendar();
const data = loadSeedData();
const DAY = 86_400_000;
const SHANGHAI = 8 * 3_600_000;

/** Oracle independent of the compiled tables: the raw lists plus UTC weekday arithmetic. */
const holidays = new Set(data.holidays.map((d) => d.date));
const workdays = new Set(data.workdays.map((d) => d.date));
function oracleIsWorking(shanghaiDay: number): boolean {
  const date = new Date(shanghaiDay * DAY).toISOString().slice(0, 10);
  if (workdays.has(date)) return true;
  if (holidays.has(date)) return false;
  const w = new Date(shanghaiDay * DAY).getUTCDay();
  return w !== 0 && w !== 6;
}
const shanghaiDayOf = (ms: number): number => Math.floor((ms + SHANGHAI) / DAY);

// Starts from 2004-01-01 to 2026-09-01 (Shanghai); up to 60 working days stays inside the covered years.
const startArb = fc.integer({ min: Date.UTC(2004, 0, 1) - SHANGHAI, max: Date.UTC(2026, 8, 1) - SHANGHAI }).map((ms) => new Date(ms));
const nArb = fc.integer({ min: 0, max: 60 });

describe('properties of addWorkingDays over the seeded calendar', () => {
  test('given any start and n ≥ 1, then the due is Shanghai midnight, ends a working day, and n working days lie strictly between', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 60 }), (start, n) => {
        const due = addWorkingDays(start, n, cal).getTime();
        expect((due + SHANGHAI) % DAY).toBe(0);
        const lastDay = shanghaiDayOf(due) - 1;
        expect(oracleIsWorking(lastDay)).toBe(true);
        let count = 0;
        for (let d = shanghaiDayOf(start.getTime()) + 1; d <= lastDay; d++) if (oracleIsWorking(d)) count++;
        expect(count).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  test('given two starts, then the later start is never due earlier (monotone in start)', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 30 * DAY }), nArb, (start, delta, n) => {
        const later = new Date(start.getTime() + delta);
        expect(addWorkingDays(later, n, cal).getTime()).toBeGreaterThanOrEqual(addWorkingDays(start, n, cal).getTime());
      }),
      { numRuns: 300 },
    );
  });

  test('given more working days, then the due is strictly later (strictly monotone in n)', () => {
    fc.assert(
      fc.property(startArb, nArb, fc.integer({ min: 1, max: 20 }), (start, n, extra) => {
        expect(addWorkingDays(start, n + extra, cal).getTime()).toBeGreaterThan(addWorkingDays(start, n, cal).getTime());
      }),
      { numRuns: 300 },
    );
  });

  test('given any start, then the due is never before the start', () => {
    fc.assert(
      fc.property(startArb, nArb, (start, n) => {
        expect(addWorkingDays(start, n, cal).getTime()).toBeGreaterThanOrEqual(start.getTime());
      }),
    );
  });

  test('round trip: workingDaysBetween(start, addWorkingDays(start, n)) === n, for default and configured semantics', () => {
    const semanticsArb = fc.record({ countTriggerDay: fc.boolean(), dayEndsAtMinute: fc.integer({ min: 1, max: 1440 }) });
    fc.assert(
      fc.property(startArb, nArb, semanticsArb, (start, n, semantics) => {
        expect(workingDaysBetween(start, addWorkingDays(start, n, cal, semantics), cal, semantics)).toBe(n);
      }),
      { numRuns: 500 },
    );
  });

  test('Galois connection: addWorkingDays(a, k) <= b < addWorkingDays(a, k + 1) where k = workingDaysBetween(a, b)', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 60 * DAY }), (a, delta) => {
        const b = new Date(a.getTime() + delta);
        const k = workingDaysBetween(a, b, cal);
        expect(addWorkingDays(a, k, cal).getTime()).toBeLessThanOrEqual(b.getTime());
        expect(addWorkingDays(a, k + 1, cal).getTime()).toBeGreaterThan(b.getTime());
      }),
      { numRuns: 500 },
    );
  });
});

describe('properties of deadlineStage', () => {
  const order = { normal: 0, yellow: 1, red: 2, overdue: 3 } as const;
  test('given a working-day deadline, then the stage never goes back as time passes', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 0, max: 40 * DAY }), fc.integer({ min: 0, max: 10 * DAY }), (start, n, t1, dt) => {
        const due = addWorkingDays(start, n, cal);
        const s1 = deadlineStage(start, due, new Date(start.getTime() + t1), cal);
        const s2 = deadlineStage(start, due, new Date(start.getTime() + t1 + dt), cal);
        expect(order[s2]).toBeGreaterThanOrEqual(order[s1]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('properties of duration specs', () => {
  const specArb: fc.Arbitrary<DurationSpec> = fc.oneof(
    fc.record({ unit: fc.constant('workingDays' as const), amount: fc.nat({ max: 10_000 }) }),
    fc.record({ unit: fc.constant('calendarDays' as const), amount: fc.nat({ max: 10_000 }) }),
    fc.record({ unit: fc.constant('hours' as const), amount: fc.double({ min: 0, max: 10_000, noNaN: true, noDefaultInfinity: true }) }),
  );
  test('round trip: parseDurationSpec(formatDurationSpec(spec)) equals spec', () => {
    fc.assert(
      fc.property(specArb.filter((s) => !String(s.amount).includes('e')), (spec) => {
        expect(parseDurationSpec(formatDurationSpec(spec))).toEqual(spec);
      }),
    );
  });
});
