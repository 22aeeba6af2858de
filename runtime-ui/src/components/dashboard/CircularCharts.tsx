import type { CircularRow } from '../../api/types';
import { useDashboardText } from '../../i18n/dashboard-messages';
import { EChart } from './EChart';
import { SERIES_COLORS } from './series-colors';

/** Height for a horizontal bar chart: department names are long, so bars run sideways, one band per department. */
const barHeight = (rows: number) => Math.max(160, 60 + rows * 28);

/**
 * Each department's on-time claim rate as horizontal bars (percent). A
 * department with nothing due has no rate; it keeps its row with an empty
 * bar rather than a misleading 0 %.
 */
export function ClaimRateChart({ rows }: { rows: CircularRow[] }) {
  const t = useDashboardText();
  const names = rows.map((r) => r.name);
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : t('dash.none')) },
    grid: { left: 8, right: 48, top: 16, bottom: 24 },
    xAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', data: names, inverse: true },
    series: [
      {
        name: t('dash.col.onTimeRate'),
        type: 'bar',
        data: rows.map((r) => (r.onTimeRate === null ? null : Math.round(r.onTimeRate * 1000) / 10)),
        itemStyle: { color: SERIES_COLORS.claimedOnTime },
        label: { show: true, position: 'right', formatter: (p: { value: number | null }) => (p.value === null ? '' : `${p.value.toFixed(1)}%`) },
      },
    ],
  };
  return <EChart option={option} height={barHeight(rows.length)} label={t('dash.chart.rate')} data-testid="chart-rate" />;
}

/**
 * Per department, the items claimed late and those overdue and still
 * unclaimed, stacked: the two ways of missing the deadline the circular
 * names, with returns beside them.
 */
export function OverdueChart({ rows }: { rows: CircularRow[] }) {
  const t = useDashboardText();
  const option = {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0 },
    grid: { left: 8, right: 24, top: 32, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.name), inverse: true },
    series: [
      { name: t('dash.col.claimedLate'), type: 'bar', stack: 'overdue', data: rows.map((r) => r.claimedLate), itemStyle: { color: SERIES_COLORS.claimedLate } },
      { name: t('dash.col.overdueUnclaimed'), type: 'bar', stack: 'overdue', data: rows.map((r) => r.overdueUnclaimed), itemStyle: { color: SERIES_COLORS.overdueUnclaimed } },
      { name: t('dash.col.returned'), type: 'bar', data: rows.map((r) => r.returned), itemStyle: { color: SERIES_COLORS.returned } },
    ],
  };
  return <EChart option={option} height={barHeight(rows.length) + 24} label={t('dash.chart.overdue')} data-testid="chart-overdue" />;
}
