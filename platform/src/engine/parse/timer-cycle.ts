import { daysInMonth, parseIsoDateTime, utcMsAsWall, wallAsUtcMs, type IsoDateTime, type WallTime } from './iso-date-time';
import { createZoneClock, type ZoneClock } from './zone-clock';

/**
 * Repeating timers (periodic reports such as the bureau's monthly 通报) as
 * ISO 8601 repeating intervals: `R[n]/<start>/<period>`.
 *
 * Semantics, chosen so a cycle is fully determined by its text:
 * - the timer fires at the start and then every period: fire k is
 *   start + k × period, for k = 0, 1, …; `Rn` means n firings in total,
 *   bare `R` means no end;
 * - every fire is computed from the start (never from the previous fire), on
 *   the wall clock of the zone: years and months move the local date and keep
 *   the anchor day, clamped to the month's end (from the 31st: 28 Feb, 31 Mar,
 *   30 Apr, …); weeks and days move the local date; hours, minutes and
 *   seconds are added as elapsed time;
 * - the start is required (an unanchored `R/P1D` would drift with restarts);
 *   with an offset (`+08:00`, `Z`) it is that instant, without one it is a
 *   wall time in the zone, and a bare date means local midnight.
 */

/** The period part of a cycle; all fields are non-negative and at least one is positive. */
export interface CyclePeriod {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

export interface TimerCycle {
  /** Number of firings, or null for an unbounded cycle (`R/…`). */
  readonly repetitions: number | null;
  readonly start: IsoDateTime;
  readonly period: CyclePeriod;
}

/** Thrown by `parseTimerCycle` / `nextCycleFire` for text that is not an accepted repeating interval. */
export class TimerCycleError extends Error {
  override readonly name = 'TimerCycleError';

  constructor(
    readonly text: string,
    readonly reason: string,
  ) {
    super(`Invalid timer cycle "${text}": ${reason}`);
  }
}

const DAY_MS = 86_400_000;
const PERIOD = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
const EXPECTED = 'expected R[n]/<start>/<period>, e.g. "R/2023-02-01T09:00:00+08:00/P1M" or "R12/2023-01-31T09:00+08:00/P1M"';

/**
 * Parses and validates a cycle's text, so a bad cycle is refused when the
 * definition is published rather than when the first report is due.
 * @throws TimerCycleError naming the text and the reason.
 */
export function parseTimerCycle(text: string): TimerCycle {
  const parts = text.trim().split('/');
  if (parts.length === 2 && /^R\d*$/i.test(parts[0] ?? '') && /^P/i.test(parts[1] ?? '')) {
    throw new TimerCycleError(text, `a start date-time is required before the period, so firings stay anchored; ${EXPECTED}`);
  }
  if (parts.length !== 3) throw new TimerCycleError(text, EXPECTED);
  const [rep = '', startText = '', periodText = ''] = parts;
  const repMatch = /^R(\d*)$/i.exec(rep);
  if (repMatch === null) throw new TimerCycleError(text, `"${rep}" is not a repetition count; ${EXPECTED}`);
  const repetitions = repMatch[1] === '' || repMatch[1] === undefined ? null : Number(repMatch[1]);
  if (repetitions !== null && (repetitions < 1 || !Number.isSafeInteger(repetitions))) {
    throw new TimerCycleError(text, 'the repetition count must be at least 1 (omit it, as in "R/…", for no end)');
  }
  const start = parseIsoDateTime(startText);
  if (start === undefined) {
    const reason = /^P/i.test(startText)
      ? 'a start date-time is required before the period, so firings stay anchored'
      : `"${startText}" is not an ISO 8601 date-time such as 2023-02-01T09:00:00+08:00`;
    throw new TimerCycleError(text, reason);
  }
  return { repetitions, start, period: parsePeriod(text, periodText) };
}

/**
 * The first firing of the cycle strictly after `after`, or null when the
 * cycle has fired its last repetition by then. The runtime calls it when a
 * timer start is published and after each firing, so the next durable timer
 * row is due exactly when the calendar says.
 * @throws TimerCycleError for invalid cycle text.
 * @throws RangeError when `timeZone` is not a known IANA zone.
 */
export function nextCycleFire(cycleText: string, after: Date, timeZone = 'Asia/Shanghai'): Date | null {
  const cycle = parseTimerCycle(cycleText);
  const zone = createZoneClock(timeZone);
  const fireAt = cycleFireTimes(cycle, zone);
  const afterMs = after.getTime();
  const startMs = fireAt(0);
  let k = 0;
  if (afterMs >= startMs) {
    k = Math.max(0, Math.floor((afterMs - startMs) / approximatePeriodMs(cycle.period)) - 1);
    while (k > 0 && fireAt(k) > afterMs) k--;
    while (fireAt(k) <= afterMs) k++;
  }
  if (cycle.repetitions !== null && k >= cycle.repetitions) return null;
  return new Date(fireAt(k));
}

/** A function giving the instant of fire k (k = 0 is the start) in the zone. */
function cycleFireTimes(cycle: TimerCycle, zone: ZoneClock): (k: number) => number {
  const { start, period } = cycle;
  const startMs =
    start.offsetMinutes === undefined ? zone.instantOf(start.wall) : wallAsUtcMs(start.wall) - start.offsetMinutes * 60_000;
  const anchor = zone.wallOf(startMs);
  const monthStep = 12 * period.years + period.months;
  const dayStep = 7 * period.weeks + period.days;
  const timeStepMs = ((period.hours * 60 + period.minutes) * 60 + period.seconds) * 1000;
  return (k) => {
    if (k === 0) return startMs;
    const monthIndex = anchor.month - 1 + k * monthStep;
    const year = anchor.year + Math.floor(monthIndex / 12);
    const month = (monthIndex % 12) + 1;
    const day = Math.min(anchor.day, daysInMonth(year, month));
    const dateMs = wallAsUtcMs({ ...anchor, year, month, day }) + k * dayStep * DAY_MS;
    const wall: WallTime = utcMsAsWall(dateMs);
    return zone.instantOf(wall) + k * timeStepMs;
  };
}

function parsePeriod(text: string, periodText: string): CyclePeriod {
  const m = PERIOD.exec(periodText);
  if (m === null || /T$/i.test(periodText) || periodText.length <= 1) {
    throw new TimerCycleError(text, `"${periodText}" is not an ISO 8601 period such as P1M, P1W, P1D or PT4H`);
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = m;
  const period: CyclePeriod = {
    years: Number(years ?? 0),
    months: Number(months ?? 0),
    weeks: Number(weeks ?? 0),
    days: Number(days ?? 0),
    hours: Number(hours ?? 0),
    minutes: Number(minutes ?? 0),
    seconds: Number((seconds ?? '0').replace(',', '.')),
  };
  if (approximatePeriodMs(period) < 1000) throw new TimerCycleError(text, 'the period must be at least one second');
  return period;
}

/** Mean length of a period, used only to jump close to the answer before stepping exactly. */
function approximatePeriodMs(p: CyclePeriod): number {
  const days = p.years * 365.2425 + p.months * 30.436875 + p.weeks * 7 + p.days;
  return days * DAY_MS + ((p.hours * 60 + p.minutes) * 60 + p.seconds) * 1000;
}
