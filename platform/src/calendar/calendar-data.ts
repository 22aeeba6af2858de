/**
 * The editable, serialisable form of a working-day calendar, as stored in a
 * definition pack (`definitions/<pack>/calendars/*.json`).
 *
 * The law is data (DESIGN.md §5): the State Council publishes holidays and
 * 调休 make-up workdays every year, so they live here, where an admin can add
 * next year's notice without a release. Only exceptions are listed: every
 * other Saturday and Sunday of a covered year is a rest day and every other
 * weekday a working day. The JSON Schema is `CALENDAR_SCHEMA`.
 */
export interface CalendarData {
  /** Optional editor hint; ignored. */
  readonly $schema?: string;
  /** Stable identifier referenced by packs, e.g. `cn-statutory`. */
  readonly id: string;
  /** Human-readable name shown to admins. */
  readonly name: string;
  /** Optional free text for admins (what the calendar is for, who maintains it). */
  readonly description?: string;
  /** IANA zone in which dates are counted, e.g. `Asia/Shanghai`. */
  readonly timeZone: string;
  /**
   * The years this calendar is authoritative for. Explicit, because a year
   * whose notice is missing must not silently look like a year without
   * holidays: dates in unlisted years are a CalendarCoverageError.
   */
  readonly years: readonly number[];
  /** Days off (statutory holidays and the weekdays moved into them). */
  readonly holidays: readonly CalendarDay[];
  /** 调休 make-up workdays: Saturdays or Sundays that are working days. */
  readonly workdays: readonly CalendarDay[];
  /** Where the data came from, with licence terms that must travel with it. */
  readonly attribution: readonly CalendarAttribution[];
}

/** One exceptional date and why it is exceptional. */
export interface CalendarDay {
  /** `YYYY-MM-DD` in the calendar's time zone. */
  readonly date: string;
  /** Festival name in Chinese as in the notice, e.g. 春节. */
  readonly name: string;
  /** The legal source, e.g. 国办发明电〔2023〕7号, or the dataset it was taken from. */
  readonly source: string;
}

/** Credit for third-party data, kept next to the data so it survives copying. */
export interface CalendarAttribution {
  /** Dataset or package name, e.g. `chinese-days`. */
  readonly name: string;
  readonly version?: string;
  /** SPDX licence identifier, e.g. `MIT`. */
  readonly license: string;
  /** The copyright line from the licence file. */
  readonly copyright?: string;
  readonly url?: string;
  readonly note?: string;
}
