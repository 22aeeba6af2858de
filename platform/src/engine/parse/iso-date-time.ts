/**
 * Strict reading of ISO 8601 extended-format date-times as diagrams write
 * them (timer dates, the start of a timer cycle).
 *
 * Why not `Date.parse`: it accepts many non-ISO forms, rolls 30 February
 * over to March in some engines, and silently reads an offset-less time in
 * the server's zone. Timers are legal deadlines, so a date is either exactly
 * understood or refused at publish time.
 */

/** A wall-clock reading: calendar date and time of day, no zone. Month is 1–12. */
export interface WallTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

export interface IsoDateTime {
  readonly wall: WallTime;
  /** Minutes east of UTC when the text carries an offset (`Z` is 0); undefined for a local time. */
  readonly offsetMinutes?: number;
  /** True when the text was a bare date (`2023-01-31`), read as local midnight. */
  readonly dateOnly: boolean;
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?)?$/i;

/**
 * Parses `YYYY-MM-DD`, `YYYY-MM-DDThh:mm[:ss[.fff]]` with an optional offset
 * (`Z`, `±hh:mm`, `±hhmm`, `±hh`). Returns undefined for anything else,
 * including impossible dates (2023-02-29), hours past 23 and offsets beyond
 * ±18:00, so callers can phrase their own error.
 */
export function parseIsoDateTime(text: string): IsoDateTime | undefined {
  const m = PATTERN.exec(text.trim());
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac, zulu, sign, oh, om] = m;
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000),
  };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > daysInMonth(wall.year, wall.month)) return undefined;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return undefined;
  const dateOnly = h === undefined;
  if (zulu !== undefined) return { wall, offsetMinutes: 0, dateOnly };
  if (sign === undefined) return { wall, dateOnly };
  const offsetHours = Number(oh);
  const offsetMins = Number(om ?? 0);
  if (offsetMins > 59 || offsetHours * 60 + offsetMins > 18 * 60) return undefined;
  return { wall, offsetMinutes: (sign === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins), dateOnly };
}

/** Days in a month of the proleptic Gregorian calendar (month 1–12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The wall time read as if it were UTC, in epoch milliseconds (valid for years 0–9999, unlike Date.UTC). */
export function wallAsUtcMs(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Inverse of {@link wallAsUtcMs}. */
export function utcMsAsWall(ms: number): WallTime {
  const date = new Date(ms);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
    millisecond: date.getUTCMilliseconds(),
  };
}
