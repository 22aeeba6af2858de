import {
  clockStage,
  DeadlineClockError,
  isClockPaused,
  pauseClock,
  resumeClock,
  startClock,
  type DeadlineClock,
} from '../../../platform/src/calendar';
import { loadSeedCalendar, sh } from './seed-calendar-fixture';

const cal = loadSeedCalendar();

function clockErrorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof DeadlineClockError) return error.code;
    throw error;
  }
  throw new Error('expected a DeadlineClockError');
}

describe('given a 3-working-day clock started Friday 2024-03-01 10:00 (due end of Wed 03-06)', () => {
  const clock = startClock(sh('2024-03-01T10:00'), { unit: 'workingDays', amount: 3 }, cal);

  test('then it is plain JSON that survives a round trip', () => {
    expect(clock.dueAt).toBe(sh('2024-03-07T00:00').toISOString());
    expect(JSON.parse(JSON.stringify(clock))).toEqual(clock);
    expect(isClockPaused(clock)).toBe(false);
  });

  test('when paused and resumed on the same day, then the due date does not move', () => {
    const paused = pauseClock(clock, sh('2024-03-04T09:00'));
    expect(isClockPaused(paused)).toBe(true);
    expect(paused.dueAt).toBe(clock.dueAt); // unchanged until resume
    const resumed = resumeClock(paused, sh('2024-03-04T17:00'), cal);
    expect(resumed.pauses).toEqual([{ from: sh('2024-03-04T09:00').toISOString(), to: sh('2024-03-04T17:00').toISOString(), pausedAmount: 0 }]);
    expect(resumed.dueAt).toBe(clock.dueAt);
  });

  test('when paused Monday and resumed Wednesday, then Tuesday and Wednesday are given back (due end of Fri 03-08)', () => {
    const resumed = resumeClock(pauseClock(clock, sh('2024-03-04T11:00')), sh('2024-03-06T09:00'), cal);
    expect(resumed.pauses[0]?.pausedAmount).toBe(2);
    expect(resumed.dueAt).toBe(sh('2024-03-09T00:00').toISOString());
  });

  test('when paused Friday and resumed Monday, then only Monday is given back (weekend was not working time)', () => {
    const resumed = resumeClock(pauseClock(clock, sh('2024-03-01T15:00')), sh('2024-03-04T09:00'), cal);
    expect(resumed.pauses[0]?.pausedAmount).toBe(1);
    expect(resumed.dueAt).toBe(sh('2024-03-08T00:00').toISOString());
  });

  test('when paused twice, then both pauses add up', () => {
    let c: DeadlineClock = clock;
    c = resumeClock(pauseClock(c, sh('2024-03-04T10:00')), sh('2024-03-05T10:00'), cal); // +1 (Tue)
    c = pauseClock(c, sh('2024-03-06T10:00'));
    c = resumeClock(c, sh('2024-03-08T10:00'), cal); // +2 (Thu, Fri)
    expect(c.pauses.map((p) => p.pausedAmount)).toEqual([1, 2]);
    expect(c.dueAt).toBe(sh('2024-03-12T00:00').toISOString()); // Mon 11 = day 3+3
  });

  test('when paused over the Qingming holiday, then only the working days of the pause count', () => {
    const april = startClock(sh('2024-04-02T10:00'), { unit: 'workingDays', amount: 3 }, cal);
    // Holiday 04-04..04-06, Sun 04-07 is a make-up workday.
    const resumed = resumeClock(pauseClock(april, sh('2024-04-03T10:00')), sh('2024-04-08T10:00'), cal);
    expect(resumed.pauses[0]?.pausedAmount).toBe(2); // Sun 04-07, Mon 04-08
  });

  test('when pausing a paused clock or resuming a running one, then it is an error', () => {
    const paused = pauseClock(clock, sh('2024-03-04T09:00'));
    expect(clockErrorCode(() => pauseClock(paused, sh('2024-03-04T10:00')))).toBe('alreadyPaused');
    expect(clockErrorCode(() => resumeClock(clock, sh('2024-03-04T10:00'), cal))).toBe('notPaused');
  });

  test('when going back in time, then it is an error', () => {
    expect(clockErrorCode(() => pauseClock(clock, sh('2024-02-29T10:00')))).toBe('outOfOrder');
    const paused = pauseClock(clock, sh('2024-03-04T09:00'));
    expect(clockErrorCode(() => resumeClock(paused, sh('2024-03-04T08:00'), cal))).toBe('outOfOrder');
    const resumed = resumeClock(paused, sh('2024-03-05T09:00'), cal);
    expect(clockErrorCode(() => pauseClock(resumed, sh('2024-03-05T08:00')))).toBe('outOfOrder');
  });

  test('when pausing after the due instant, then it is refused as overdue', () => {
    expect(clockErrorCode(() => pauseClock(clock, sh('2024-03-07T00:00')))).toBe('overdue');
  });

  test('when paused, then the stage is frozen at the pause; after resuming it follows the extended due', () => {
    const paused = pauseClock(clock, sh('2024-03-04T10:00')); // 14 + 10 = 24 h of 86 h: normal
    expect(clockStage(paused, sh('2024-03-20T00:00'), cal)).toBe('normal');
    const resumed = resumeClock(paused, sh('2024-03-18T10:00'), cal); // +10 working days
    expect(resumed.dueAt).toBe(sh('2024-03-21T00:00').toISOString());
    expect(clockStage(resumed, sh('2024-03-21T00:00'), cal)).toBe('overdue');
  });
});

describe('given clocks in other units', () => {
  test('when an hour clock is paused for 90 minutes, then the due moves by exactly 90 minutes', () => {
    const clock = startClock(sh('2024-02-09T10:00'), { unit: 'hours', amount: 4 }, cal);
    const resumed = resumeClock(pauseClock(clock, sh('2024-02-09T11:00')), sh('2024-02-09T12:30'), cal);
    expect(resumed.pauses[0]?.pausedAmount).toBe(1.5);
    expect(resumed.dueAt).toBe(sh('2024-02-09T15:30').toISOString());
  });

  test('when a calendar-day clock is paused from one day to the third, then it gains two days', () => {
    const clock = startClock(sh('2024-02-09T10:00'), { unit: 'calendarDays', amount: 5 }, cal);
    expect(clock.dueAt).toBe(sh('2024-02-15T00:00').toISOString());
    const resumed = resumeClock(pauseClock(clock, sh('2024-02-10T10:00')), sh('2024-02-12T10:00'), cal);
    expect(resumed.dueAt).toBe(sh('2024-02-17T00:00').toISOString());
  });

  test('when the clock was started with pack semantics, then resume keeps using them', () => {
    const clock = startClock(sh('2024-03-01T10:00'), { unit: 'workingDays', amount: 1 }, cal, { dayEndsAtMinute: 1050 });
    expect(clock.dueAt).toBe(sh('2024-03-04T17:30').toISOString());
    const resumed = resumeClock(pauseClock(clock, sh('2024-03-04T09:00')), sh('2024-03-05T09:00'), cal);
    expect(resumed.dueAt).toBe(sh('2024-03-05T17:30').toISOString());
  });
});
