/**
 * Dates as staff read them: YYYY-MM-DD in Asia/Shanghai (UTC+8, no DST since
 * 1991), whatever zone the browser is in. Done with plain arithmetic so the
 * inbox needs no time-zone database.
 */
const OFFSET_MS = 8 * 3_600_000;

function shanghai(iso: string | Date): Date {
  return new Date(new Date(iso).getTime() + OFFSET_MS);
}

export function formatDate(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  return shanghai(iso).toISOString().slice(0, 10);
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '';
  return shanghai(iso).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * The last day of a deadline: a deadline ends at 24:00 of its last day,
 * which the API gives as 00:00 of the next day, so step back a millisecond.
 */
export function formatDueDate(iso: string | null | undefined): string {
  if (!iso) return '';
  return formatDate(new Date(new Date(iso).getTime() - 1));
}

/** Today's local date (YYYY-MM-DD) in Asia/Shanghai. */
export function todayLocal(): string {
  return formatDate(new Date());
}
