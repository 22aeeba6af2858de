/**
 * Instants bounding local days in the jurisdiction's zone (China: UTC+8, no
 * DST since 1991). Query filters such as "started 2024-03-01 to 2024-03-31"
 * mean whole local days, whatever the server's zone.
 */
const ZONE_OFFSET_MS = 8 * 3_600_000;

/** 00:00 local of an ISO date (YYYY-MM-DD). */
export function startOfLocalDay(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - ZONE_OFFSET_MS);
}

/** 00:00 local of the day after an ISO date, for inclusive end dates. */
export function endOfLocalDay(isoDate: string): Date {
  return new Date(startOfLocalDay(isoDate).getTime() + 86_400_000);
}

/** The local calendar date of an instant, as YYYY-MM-DD. */
export function localDateOf(at: Date): string {
  return new Date(at.getTime() + ZONE_OFFSET_MS).toISOString().slice(0, 10);
}
