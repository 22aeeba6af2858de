/**
 * Calendar dates without a time zone, as integer "epoch days".
 *
 * Working-day rules are about calendar dates in the calendar's zone, not
 * about instants, so the calendar works on integers (days since 1970-01-01)
 * and converts to and from instants only at the edges. Pure integer
 * arithmetic (H. Hinnant's civil-date algorithms): no Date local-time getter
 * can leak the server's time zone in here.
 */

/** A calendar date `YYYY-MM-DD` in the calendar's own time zone (no zone, no time). */
export type LocalDate = string;

/** Milliseconds in a 24-hour day; only for zone-free epoch-day arithmetic. */
export const DAY_MS = 86_400_000;

const LOCAL_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch day (days since 1970-01-01) of a proleptic Gregorian date. */
export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Year, month (1–12) and day of an epoch day. */
export function civilOf(epochDay: number): { year: number; month: number; day: number } {
  const z = epochDay + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** The year an epoch day falls in; coverage is decided per year. */
export function yearOf(epochDay: number): number {
  return civilOf(epochDay).year;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** Saturdays and Sundays are rest days unless a notice makes them make-up workdays. */
export function isWeekend(epochDay: number): boolean {
  const w = weekdayOf(epochDay);
  return w === 0 || w === 6;
}

/**
 * Parses `YYYY-MM-DD` strictly (real dates only), because a typo such as
 * 2024-02-30 in an edited calendar must be an error, not March 1st.
 * @throws RangeError when the text is not a real calendar date.
 */
export function parseLocalDate(text: string): number {
  const m = LOCAL_DATE_PATTERN.exec(text);
  if (m === null) throw new RangeError(`Not a date in YYYY-MM-DD form: "${text}"`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const epochDay = epochDayOf(year, month, day);
  const back = civilOf(epochDay);
  if (month < 1 || month > 12 || back.year !== year || back.month !== month || back.day !== day) {
    throw new RangeError(`Not a real calendar date: "${text}"`);
  }
  return epochDay;
}

/** Formats an epoch day as `YYYY-MM-DD` (years 0–9999). */
export function formatLocalDate(epochDay: number): LocalDate {
  const { year, month, day } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
