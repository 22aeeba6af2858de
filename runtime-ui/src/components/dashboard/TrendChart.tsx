import type { CircularTrend } from '../../api/types';
import { useDashboardText } from '../../i18n/dashboard-messages';
import { EChart } from './EChart';
import { SERIES_COLORS } from './series-colors';
import { sumRows } from './sum-rows';

/**
 * Month by month for one department (or all of them summed): the pushes
 * and the ways they ended as lines on the count axis, and the on-time rate
 * on a percent axis. `department` is a department code, or undefined for
 * the sum of every department listed.
 */
export function TrendChart({ trend, department }: { trend: CircularTrend; department: string | undefined }) {
  const t = useDashboardText();
  const points = trend.months.map((m) => ({ month: m.month, row: sumRows(department ? m.departments.filter((d) => d.code === department) : m.departments) }));
  const counts = (['pushed', 'claimedOnTime', 'claimedLate', 'overdueUnclaimed', 'returned'] as const).map((key) => ({
    name: t(`dash.col.${key}`),
    type: 'line',
    data: points.map((p) => p.row[key]),
    itemStyle: { color: SERIES_COLORS[key] },
  }));
  const option = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 8, right: 8, top: 40, bottom: 24 },
    xAxis: { type: 'category', data: points.map((p) => p.month), boundaryGap: false },
    yAxis: [
      { type: 'value', minInterval: 1 },
      { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' }, splitLine: { show: false } },
    ],
    series: [
      ...counts,
      {
        name: t('dash.col.onTimeRate'),
        type: 'line',
        yAxisIndex: 1,
        lineStyle: { type: 'dashed' },
        itemStyle: { color: SERIES_COLORS.onTimeRate },
        connectNulls: false,
        data: points.map((p) => (p.row.onTimeRate === null ? null : Math.round(p.row.onTimeRate * 1000) / 10)),
        tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v.toFixed(1)}%` : t('dash.none')) },
      },
    ],
  };
  return <EChart option={option} height={340} label={t('dash.chart.trend', { from: trend.fromMonth, to: trend.toMonth })} data-testid="chart-trend" />;
}
