import { localDateOf, packValidityStatus } from '../../../../platform/src/domain/pack/pack-validity';

/** 10:00 in Shanghai on a local date (02:00 UTC). */
const at = (date: string, time = '02:00:00Z') => new Date(`${date}T${time}`);
const validity = { from: '2023-01-11', to: '2025-01-10' };

describe('pack validity warnings', () => {
  it.each([
    ['2024-11-09', 62, 'none'],
    ['2024-11-10', 61, 'none'],
    ['2024-11-11', 60, '60'],
    ['2024-12-10', 31, '60'],
    ['2024-12-11', 30, '30'],
    ['2025-01-02', 8, '30'],
    ['2025-01-03', 7, '7'],
    ['2025-01-10', 0, '7'],
    ['2025-01-11', -1, 'expired'],
  ])('given a pack valid until 2025-01-10, when today is %s, then %i days are left and the warning is %s', (today, daysLeft, warning) => {
    expect(packValidityStatus(validity, at(today))).toEqual({ daysLeft, warning });
  });

  it('given an instant late on the UTC day, when it is already the next day in Shanghai, then the Shanghai date counts', () => {
    // 2025-01-10T16:30Z is 00:30 on 2025-01-11 in Shanghai: the pack has just expired there.
    expect(localDateOf(new Date('2025-01-10T16:30:00Z'))).toBe('2025-01-11');
    expect(packValidityStatus(validity, new Date('2025-01-10T16:30:00Z'))).toEqual({ daysLeft: -1, warning: 'expired' });
    expect(packValidityStatus(validity, new Date('2025-01-10T15:59:59Z'))).toEqual({ daysLeft: 0, warning: '7' });
  });

  it('given a pack without an end date, when asked, then no days are counted and nothing is warned', () => {
    expect(packValidityStatus({ from: '2023-01-11' }, at('2030-01-01'))).toEqual({ daysLeft: null, warning: 'none' });
    expect(packValidityStatus(undefined, at('2030-01-01'))).toEqual({ daysLeft: null, warning: 'none' });
  });

  it('given another zone, when the dates differ across zones, then the given zone decides', () => {
    // 2025-01-10T20:00Z: still 2025-01-10 in UTC, already 2025-01-11 in Shanghai.
    expect(packValidityStatus(validity, new Date('2025-01-10T20:00:00Z'), 'UTC')).toEqual({ daysLeft: 0, warning: '7' });
    expect(packValidityStatus(validity, new Date('2025-01-10T20:00:00Z'))).toEqual({ daysLeft: -1, warning: 'expired' });
  });
});
