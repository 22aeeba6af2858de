/**
 * Thrown when a computation needs a date in a year the calendar does not
 * cover. A missing State Council notice must stop the deadline computation
 * (and show up in admin warnings) rather than let holidays silently count as
 * working days.
 */
export class CalendarCoverageError extends Error {
  override readonly name = 'CalendarCoverageError';

  constructor(
    /** The first uncovered year the computation reached. */
    readonly year: number,
    /** Id of the calendar that lacks the year. */
    readonly calendarId: string,
  ) {
    super(
      `Calendar "${calendarId}" does not cover the year ${year}; add that year's holiday notice to the calendar ` +
        `(工作日历未覆盖${year}年，请录入国务院办公厅${year}年部分节假日安排通知).`,
    );
  }
}

/** One reason calendar data was refused, located by JSON Pointer. */
export interface CalendarDataIssue {
  /** JSON Pointer into the calendar document, `""` for the root. */
  readonly path: string;
  readonly message: string;
}

/**
 * Thrown by `parseCalendarData` and `compileCalendar` when the data is
 * malformed or breaks a calendar rule; `issues` lists every problem found,
 * so an admin can fix a file in one pass.
 */
export class CalendarDataError extends Error {
  override readonly name = 'CalendarDataError';

  constructor(readonly issues: readonly CalendarDataIssue[]) {
    super(`Invalid calendar data:\n${issues.map((i) => `  ${i.path || '/'}: ${i.message}`).join('\n')}`);
  }
}

/** Thrown by `parseDurationSpec` for text that is not an accepted duration. */
export class DurationSpecError extends Error {
  override readonly name = 'DurationSpecError';

  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`Invalid duration "${text}": ${reason}`);
  }
}

/** Why a deadline clock refused a transition. */
export type DeadlineClockErrorCode = 'alreadyPaused' | 'notPaused' | 'outOfOrder' | 'overdue';

/**
 * Thrown by `pauseClock` / `resumeClock` for a transition that is not allowed
 * (pausing a paused clock, resuming a running one, going back in time,
 * pausing an overdue deadline). A workflow bug, never to be swallowed.
 */
export class DeadlineClockError extends Error {
  override readonly name = 'DeadlineClockError';

  constructor(
    readonly code: DeadlineClockErrorCode,
    message: string,
  ) {
    super(message);
  }
}
