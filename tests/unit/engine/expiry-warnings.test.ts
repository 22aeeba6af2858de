import { computeExpiryWarnings, expiryLevel, type ExpiryInput } from '../../../platform/src/engine/definitions/expiry-warnings';
import { nextExpiryCheckAt } from '../../../platform/src/engine/definitions/expiry-check-job';

/** 08:00 in Shanghai on a local date. */
const at = (day: string) => new Date(`${day}T08:00:00+08:00`);
const version = (processKey: string, v: number, from: string | null, to: string | null, name = processKey) => ({ processKey, version: v, name, effective: { from, to } });
const input = (day: string, versions: ExpiryInput['versions'], packEnd: string | null = null): ExpiryInput => ({ now: at(day), packName: '测试办法', packEnd, versions });

describe('expiryLevel', () => {
  it.each([
    ['2024-11-10', undefined],
    ['2024-11-11', { daysLeft: 60, level: '60' }],
    ['2024-12-10', { daysLeft: 31, level: '60' }],
    ['2024-12-11', { daysLeft: 30, level: '30' }],
    ['2025-01-03', { daysLeft: 7, level: '7' }],
    ['2025-01-10', { daysLeft: 0, level: '7' }],
    ['2025-01-11', { daysLeft: -1, level: 'expired' }],
  ])('given an end on 2025-01-10, on %s the level is %j (loudest threshold reached wins)', (day, expected) => {
    expect(expiryLevel('2025-01-10', at(day))).toEqual(expected);
  });

  it('given the clock is still on the last day in Shanghai though already the next day in UTC, then it counts Shanghai days', () => {
    expect(expiryLevel('2025-01-10', new Date('2025-01-10T23:30:00+08:00'))).toEqual({ daysLeft: 0, level: '7' });
    expect(expiryLevel('2025-01-10', new Date('2025-01-11T00:30:00+08:00'))).toEqual({ daysLeft: -1, level: 'expired' });
  });
});

describe('computeExpiryWarnings', () => {
  it('given a procedure whose version in effect ends in 30 days, then it is listed with its name, end and level', () => {
    expect(computeExpiryWarnings(input('2024-12-11', [version('filing', 1, null, '2025-01-10', '备案')]))).toEqual([
      { scope: 'procedure', processKey: 'filing', name: '备案', effectiveTo: '2025-01-10', daysLeft: 30, level: '30' },
    ]);
  });

  it('given more than 60 days left, or no end at all, then nothing is listed', () => {
    expect(computeExpiryWarnings(input('2024-11-10', [version('filing', 1, null, '2025-01-10'), version('open', 1, null, null)], '2025-01-10'))).toEqual([]);
  });

  it('given a successor in effect from the day after the end, then the procedure is silent; when the successor itself ends soon, that end is announced', () => {
    const successorOpen = [version('filing', 1, null, '2025-01-10'), version('filing', 2, '2025-01-11', null, '备案（修订）')];
    expect(computeExpiryWarnings(input('2025-01-05', successorOpen))).toEqual([]);
    const successorShort = [version('filing', 1, null, '2025-01-10'), version('filing', 2, '2025-01-11', '2025-02-01', '备案（修订）')];
    expect(computeExpiryWarnings(input('2025-01-05', successorShort))).toEqual([
      { scope: 'procedure', processKey: 'filing', name: '备案（修订）', effectiveTo: '2025-02-01', daysLeft: 27, level: '30' },
    ]);
  });

  it('given a successor that starts later than the day after the end (a gap), then the end is still announced', () => {
    const gap = [version('filing', 1, null, '2025-01-10'), version('filing', 2, '2025-01-20', null)];
    expect(computeExpiryWarnings(input('2025-01-05', gap))).toMatchObject([{ processKey: 'filing', effectiveTo: '2025-01-10', level: '7' }]);
    expect(computeExpiryWarnings(input('2025-01-15', gap))).toMatchObject([{ processKey: 'filing', effectiveTo: '2025-01-10', daysLeft: -5, level: 'expired' }]);
    expect(computeExpiryWarnings(input('2025-01-20', gap))).toEqual([]);
  });

  it('given a procedure not in effect yet (and never ended), then it is not "expired"', () => {
    expect(computeExpiryWarnings(input('2025-01-05', [version('future', 1, '2025-03-01', null)]))).toEqual([]);
  });

  it('given the pack ends soon, then the pack is listed and procedures that end with it are not repeated, while one ending earlier is', () => {
    const versions = [version('a', 1, null, '2025-01-10'), version('b', 1, null, '2025-01-10'), version('c', 1, null, '2024-12-31', '早停事项')];
    expect(computeExpiryWarnings(input('2024-12-20', versions, '2025-01-10'))).toEqual([
      { scope: 'procedure', processKey: 'c', name: '早停事项', effectiveTo: '2024-12-31', daysLeft: 11, level: '30' },
      { scope: 'pack', processKey: null, name: '测试办法', effectiveTo: '2025-01-10', daysLeft: 21, level: '30' },
    ]);
  });

  it('given the pack has passed its end, then it is expired', () => {
    expect(computeExpiryWarnings(input('2025-02-01', [version('a', 1, null, '2025-01-10')], '2025-01-10'))).toEqual([
      { scope: 'pack', processKey: null, name: '测试办法', effectiveTo: '2025-01-10', daysLeft: -22, level: 'expired' },
    ]);
  });
});

describe('nextExpiryCheckAt', () => {
  it('is the next 08:00 in Shanghai, strictly after the given instant', () => {
    expect(nextExpiryCheckAt(new Date('2024-11-11T07:59:00+08:00')).toISOString()).toBe('2024-11-11T00:00:00.000Z');
    expect(nextExpiryCheckAt(new Date('2024-11-11T08:00:00+08:00')).toISOString()).toBe('2024-11-12T00:00:00.000Z');
    expect(nextExpiryCheckAt(new Date('2024-11-11T23:00:00+08:00')).toISOString()).toBe('2024-11-12T00:00:00.000Z');
  });
});
