import fc from 'fast-check';
import { civilOf, epochDayOf, formatLocalDate, parseLocalDate, weekdayOf } from '../../../platform/src/calendar/local-date';

describe('local dates as epoch days', () => {
  test('given any day 1900–2999, then the integer arithmetic agrees with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: epochDayOf(1900, 1, 1), max: epochDayOf(2999, 12, 31) }), (day) => {
        const d = new Date(day * 86_400_000);
        expect(civilOf(day)).toEqual({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
        expect(weekdayOf(day)).toBe(d.getUTCDay());
        expect(parseLocalDate(formatLocalDate(day))).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  test('given impossible dates, then they are refused instead of rolling over', () => {
    for (const text of ['2023-02-29', '2024-02-30', '2024-13-01', '2024-00-10', '2024-1-1', '24-01-01']) {
      expect(() => parseLocalDate(text)).toThrow(RangeError);
    }
    expect(formatLocalDate(parseLocalDate('2024-02-29'))).toBe('2024-02-29');
  });
});
