/**
 * Working-day calendar: pure functions over calendar data, no clock inside —
 * callers pass instants (DESIGN.md §4 "Working days", docs/calendar.md).
 */
export type { CalendarAttribution, CalendarData, CalendarDay } from './calendar-data';
export {
  CalendarCoverageError,
  CalendarDataError,
  DeadlineClockError,
  DurationSpecError,
  type CalendarDataIssue,
  type DeadlineClockErrorCode,
} from './calendar-errors';
export { CALENDAR_SCHEMA, CALENDAR_SCHEMA_ID } from './calendar-schema';
export { checkCalendarRules } from './check-calendar-rules';
export { addCalendarDays, addHours, computeDue } from './compute-due';
export { coverageWarnings, type CoverageWarning } from './coverage-warnings';
export {
  clockStage,
  clockStageInstants,
  isClockPaused,
  pauseClock,
  recomputeClock,
  resumeClock,
  startClock,
  type ClockPause,
  type DeadlineClock,
} from './deadline-clock';
export { DEFAULT_DEADLINE_SEMANTICS, resolveDeadlineSemantics, type DeadlineSemantics } from './deadline-semantics';
export {
  assertStageThresholds,
  deadlineStage,
  DEFAULT_STAGE_THRESHOLDS,
  elapsedFraction,
  type DeadlineStage,
  type ElapsedMeasure,
  type StageThresholds,
} from './deadline-stage';
export {
  assertDurationSpec,
  formatDurationSpec,
  parseDurationSpec,
  type DurationSpec,
  type DurationUnit,
} from './duration-spec';
export type { LocalDate } from './local-date';
export { parseCalendarData } from './parse-calendar-data';
export { compileCalendar, type DayKind, type WorkingCalendar } from './working-calendar';
export { addWorkingDays, dayKind, isWorkingDay, nextWorkingDay, workingDaysBetween } from './working-days';
