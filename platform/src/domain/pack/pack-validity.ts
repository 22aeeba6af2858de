import { parseLocalDate } from '../../calendar/local-date';

/** How loudly the designer warns about the end of the pack's validity (第三十七条-style sunset clauses). */
export type PackWarning = 'none' | '60' | '30' | '7' | 'expired';

/** The pack's remaining validity as the designer's banner shows it. */
export interface PackValidityStatus {
  /** Whole days from today to the last valid day: 0 on that day, negative once it has passed; null when the pack has no end date. */
  daysLeft: number | null;
  warning: PackWarning;
}

/** The zone in which validity dates are read unless the caller names another (the tenant calendar's zone). */
export const DEFAULT_VALIDITY_ZONE = 'Asia/Shanghai';

/** Warning thresholds in days, loudest last; a pack ending within N days gets warning N. */
const THRESHOLDS = [60, 30, 7] as const;

/** Today's date (YYYY-MM-DD) in `timeZone` at instant `now`; Intl, not the server's local time. */
export function localDateOf(now: Date, timeZone = DEFAULT_VALIDITY_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/**
 * How many days the pack still has and which warning the designer shows.
 *
 * Why a pure function of the injected clock's `now`: regulations expire
 * (e.g. "valid until 2025-01-10") and admins must be told 60, 30 and 7 days
 * ahead; tests move the clock across those edges. The last day named in
 * `validity.to` is still valid (daysLeft 0, warning '7'); the day after it,
 * the pack is expired. Dates are local dates in `timeZone`, so the warning
 * changes at midnight in the county, not in UTC.
 */
export function packValidityStatus(validity: { from?: string; to?: string } | undefined, now: Date, timeZone = DEFAULT_VALIDITY_ZONE): PackValidityStatus {
  if (!validity?.to) return { daysLeft: null, warning: 'none' };
  const daysLeft = parseLocalDate(validity.to) - parseLocalDate(localDateOf(now, timeZone));
  if (daysLeft < 0) return { daysLeft, warning: 'expired' };
  let warning: PackWarning = 'none';
  for (const threshold of THRESHOLDS) if (daysLeft <= threshold) warning = String(threshold) as PackWarning;
  return { daysLeft, warning };
}
