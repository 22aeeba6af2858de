import { DAY_MS } from './local-date';

/**
 * Converts between instants and local calendar days of one IANA time zone.
 *
 * Why not a fixed +08:00: the zone is data in the calendar file, and even
 * Asia/Shanghai had daylight saving time in 1986–1991. Why not plain Intl on
 * every call: Intl formatting costs microseconds and deadlines are computed on
 * every task creation. So the zone's UTC-offset transitions are found once
 * (Intl, sampled weekly and bisected to the millisecond) and the start instant
 * of every local day in the covered range is precomputed; lookups inside the
 * range are then two array reads. Outside the range it falls back to Intl.
 */
export interface ZoneDays {
  readonly timeZone: string;
  /** The local epoch day that contains the instant. */
  dayOf(instantMs: number): number;
  /** The first instant of a local epoch day (local 00:00, or the end of a DST gap that swallows it). */
  startOfDay(epochDay: number): number;
}

type OffsetAt = (instantMs: number) => number;

const SAMPLE_STEP_MS = 7 * DAY_MS;
/** Days precomputed beyond each end of the requested range (the day after the last one ends a deadline). */
const MARGIN_DAYS = 3;

/**
 * Builds a {@link ZoneDays} with precomputed day starts for `[firstDay, lastDay]`.
 * @throws RangeError when `timeZone` is not an IANA zone known to this runtime.
 */
export function createZoneDays(timeZone: string, firstDay: number, lastDay: number): ZoneDays {
  const slowOffset = intlOffsetAt(timeZone);
  const base = firstDay - MARGIN_DAYS;
  const count = lastDay - firstDay + 2 * MARGIN_DAYS + 1;
  const fastOffset = transitionTable(slowOffset, (base - 1) * DAY_MS, (base + count + 1) * DAY_MS);
  const starts = new Float64Array(count + 1);
  for (let i = 0; i <= count; i++) starts[i] = startOfLocalDay(base + i, fastOffset);
  const lo = starts[0] ?? 0;
  const hi = starts[count] ?? 0;

  return Object.freeze({
    timeZone,
    dayOf(instantMs: number): number {
      if (instantMs < lo || instantMs >= hi) return Math.floor((instantMs + slowOffset(instantMs)) / DAY_MS);
      let i = Math.min(count - 1, Math.floor((instantMs - lo) / DAY_MS));
      while (i > 0 && (starts[i] ?? 0) > instantMs) i--;
      while (i < count - 1 && (starts[i + 1] ?? 0) <= instantMs) i++;
      return base + i;
    },
    startOfDay(epochDay: number): number {
      const i = epochDay - base;
      if (i >= 0 && i <= count) return starts[i] ?? 0;
      return startOfLocalDay(epochDay, slowOffset);
    },
  });
}

/** UTC offset in ms at an instant, read from Intl (slow; used to build tables). */
function intlOffsetAt(timeZone: string): OffsetAt {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (instantMs) => {
    const fields: Record<string, number> = {};
    for (const part of format.formatToParts(instantMs)) fields[part.type] = Number(part.value);
    const wall = Date.UTC(fields.year ?? 0, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
    return wall - (instantMs - (((instantMs % 1000) + 1000) % 1000));
  };
}

/**
 * Finds every offset change in `[fromMs, toMs]` and returns an O(log k) lookup.
 * Assumes no zone changes offset twice within a week (true of every real zone
 * in the tz database since 1970).
 */
function transitionTable(slow: OffsetAt, fromMs: number, toMs: number): OffsetAt {
  const at: number[] = [];
  const offsets: number[] = [];
  const initial = slow(fromMs);
  let prevT = fromMs;
  let prevOffset = initial;
  while (prevT < toMs) {
    const t = Math.min(prevT + SAMPLE_STEP_MS, toMs);
    const offset = slow(t);
    if (offset !== prevOffset) {
      let a = prevT;
      let b = t;
      while (b - a > 1) {
        const mid = Math.floor((a + b) / 2);
        if (slow(mid) === prevOffset) a = mid;
        else b = mid;
      }
      at.push(b);
      offsets.push(offset);
    }
    prevT = t;
    prevOffset = offset;
  }
  if (at.length === 0) return (instantMs) => (instantMs >= fromMs && instantMs <= toMs ? initial : slow(instantMs));
  return (instantMs) => {
    if (instantMs < fromMs || instantMs > toMs) return slow(instantMs);
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[mid] ?? 0) <= instantMs) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? initial : (offsets[lo - 1] ?? initial);
  };
}

/**
 * The earliest instant whose local wall time is at or after 00:00 of `epochDay`.
 * In a fall-back overlap at midnight that is the first 00:00; in a
 * spring-forward gap at midnight it is the transition instant.
 */
function startOfLocalDay(epochDay: number, offsetAt: OffsetAt): number {
  const local = epochDay * DAY_MS;
  const before = offsetAt(local - DAY_MS);
  const after = offsetAt(local + DAY_MS);
  if (before === after) return local - before;
  const lo = Math.min(local - before, local - after);
  const hi = Math.max(local - before, local - after);
  if (lo + offsetAt(lo) === local) return lo;
  if (hi + offsetAt(hi) === local) return hi;
  let a = lo;
  let b = hi;
  while (b - a > 1) {
    const mid = Math.floor((a + b) / 2);
    if (mid + offsetAt(mid) >= local) b = mid;
    else a = mid;
  }
  return b;
}
