import type { CircularRow } from '../../api/types';

export type CircularTotals = Pick<CircularRow, 'pushed' | 'claimedOnTime' | 'claimedLate' | 'overdueUnclaimed' | 'returned' | 'onTimeRate'>;

/**
 * Several departments' figures added up, with the on-time rate recomputed
 * from the sums by the server's own definition (docs/statistics.md) rather
 * than averaged. A push to two departments counts for each, as in the rows.
 * No median: medians do not add.
 */
export function sumRows(rows: readonly CircularRow[]): CircularTotals {
  const total = { pushed: 0, claimedOnTime: 0, claimedLate: 0, overdueUnclaimed: 0, returned: 0 };
  for (const r of rows) {
    total.pushed += r.pushed;
    total.claimedOnTime += r.claimedOnTime;
    total.claimedLate += r.claimedLate;
    total.overdueUnclaimed += r.overdueUnclaimed;
    total.returned += r.returned;
  }
  const due = total.claimedOnTime + total.claimedLate + total.overdueUnclaimed;
  return { ...total, onTimeRate: due === 0 ? null : Math.round((total.claimedOnTime / due) * 10_000) / 10_000 };
}
