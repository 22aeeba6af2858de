import type { CalendarData } from './calendar-data';
import { CalendarCoverageError, CalendarDataError } from './calendar-errors';
import { checkCalendarRules } from './check-calendar-rules';
import { epochDayOf, isWeekend, parseLocalDate, yearOf } from './local-date';
import { createZoneDays, type ZoneDays } from './zone-days';

/** What a covered day is: ordinary weekday, weekend, statutory holiday, or 调休 make-up workday. */
export type DayKind = 'workday' | 'restDay' | 'holiday' | 'makeUpWorkday';

const UNCOVERED = 0;
const WORKDAY = 1;
const REST_DAY = 2;
const HOLIDAY = 3;
const MAKE_UP_WORKDAY = 4;
const KIND_NAMES: Readonly<Record<number, DayKind>> = {
  [WORKDAY]: 'workday',
  [REST_DAY]: 'restDay',
  [HOLIDAY]: 'holiday',
  [MAKE_UP_WORKDAY]: 'makeUpWorkday',
};

/**
 * A compiled, immutable working-day calendar.
 *
 * Deadlines are computed on every task creation and deadline stages on every
 * inbox render, so everything is precomputed once per calendar: a day-kind
 * table over the covered years, prefix sums of working days and working
 * milliseconds, the list of working days, and the start instant of every local
 * day. Every lookup below is O(1) apart from error paths.
 *
 * The methods work on local epoch days and are the primitives behind
 * `addWorkingDays` and friends; application code should use those functions.
 * Build one with `compileCalendar`.
 */
export class WorkingCalendar {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  /** Covered years, ascending. */
  readonly coveredYears: readonly number[];
  readonly #first: number;
  readonly #last: number;
  readonly #kinds: Uint8Array;
  readonly #workingBefore: Int32Array;
  readonly #uncoveredBefore: Int32Array;
  readonly #workingDays: Int32Array;
  readonly #workingMsBefore: Float64Array;
  readonly #zone: ZoneDays;

  private constructor(data: CalendarData) {
    this.id = data.id;
    this.name = data.name;
    this.timeZone = data.timeZone;
    const years = [...new Set(data.years)].sort((a, b) => a - b);
    this.coveredYears = Object.freeze(years);
    const firstYear = years[0] ?? 1970;
    const lastYear = years[years.length - 1] ?? firstYear;
    const first = epochDayOf(firstYear, 1, 1);
    const last = epochDayOf(lastYear, 12, 31);
    const n = last - first + 1;
    this.#first = first;
    this.#last = last;
    this.#zone = createZoneDays(data.timeZone, first, last);

    const covered = new Set(years);
    const kinds = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const day = first + i;
      kinds[i] = covered.has(yearOf(day)) ? (isWeekend(day) ? REST_DAY : WORKDAY) : UNCOVERED;
    }
    for (const h of data.holidays) kinds[parseLocalDate(h.date) - first] = HOLIDAY;
    for (const w of data.workdays) kinds[parseLocalDate(w.date) - first] = MAKE_UP_WORKDAY;

    const workingBefore = new Int32Array(n + 1);
    const uncoveredBefore = new Int32Array(n + 1);
    const workingMsBefore = new Float64Array(n + 1);
    const workingDays: number[] = [];
    for (let i = 0; i < n; i++) {
      const kind = kinds[i];
      const working = kind === WORKDAY || kind === MAKE_UP_WORKDAY;
      if (working) workingDays.push(i);
      workingBefore[i + 1] = (workingBefore[i] ?? 0) + (working ? 1 : 0);
      uncoveredBefore[i + 1] = (uncoveredBefore[i] ?? 0) + (kind === UNCOVERED ? 1 : 0);
      const length = working ? this.#zone.startOfDay(first + i + 1) - this.#zone.startOfDay(first + i) : 0;
      workingMsBefore[i + 1] = (workingMsBefore[i] ?? 0) + length;
    }
    this.#kinds = kinds;
    this.#workingBefore = workingBefore;
    this.#uncoveredBefore = uncoveredBefore;
    this.#workingDays = Int32Array.from(workingDays);
    this.#workingMsBefore = workingMsBefore;
    Object.freeze(this);
  }

  /**
   * Compiles validated data; see `compileCalendar`.
   * @throws CalendarDataError when the data breaks a calendar rule.
   */
  static compile(data: CalendarData): WorkingCalendar {
    const issues = checkCalendarRules(data);
    if (issues.length > 0) throw new CalendarDataError(issues);
    return new WorkingCalendar(data);
  }

  /** Whether the year's holiday notice is in this calendar. */
  covers(year: number): boolean {
    return this.coveredYears.includes(year);
  }

  /** The local epoch day (in this calendar's zone) containing an instant. */
  dayOf(instantMs: number): number {
    return this.#zone.dayOf(instantMs);
  }

  /** The instant local day `epochDay` begins (00:00 in this calendar's zone). */
  startOfDay(epochDay: number): number {
    return this.#zone.startOfDay(epochDay);
  }

  /** @throws CalendarCoverageError when the day's year is not covered. */
  kindOf(epochDay: number): DayKind {
    this.assertCovered(epochDay, epochDay);
    const kind = KIND_NAMES[this.#kinds[epochDay - this.#first] ?? UNCOVERED];
    if (kind === undefined) throw new Error(`unreachable: covered day ${epochDay} without a kind`);
    return kind;
  }

  /** @throws CalendarCoverageError when the day's year is not covered. */
  isWorking(epochDay: number): boolean {
    this.assertCovered(epochDay, epochDay);
    const kind = this.#kinds[epochDay - this.#first];
    return kind === WORKDAY || kind === MAKE_UP_WORKDAY;
  }

  /**
   * The `n`-th working day on or after `fromDay` (n ≥ 1).
   * @throws CalendarCoverageError when the walk reaches an uncovered year.
   */
  nthWorkingDayFrom(fromDay: number, n: number): number {
    this.assertCovered(fromDay, fromDay);
    const index = (this.#workingBefore[fromDay - this.#first] ?? 0) + n - 1;
    const found = this.#workingDays[index];
    if (found === undefined) this.assertCovered(fromDay, this.#last + 1);
    const day = this.#first + (found ?? 0);
    this.assertCovered(fromDay, day);
    return day;
  }

  /**
   * Working days in `[fromDay, toDay]`; 0 when `toDay < fromDay`.
   * @throws CalendarCoverageError when the range touches an uncovered year.
   */
  countWorkingDays(fromDay: number, toDay: number): number {
    if (toDay < fromDay) return 0;
    this.assertCovered(fromDay, toDay);
    return (this.#workingBefore[toDay - this.#first + 1] ?? 0) - (this.#workingBefore[fromDay - this.#first] ?? 0);
  }

  /**
   * Milliseconds of `[aMs, bMs)` that fall on working days (whole local days,
   * 00:00–24:00). This is the "working time" clock of deadline stages.
   * @throws CalendarCoverageError when the interval touches an uncovered year.
   */
  workingMsBetween(aMs: number, bMs: number): number {
    if (bMs <= aMs) return 0;
    const da = this.dayOf(aMs);
    const db = this.dayOf(bMs);
    this.assertCovered(da, db);
    if (da === db) return this.isWorking(da) ? bMs - aMs : 0;
    const head = this.isWorking(da) ? this.startOfDay(da + 1) - aMs : 0;
    const middle = (this.#workingMsBefore[db - this.#first] ?? 0) - (this.#workingMsBefore[da + 1 - this.#first] ?? 0);
    const tail = this.isWorking(db) ? bMs - this.startOfDay(db) : 0;
    return head + middle + tail;
  }

  /** @throws CalendarCoverageError naming the first uncovered year in `[fromDay, toDay]`. */
  assertCovered(fromDay: number, toDay: number): void {
    const day = this.#firstUncovered(fromDay, toDay);
    if (day !== undefined) throw new CalendarCoverageError(yearOf(day), this.id);
  }

  #firstUncovered(fromDay: number, toDay: number): number | undefined {
    if (fromDay < this.#first) return fromDay;
    const inTo = Math.min(toDay, this.#last);
    if (inTo >= fromDay) {
      const i0 = fromDay - this.#first;
      const i1 = inTo - this.#first;
      if ((this.#uncoveredBefore[i1 + 1] ?? 0) - (this.#uncoveredBefore[i0] ?? 0) > 0) {
        for (let i = i0; i <= i1; i++) if (this.#kinds[i] === UNCOVERED) return this.#first + i;
      }
    }
    return toDay > this.#last ? Math.max(fromDay, this.#last + 1) : undefined;
  }
}

/**
 * Turns calendar data into the fast, immutable form every deadline function
 * takes. Do it once per calendar version (at pack load), not per request.
 * Re-checks the cross-field calendar rules, so hand-built data cannot bypass
 * them; use `parseCalendarData` first for untrusted JSON.
 * @throws CalendarDataError when the data breaks a calendar rule.
 */
export function compileCalendar(data: CalendarData): WorkingCalendar {
  return WorkingCalendar.compile(data);
}
