import { instantOf } from './day-counting';
import type { WorkingCalendar } from './working-calendar';

/** The card colour of a running deadline, as staff and leaders see it. */
export type DeadlineStage = 'normal' | 'yellow' | 'red' | 'overdue';

/**
 * Fractions of the time limit at which a card turns yellow and red. Must
 * satisfy `0 < yellow <= red < 1`: a threshold of 1 or more could never show
 * (at fraction 1 the deadline is overdue), so it is refused as a
 * configuration mistake; `yellow === red` is allowed and means "no yellow
 * stage".
 */
export interface StageThresholds {
  readonly yellow: number;
  readonly red: number;
}

/** The thresholds used by comparable platforms: yellow at 50 %, red at 90 %. */
export const DEFAULT_STAGE_THRESHOLDS: StageThresholds = Object.freeze({ yellow: 0.5, red: 0.9 });

/**
 * How elapsed time is measured. `workingTime` (for working-day deadlines)
 * counts only time on working days, so a weekend or the Spring Festival does
 * not push a card towards red; `wallClock` (for calendar-day and hour
 * deadlines) counts all time.
 */
export type ElapsedMeasure = 'workingTime' | 'wallClock';

/**
 * Validates pack-configured thresholds.
 * @throws RangeError unless `0 < yellow <= red < 1`.
 */
export function assertStageThresholds(thresholds: StageThresholds): void {
  const { yellow, red } = thresholds;
  if (!(Number.isFinite(yellow) && Number.isFinite(red) && yellow > 0 && yellow <= red && red < 1)) {
    throw new RangeError(`stage thresholds must satisfy 0 < yellow <= red < 1, got yellow=${yellow}, red=${red}`);
  }
}

/**
 * The share of the time limit used up at `now`, from 0 (at or before the
 * start) to 1 (at or after the due instant). With `workingTime` it is
 * working time in [startedAt, now) over working time in [startedAt, dueAt),
 * where working time is the part of an interval that falls on working days
 * (whole local days, 00:00–24:00); if the whole interval has no working time
 * it falls back to wall-clock time.
 * @throws CalendarCoverageError with `workingTime` when the interval touches an uncovered year.
 */
export function elapsedFraction(
  startedAt: Date,
  dueAt: Date,
  now: Date,
  cal: WorkingCalendar,
  measure: ElapsedMeasure = 'workingTime',
): number {
  const startMs = instantOf(startedAt, 'startedAt');
  const dueMs = instantOf(dueAt, 'dueAt');
  const nowMs = instantOf(now, 'now');
  if (nowMs >= dueMs) return 1;
  if (nowMs <= startMs) return 0;
  if (measure === 'workingTime') {
    const total = cal.workingMsBetween(startMs, dueMs);
    if (total > 0) return Math.min(1, cal.workingMsBetween(startMs, nowMs) / total);
  }
  return (nowMs - startMs) / (dueMs - startMs);
}

/**
 * The card colour at `now`: `overdue` once `now >= dueAt`, else `red` when the
 * elapsed fraction (see {@link elapsedFraction}) reaches `thresholds.red`,
 * `yellow` when it reaches `thresholds.yellow`, otherwise `normal`.
 * @throws RangeError for invalid thresholds.
 * @throws CalendarCoverageError with `workingTime` when the interval touches an uncovered year.
 */
export function deadlineStage(
  startedAt: Date,
  dueAt: Date,
  now: Date,
  cal: WorkingCalendar,
  thresholds: StageThresholds = DEFAULT_STAGE_THRESHOLDS,
  measure: ElapsedMeasure = 'workingTime',
): DeadlineStage {
  assertStageThresholds(thresholds);
  if (instantOf(now, 'now') >= instantOf(dueAt, 'dueAt')) return 'overdue';
  const fraction = elapsedFraction(startedAt, dueAt, now, cal, measure);
  if (fraction >= thresholds.red) return 'red';
  if (fraction >= thresholds.yellow) return 'yellow';
  return 'normal';
}
