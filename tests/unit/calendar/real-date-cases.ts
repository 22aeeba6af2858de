/**
 * Working-day deadlines over real State Council holiday arrangements,
 * computed by hand from the notices (国办发明电〔2022〕16号, 〔2023〕7号,
 * 〔2024〕12号, 〔2025〕7号) with the default semantics: the trigger day is not
 * counted and the deadline ends at 24:00 Asia/Shanghai of the last working
 * day, written here as 00:00 of the next calendar day. Times are Shanghai
 * wall time. Shared by the in-process test and the server-time-zone test.
 */
export interface RealDateCase {
  readonly start: string;
  readonly spec: string;
  readonly due: string;
  /** The hand count: day 1, day 2, … */
  readonly why: string;
}

export const REAL_DATE_CASES: readonly RealDateCase[] = [
  // --- year end 2022/2023: 元旦 2022-12-31..2023-01-02 (〔2022〕16号)
  { start: '2022-12-30T10:00', spec: '1WD', due: '2023-01-04T00:00', why: 'Fri; 12-31..01-02 holiday → Tue 01-03' },
  // --- Spring Festival 2023: holiday 01-21..01-27, workdays Sat 01-28, Sun 01-29
  { start: '2023-01-20T10:00', spec: '1WD', due: '2023-01-29T00:00', why: 'Fri; holiday week → Sat 01-28 (调休)' },
  { start: '2023-01-20T10:00', spec: '3WD', due: '2023-01-31T00:00', why: 'Sat 01-28, Sun 01-29, Mon 01-30' },
  { start: '2023-01-19T15:00', spec: '3WD', due: '2023-01-30T00:00', why: 'Fri 01-20, Sat 01-28, Sun 01-29' },
  { start: '2023-01-24T09:00', spec: '2WD', due: '2023-01-30T00:00', why: 'pushed during the holiday → 01-28, 01-29' },
  // --- National Day 2023: holiday 09-29..10-06, workdays Sat 10-07, Sun 10-08
  { start: '2023-09-28T11:00', spec: '1WD', due: '2023-10-08T00:00', why: 'Thu; 09-29..10-06 holiday → Sat 10-07' },
  { start: '2023-09-27T16:00', spec: '3WD', due: '2023-10-09T00:00', why: 'Thu 09-28, Sat 10-07, Sun 10-08' },
  { start: '2023-10-06T23:59', spec: '7WD', due: '2023-10-14T00:00', why: '10-07, 10-08, 10-09 … Fri 10-13' },
  // --- year end 2023/2024: 元旦 01-01 only
  { start: '2023-12-29T17:00', spec: '1WD', due: '2024-01-03T00:00', why: 'Fri; weekend, Mon 01-01 holiday → Tue 01-02' },
  { start: '2023-12-28T09:00', spec: '3WD', due: '2024-01-04T00:00', why: 'Fri 12-29, Tue 01-02, Wed 01-03' },
  // --- Spring Festival 2024: holiday 02-10..02-17, workdays Sun 02-04, Sun 02-18
  { start: '2024-02-02T10:00', spec: '3WD', due: '2024-02-07T00:00', why: 'DESIGN.md: Sun 02-04 (调休), Mon 02-05, Tue 02-06' },
  { start: '2024-02-02T00:00', spec: '3WD', due: '2024-02-07T00:00', why: 'pushed at the first instant of Fri: Fri still not counted' },
  { start: '2024-02-01T23:59:59.999', spec: '3WD', due: '2024-02-06T00:00', why: 'last instant of Thu: Fri 02-02, Sun 02-04, Mon 02-05' },
  { start: '2024-02-03T12:00', spec: '1WD', due: '2024-02-05T00:00', why: 'Sat → Sun 02-04 (调休)' },
  { start: '2024-02-08T10:00', spec: '1WD', due: '2024-02-10T00:00', why: 'Thu → Fri 02-09 (除夕 is a working day)' },
  { start: '2024-02-09T10:00', spec: '1WD', due: '2024-02-19T00:00', why: 'Fri; 02-10..02-17 holiday → Sun 02-18 (调休)' },
  { start: '2024-02-09T10:00', spec: '3WD', due: '2024-02-21T00:00', why: 'Sun 02-18, Mon 02-19, Tue 02-20' },
  { start: '2024-02-02T10:00', spec: '7WD', due: '2024-02-19T00:00', why: '02-04, 05, 06, 07, 08, 09, Sun 02-18' },
  // --- Mid-Autumn / National Day 2024: 09-15..09-17 (Sat 09-14 works), 10-01..10-07 (Sun 09-29, Sat 10-12 work)
  { start: '2024-09-13T10:00', spec: '1WD', due: '2024-09-15T00:00', why: 'Fri → Sat 09-14 (调休)' },
  { start: '2024-09-13T10:00', spec: '2WD', due: '2024-09-19T00:00', why: 'Sat 09-14; 09-15..09-17 holiday → Wed 09-18' },
  { start: '2024-09-27T10:00', spec: '1WD', due: '2024-09-30T00:00', why: 'Fri; Sat rest → Sun 09-29 (调休)' },
  { start: '2024-09-27T10:00', spec: '3WD', due: '2024-10-09T00:00', why: 'Sun 09-29, Mon 09-30, Tue 10-08' },
  { start: '2024-09-30T18:00', spec: '1WD', due: '2024-10-09T00:00', why: 'Mon; 10-01..10-07 holiday → Tue 10-08' },
  { start: '2024-10-09T10:00', spec: '3WD', due: '2024-10-13T00:00', why: 'Thu 10-10, Fri 10-11, Sat 10-12 (调休)' },
  // --- year end 2024/2025: 元旦 01-01 (Wed) only
  { start: '2024-12-31T10:00', spec: '1WD', due: '2025-01-03T00:00', why: 'Tue; Wed 01-01 holiday → Thu 01-02' },
  { start: '2024-12-27T10:00', spec: '3WD', due: '2025-01-03T00:00', why: 'Mon 12-30, Tue 12-31, Thu 01-02' },
  // --- Spring Festival 2025: holiday 01-28..02-04, workdays Sun 01-26, Sat 02-08
  { start: '2025-01-24T10:00', spec: '3WD', due: '2025-02-06T00:00', why: 'Sun 01-26, Mon 01-27, Wed 02-05' },
  { start: '2025-01-25T10:00', spec: '1WD', due: '2025-01-27T00:00', why: 'Sat → Sun 01-26 (调休)' },
  { start: '2025-01-27T10:00', spec: '1WD', due: '2025-02-06T00:00', why: 'Mon; 01-28..02-04 holiday → Wed 02-05' },
  { start: '2025-02-06T10:00', spec: '2WD', due: '2025-02-09T00:00', why: 'Fri 02-07, Sat 02-08 (调休)' },
  // --- National Day 2025: holiday 10-01..10-08, workdays Sun 09-28, Sat 10-11
  { start: '2025-09-26T10:00', spec: '3WD', due: '2025-10-01T00:00', why: 'Sun 09-28, Mon 09-29, Tue 09-30' },
  { start: '2025-09-30T10:00', spec: '3WD', due: '2025-10-12T00:00', why: 'Thu 10-09, Fri 10-10, Sat 10-11 (调休)' },
  { start: '2025-09-30T10:00', spec: '7WD', due: '2025-10-17T00:00', why: '10-09, 10, 11, 13, 14, 15, Thu 10-16' },
  // --- year end 2025/2026: 元旦 01-01..01-03, workday Sun 01-04
  { start: '2025-12-31T10:00', spec: '1WD', due: '2026-01-05T00:00', why: 'Wed; 01-01..01-03 holiday → Sun 01-04 (调休)' },
  { start: '2025-12-30T10:00', spec: '3WD', due: '2026-01-06T00:00', why: 'Wed 12-31, Sun 01-04, Mon 01-05' },
  // --- Spring Festival 2026: holiday 02-15..02-23, workdays Sat 02-14, Sat 02-28
  { start: '2026-02-13T10:00', spec: '1WD', due: '2026-02-15T00:00', why: 'Fri → Sat 02-14 (调休)' },
  { start: '2026-02-13T10:00', spec: '3WD', due: '2026-02-26T00:00', why: 'Sat 02-14, Tue 02-24, Wed 02-25' },
  { start: '2026-02-25T10:00', spec: '3WD', due: '2026-03-01T00:00', why: 'Thu 02-26, Fri 02-27, Sat 02-28 (调休)' },
  // --- Mid-Autumn / National Day 2026: 09-25..09-27; 10-01..10-07, workdays Sun 09-20, Sat 10-10
  { start: '2026-09-18T10:00', spec: '1WD', due: '2026-09-21T00:00', why: 'Fri; Sat rest → Sun 09-20 (调休)' },
  { start: '2026-09-24T10:00', spec: '2WD', due: '2026-09-30T00:00', why: 'Thu; 09-25..09-27 holiday → Mon 09-28, Tue 09-29' },
  { start: '2026-09-30T10:00', spec: '3WD', due: '2026-10-11T00:00', why: 'Thu 10-08, Fri 10-09, Sat 10-10 (调休)' },
  // --- year end 2026: the last covered day may end a deadline
  { start: '2026-12-30T10:00', spec: '1WD', due: '2027-01-01T00:00', why: 'Wed → Thu 12-31, the last covered day' },
  // --- other units, same instants
  { start: '2024-02-02T10:00', spec: 'P3D', due: '2024-02-06T00:00', why: 'calendar days 02-03, 02-04, 02-05' },
  { start: '2024-02-09T10:00', spec: '3CD', due: '2024-02-13T00:00', why: 'calendar days ignore the holiday: 02-10, 11, 12' },
  { start: '2024-02-02T10:00', spec: 'PT4H', due: '2024-02-02T14:00', why: 'hours from the instant itself' },
  { start: '2024-02-09T22:30', spec: '24h', due: '2024-02-10T22:30', why: 'hours ignore the holiday' },
];
