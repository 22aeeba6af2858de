/**
 * One colour per figure across every chart of the dashboard, so "overdue"
 * is the same red in the bars and in the trend: green for on time, amber
 * for late, red for overdue and unclaimed (the deadline cards' colours),
 * grey for returned.
 */
export const SERIES_COLORS = {
  pushed: '#1d5fb4',
  claimedOnTime: '#389e0d',
  claimedLate: '#faad14',
  overdueUnclaimed: '#cf1322',
  returned: '#8c8c8c',
  onTimeRate: '#722ed1',
} as const;
