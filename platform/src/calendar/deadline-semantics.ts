/**
 * How a pack counts deadlines. The defaults follow the Civil Code
 * (民法典) and suit 行政许可法 art. 82; a county whose regulation says
 * otherwise changes them in its pack instead of in code.
 */
export interface DeadlineSemantics {
  /**
   * `false` (default): the day of the triggering event is not counted and
   * counting starts the next day (民法典 art. 201). `true`: the trigger day is
   * day 1 when it is a working day and the trigger happens before that day's
   * end (see `dayEndsAtMinute`); otherwise counting starts the next day.
   */
  readonly countTriggerDay: boolean;
  /**
   * When the last day of a day-counted deadline ends, in minutes after local
   * midnight. 1440 (default) = 24:00, i.e. local 00:00 of the following
   * calendar day (民法典 art. 203 ¶2). A smaller value models "the end of
   * business hours", e.g. 1050 = 17:30; it is counted as elapsed time from
   * local midnight. Must be an integer in 1…1440.
   */
  readonly dayEndsAtMinute: number;
  /**
   * `false` (default): a calendar-day deadline ends on its last calendar day
   * even if that is a rest day. `true`: when the last day is not a working
   * day, the deadline moves to the end of the next working day (民法典 art.
   * 203 ¶1); this needs the calendar to cover that date.
   */
  readonly calendarDaysEndOnWorkingDay: boolean;
}

/** 民法典 defaults: trigger day not counted, deadline ends at 24:00 local. */
export const DEFAULT_DEADLINE_SEMANTICS: DeadlineSemantics = Object.freeze({
  countTriggerDay: false,
  dayEndsAtMinute: 1440,
  calendarDaysEndOnWorkingDay: false,
});

/**
 * Fills in defaults and validates, so a bad pack setting fails loudly at the
 * first computation instead of producing odd due dates.
 * @throws RangeError for a `dayEndsAtMinute` outside 1…1440 or a non-boolean flag.
 */
export function resolveDeadlineSemantics(overrides?: Partial<DeadlineSemantics>): DeadlineSemantics {
  if (overrides === undefined || overrides === DEFAULT_DEADLINE_SEMANTICS) return DEFAULT_DEADLINE_SEMANTICS;
  const resolved: DeadlineSemantics = { ...DEFAULT_DEADLINE_SEMANTICS, ...stripUndefined(overrides) };
  const { countTriggerDay, dayEndsAtMinute, calendarDaysEndOnWorkingDay } = resolved;
  if (!Number.isInteger(dayEndsAtMinute) || dayEndsAtMinute < 1 || dayEndsAtMinute > 1440) {
    throw new RangeError(`dayEndsAtMinute must be an integer from 1 to 1440 (24:00), got ${String(dayEndsAtMinute)}`);
  }
  if (typeof countTriggerDay !== 'boolean') throw new RangeError('countTriggerDay must be a boolean');
  if (typeof calendarDaysEndOnWorkingDay !== 'boolean') throw new RangeError('calendarDaysEndOnWorkingDay must be a boolean');
  return Object.freeze(resolved);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
