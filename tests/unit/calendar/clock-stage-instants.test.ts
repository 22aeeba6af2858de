import { clockStage, clockStageInstants, startClock } from '../../../platform/src/calendar';
import { loadSeedCalendar, sh } from './seed-calendar-fixture';

const cal = loadSeedCalendar();

describe('clockStageInstants (when a card turns yellow and red, stored on tasks for inbox filters)', () => {
  test('given a 3-working-day clock from Friday 10:00 over a weekend, yellow comes at half the working time (Tuesday 05:00), not half the wall-clock time', () => {
    // Working time: Fri 10:00–24:00 (14 h) + Mon + Tue + Wed (72 h) = 86 h; half is 43 h → Tue 05:00 (14 h Friday + 24 h Monday + 5 h).
    const clock = startClock(sh('2024-03-01T10:00'), { unit: 'workingDays', amount: 3 }, cal);
    const { yellowAt, redAt } = clockStageInstants(clock, cal, { yellow: 0.5, red: 0.9 });
    expect(yellowAt).toBe(sh('2024-03-05T05:00').toISOString());
    // 90 % of 86 h = 77.4 h → 63.4 h after Monday 00:00 → Wed 15:24.
    expect(redAt).toBe(sh('2024-03-06T15:24').toISOString());
  });

  test('then the stored instants agree with clockStage one millisecond either side', () => {
    const clock = startClock(sh('2024-09-27T16:30'), { unit: 'workingDays', amount: 5 }, cal); // spans the National Day holiday
    const thresholds = { yellow: 0.6, red: 0.85 };
    const { yellowAt, redAt } = clockStageInstants(clock, cal, thresholds);
    const at = (iso: string, deltaMs: number) => new Date(Date.parse(iso) + deltaMs);
    expect(clockStage(clock, at(yellowAt, -1), cal, thresholds)).toBe('normal');
    expect(clockStage(clock, at(yellowAt, 0), cal, thresholds)).toBe('yellow');
    expect(clockStage(clock, at(redAt, -1), cal, thresholds)).toBe('yellow');
    expect(clockStage(clock, at(redAt, 0), cal, thresholds)).toBe('red');
  });

  test('given a calendar-day clock, the instants are wall-clock fractions', () => {
    const clock = startClock(sh('2024-03-01T00:00'), { unit: 'calendarDays', amount: 10 }, cal);
    const { yellowAt } = clockStageInstants(clock, cal, { yellow: 0.5, red: 0.9 });
    const expected = Date.parse(clock.startedAt) + (Date.parse(clock.dueAt) - Date.parse(clock.startedAt)) / 2;
    expect(Math.abs(Date.parse(yellowAt) - expected)).toBeLessThanOrEqual(1);
  });
});
