import { utcMsAsWall, wallAsUtcMs, type WallTime } from './iso-date-time';

/**
 * Wall-clock arithmetic in one IANA zone, for timer cycles ("every month on
 * the 31st at 09:00 Beijing time"). Why not a fixed +08:00: the zone is a
 * parameter, and a pack for a zone with daylight saving time must keep 09:00
 * local across the change. Offsets come from Intl; timer cycles are computed
 * once per firing, so no precomputed table is needed.
 */
export interface ZoneClock {
  readonly timeZone: string;
  /** The local wall time at an instant. */
  wallOf(instantMs: number): WallTime;
  /**
   * The instant a local wall time denotes. In a fall-back overlap the earlier
   * instant; in a spring-forward gap the wall time is moved forward by the gap
   * (Temporal's "compatible" disambiguation), so a timer never vanishes.
   */
  instantOf(wall: WallTime): number;
}

const DAY_MS = 86_400_000;

/**
 * Builds a {@link ZoneClock}.
 * @throws RangeError when `timeZone` is not an IANA zone known to this runtime.
 */
export function createZoneClock(timeZone: string): ZoneClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  const offsetAt = (instantMs: number): number => {
    const fields: Record<string, string> = {};
    for (const part of format.formatToParts(instantMs)) fields[part.type] = part.value;
    const era = fields.era ?? 'AD';
    const year = Number(fields.year ?? 0);
    const wall: WallTime = {
      year: era === 'BC' || era === 'B' ? 1 - year : year,
      month: Number(fields.month ?? 1),
      day: Number(fields.day ?? 1),
      hour: Number(fields.hour ?? 0),
      minute: Number(fields.minute ?? 0),
      second: Number(fields.second ?? 0),
      millisecond: 0,
    };
    const wholeSecond = instantMs - (((instantMs % 1000) + 1000) % 1000);
    return wallAsUtcMs(wall) - wholeSecond;
  };

  return Object.freeze({
    timeZone,
    wallOf(instantMs: number): WallTime {
      return utcMsAsWall(instantMs + offsetAt(instantMs));
    },
    instantOf(wall: WallTime): number {
      const local = wallAsUtcMs(wall);
      const before = offsetAt(local - DAY_MS);
      const after = offsetAt(local + DAY_MS);
      const early = local - before;
      if (before === after) return early;
      const late = local - after;
      const first = Math.min(early, late);
      const second = Math.max(early, late);
      if (first + offsetAt(first) === local) return first;
      if (second + offsetAt(second) === local) return second;
      return early;
    },
  });
}
