import { civilOf, epochDayOf, formatLocalDate, parseLocalDate, type LocalDate } from '../../calendar/local-date';
import { ValidationError, type FieldError } from '../../errors/problem-error';

/** Local days ↔ instants in one zone; a compiled WorkingCalendar is one (and falls back to Intl outside its years). */
export interface DayZone {
  readonly timeZone: string;
  dayOf(instantMs: number): number;
  startOfDay(epochDay: number): number;
}

/**
 * A statistics period: whole local days `from`..`to`, both included, which is
 * how a circular names its period ("2024年1月1日至1月31日"). `start` and `end`
 * are the instants the SQL uses, `[start, end)`: local 00:00 of `from` and
 * local 00:00 of the day after `to`.
 */
export interface StatisticsPeriod {
  from: LocalDate;
  to: LocalDate;
  start: Date;
  end: Date;
  timeZone: string;
}

/** What a caller may say: nothing (the previous month), a month, or a from/to pair of dates. */
export interface PeriodInput {
  from?: string;
  to?: string;
  /** YYYY-MM */
  month?: string;
}

/** The longest period one request may ask for, in days (a leap year). */
export const MAX_PERIOD_DAYS = 366;
/** The longest monthly trend one request may ask for. */
export const MAX_TREND_MONTHS = 36;

const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whole local days [fromDay, toDay] as a period. */
export function periodOfDays(zone: DayZone, fromDay: number, toDay: number): StatisticsPeriod {
  return {
    from: formatLocalDate(fromDay),
    to: formatLocalDate(toDay),
    start: new Date(zone.startOfDay(fromDay)),
    end: new Date(zone.startOfDay(toDay + 1)),
    timeZone: zone.timeZone,
  };
}

function localDay(text: string, pointer: string): number {
  try {
    return parseLocalDate(text);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    throw new ValidationError(err.message, [{ pointer, message: 'must be a real date in YYYY-MM-DD form' }]);
  }
}

/** First and last local day of a `YYYY-MM` month. */
export function monthDays(month: string): [number, number] {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new RangeError(`Not a month in YYYY-MM form: "${month}"`);
  const year = Number(m[1]);
  const mon = Number(m[2]);
  return [epochDayOf(year, mon, 1), epochDayOf(mon === 12 ? year + 1 : year, mon === 12 ? 1 : mon + 1, 1) - 1];
}

/** The `YYYY-MM` month containing a local day. */
export function monthOfDay(epochDay: number): string {
  const { year, month } = civilOf(epochDay);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}

/** The month `delta` months after (or before) `month`. */
export function shiftMonth(month: string, delta: number): string {
  const [first] = monthDays(month);
  const { year, month: mon } = civilOf(first);
  const index = year * 12 + (mon - 1) + delta;
  return monthOfDay(epochDayOf(Math.floor(index / 12), (index % 12) + 1, 1));
}

/**
 * Resolves what the caller asked for into a period, or explains with JSON
 * Pointers (under `/query`) what is wrong. Without input, the previous
 * calendar month of `now`'s local day: the period the monthly circular reports.
 * @throws ValidationError for half a pair, a month mixed with dates, from after to, or more than 366 days.
 */
export function resolvePeriod(zone: DayZone, input: PeriodInput, now: Date): StatisticsPeriod {
  const { from, to, month } = input;
  const errors: FieldError[] = [];
  if (month !== undefined && (from !== undefined || to !== undefined)) {
    errors.push({ pointer: '/query/month', message: 'cannot be combined with from and to' });
  }
  if ((from === undefined) !== (to === undefined)) {
    errors.push({ pointer: from === undefined ? '/query/from' : '/query/to', message: 'is required when the other end of the period is given' });
  }
  if (errors.length) throw new ValidationError('The period is invalid: give either month, or both from and to.', errors);
  if (month !== undefined) return periodOfDays(zone, ...monthDays(month));
  if (from === undefined || to === undefined) {
    const thisMonth = monthOfDay(zone.dayOf(now.getTime()));
    return periodOfDays(zone, ...monthDays(shiftMonth(thisMonth, -1)));
  }
  const fromDay = localDay(from, '/query/from');
  const toDay = localDay(to, '/query/to');
  if (toDay < fromDay) {
    throw new ValidationError(`The period ends (${to}) before it starts (${from}).`, [{ pointer: '/query/to', message: 'must not be before from' }]);
  }
  if (toDay - fromDay + 1 > MAX_PERIOD_DAYS) {
    throw new ValidationError(`The period spans ${toDay - fromDay + 1} days; at most ${MAX_PERIOD_DAYS} may be asked for at once.`, [
      { pointer: '/query/to', message: `must keep the period within ${MAX_PERIOD_DAYS} days of from` },
    ]);
  }
  return periodOfDays(zone, fromDay, toDay);
}

/**
 * The months of a trend, oldest first. Without input: the twelve months up to
 * and including `now`'s month; with only one end, twelve months from or to it.
 * @throws ValidationError when fromMonth is after toMonth or the range exceeds 36 months.
 */
export function resolveMonths(zone: DayZone, input: { fromMonth?: string; toMonth?: string }, now: Date): string[] {
  const toMonth = input.toMonth ?? (input.fromMonth ? shiftMonth(input.fromMonth, 11) : monthOfDay(zone.dayOf(now.getTime())));
  const fromMonth = input.fromMonth ?? shiftMonth(toMonth, -11);
  const [fromFirst] = monthDays(fromMonth);
  const [toFirst] = monthDays(toMonth);
  if (toFirst < fromFirst) {
    throw new ValidationError(`The trend ends (${toMonth}) before it starts (${fromMonth}).`, [{ pointer: '/query/toMonth', message: 'must not be before fromMonth' }]);
  }
  const months = [fromMonth];
  while (months[months.length - 1] !== toMonth) {
    months.push(shiftMonth(months[months.length - 1]!, 1));
    if (months.length > MAX_TREND_MONTHS) {
      throw new ValidationError(`A trend covers at most ${MAX_TREND_MONTHS} months.`, [
        { pointer: '/query/toMonth', message: `must keep the trend within ${MAX_TREND_MONTHS} months of fromMonth` },
      ]);
    }
  }
  return months;
}
