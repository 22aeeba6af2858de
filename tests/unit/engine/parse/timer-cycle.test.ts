import { nextCycleFire, parseTimerCycle, TimerCycleError } from '../../../../platform/src/engine/parse/timer-cycle';

/** Successive fires after `from`. */
function fires(cycle: string, from: string, count: number, timeZone?: string): Array<string | null> {
  const out: Array<string | null> = [];
  let after = new Date(from);
  for (let i = 0; i < count; i++) {
    const next = nextCycleFire(cycle, after, timeZone);
    out.push(next === null ? null : next.toISOString());
    if (next === null) break;
    after = next;
  }
  return out;
}

describe('nextCycleFire: monthly cycles anchored at a month end', () => {
  test('given a cycle from 31 January 09:00 Beijing time, when stepping, then each month fires on its last day at 09:00 and the 31st returns', () => {
    expect(fires('R/2023-01-31T09:00+08:00/P1M', '2023-01-31T01:00:00Z', 6)).toEqual([
      '2023-02-28T01:00:00.000Z',
      '2023-03-31T01:00:00.000Z',
      '2023-04-30T01:00:00.000Z',
      '2023-05-31T01:00:00.000Z',
      '2023-06-30T01:00:00.000Z',
      '2023-07-31T01:00:00.000Z',
    ]);
  });

  test('given the same cycle, when asked a year later, then February of a leap year fires on the 29th', () => {
    expect(nextCycleFire('R/2023-01-31T09:00+08:00/P1M', new Date('2024-02-01T00:00:00Z'))?.toISOString()).toBe('2024-02-29T01:00:00.000Z');
  });

  test('given a yearly cycle from 29 February, when stepping, then non-leap years fire on 28 February and leap years on the 29th', () => {
    expect(fires('R/2024-02-29T00:00+08:00/P1Y', '2024-02-29T00:00:00Z', 4)).toEqual([
      '2025-02-27T16:00:00.000Z',
      '2026-02-27T16:00:00.000Z',
      '2027-02-27T16:00:00.000Z',
      '2028-02-28T16:00:00.000Z',
    ]);
  });

  test('given a time before the start, when asked, then the start itself is the first fire', () => {
    expect(nextCycleFire('R/2023-01-31T09:00+08:00/P1M', new Date('2022-12-01T00:00:00Z'))?.toISOString()).toBe('2023-01-31T01:00:00.000Z');
  });

  test('given exactly a fire instant, when asked, then the next fire is strictly later', () => {
    expect(nextCycleFire('R/2023-01-31T09:00+08:00/P1M', new Date('2023-03-31T01:00:00Z'))?.toISOString()).toBe('2023-04-30T01:00:00.000Z');
  });

  test('given a time far after the start, when asked, then the answer is the next month end without stepping from the start', () => {
    expect(nextCycleFire('R/2023-01-31T09:00+08:00/P1M', new Date('2123-06-15T00:00:00Z'))?.toISOString()).toBe('2123-06-30T01:00:00.000Z');
  });
});

describe('nextCycleFire: finite repetitions', () => {
  test('given R3, when stepping from before the start, then it fires at the start and twice more, then null', () => {
    expect(fires('R3/2024-01-01T09:00:00+08:00/P1W', '2023-12-31T00:00:00Z', 5)).toEqual([
      '2024-01-01T01:00:00.000Z',
      '2024-01-08T01:00:00.000Z',
      '2024-01-15T01:00:00.000Z',
      null,
    ]);
  });

  test('given R12 monthly, when asked after the twelfth fire, then null; just before it, the twelfth fire', () => {
    const cycle = 'R12/2023-01-31T09:00:00+08:00/P1M';
    expect(nextCycleFire(cycle, new Date('2023-12-30T00:00:00Z'))?.toISOString()).toBe('2023-12-31T01:00:00.000Z');
    expect(nextCycleFire(cycle, new Date('2023-12-31T01:00:00Z'))).toBeNull();
  });
});

describe('nextCycleFire: time zones', () => {
  test('given a daily 09:00 Beijing cycle, when stepping through a whole year, then every fire is 01:00 UTC (Shanghai has no DST)', () => {
    const all = fires('R/2024-01-01T09:00+08:00/P1D', '2023-12-31T00:00:00Z', 366);
    expect(all).toHaveLength(366);
    expect(all.every((iso) => iso?.endsWith('T01:00:00.000Z'))).toBe(true);
    expect(all[365]).toBe('2024-12-31T01:00:00.000Z');
  });

  test('given a daily 09:00 cycle in Berlin, when it crosses the spring change, then it stays 09:00 local (08:00 UTC, then 07:00 UTC)', () => {
    expect(fires('R/2024-03-29T09:00/P1D', '2024-03-29T00:00:00Z', 4, 'Europe/Berlin')).toEqual([
      '2024-03-29T08:00:00.000Z',
      '2024-03-30T08:00:00.000Z',
      '2024-03-31T07:00:00.000Z',
      '2024-04-01T07:00:00.000Z',
    ]);
  });

  test('given a start without offset, when computed in the default zone, then it is Beijing wall time; a bare date is local midnight', () => {
    expect(nextCycleFire('R/2024-05-01T09:00/P1D', new Date('2024-04-01T00:00:00Z'))?.toISOString()).toBe('2024-05-01T01:00:00.000Z');
    expect(nextCycleFire('R/2024-05-01/P1D', new Date('2024-04-01T00:00:00Z'))?.toISOString()).toBe('2024-04-30T16:00:00.000Z');
  });

  test('given a UTC start that is already the 31st in Beijing, when stepping months, then the Beijing date is the anchor (not the UTC 30th)', () => {
    expect(fires('R/2024-01-30T16:00Z/P1M', '2024-01-30T16:00:00Z', 3)).toEqual([
      '2024-02-28T16:00:00.000Z',
      '2024-03-30T16:00:00.000Z',
      '2024-04-29T16:00:00.000Z',
    ]);
  });

  test('given an hourly cycle with minutes, when stepping, then elapsed time is added', () => {
    expect(fires('R/2024-01-01T00:00Z/PT1H30M', '2024-01-01T00:00:00Z', 2)).toEqual(['2024-01-01T01:30:00.000Z', '2024-01-01T03:00:00.000Z']);
  });

  test('given an unknown zone, when computing, then RangeError', () => {
    expect(() => nextCycleFire('R/2024-01-01T00:00Z/P1D', new Date(), 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('parseTimerCycle', () => {
  test('given a full cycle, when parsed, then repetitions, start and period are read', () => {
    expect(parseTimerCycle('R12/2023-01-31T09:00:00.5+08:00/P1Y2M3W4DT5H6M7.5S')).toEqual({
      repetitions: 12,
      start: { wall: { year: 2023, month: 1, day: 31, hour: 9, minute: 0, second: 0, millisecond: 500 }, offsetMinutes: 480, dateOnly: false },
      period: { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7.5 },
    });
    expect(parseTimerCycle(' R/2023-01-31T09:00-0530/P1D ').repetitions).toBeNull();
    expect(parseTimerCycle('R/2023-01-31T09:00-0530/P1D').start.offsetMinutes).toBe(-330);
  });

  test.each([
    ['R/P1D', /a start date-time is required/],
    ['P1D', /expected R\[n\]\/<start>\/<period>/],
    ['2023-01-01T00:00Z/P1D', /expected R\[n\]/],
    ['X/2023-01-01T00:00Z/P1D', /"X" is not a repetition count/],
    ['R0/2023-01-01T00:00Z/P1D', /at least 1/],
    ['R/2023-02-29T09:00+08:00/P1D', /"2023-02-29T09:00\+08:00" is not an ISO 8601 date-time/],
    ['R/2023-01-01T24:00+08:00/P1D', /is not an ISO 8601 date-time/],
    ['R/2023-01-01T09:00+19:00/P1D', /is not an ISO 8601 date-time/],
    ['R/2023-01-01T09:00+08:00/P0D', /at least one second/],
    ['R/2023-01-01T09:00+08:00/1M', /"1M" is not an ISO 8601 period/],
    ['R/2023-01-01T09:00+08:00/PT', /"PT" is not an ISO 8601 period/],
    ['R/2023-01-01T09:00+08:00/P', /"P" is not an ISO 8601 period/],
  ])('given "%s", when parsed, then TimerCycleError says why', (text, reason) => {
    expect(() => parseTimerCycle(text)).toThrow(TimerCycleError);
    expect(() => parseTimerCycle(text)).toThrow(reason);
    expect(() => nextCycleFire(text, new Date())).toThrow(TimerCycleError);
  });
});
