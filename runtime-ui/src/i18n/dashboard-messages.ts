import { useCallback } from 'react';
import { useLocale } from './locale';

/**
 * Strings of the circular dashboard (第十九条 通报统计). Kept out of
 * messages.ts so the page's text ships in the page's own lazy chunk; the
 * column names repeat the export's Chinese headings on purpose, so the table
 * and the downloaded file read the same.
 */
export const dashboardZh = {
  'dash.title': '审批与监管信息推送认领情况通报',
  'dash.mode.month': '按月',
  'dash.mode.range': '按日期范围',
  'dash.month': '统计月份',
  'dash.range': '统计日期',
  'dash.period': '统计期间：{from} 至 {to}（{zone}）',
  'dash.generatedAt': '生成时间：{at}',
  'dash.legalBasis': '依据：{basis}',
  'dash.exportCsv': '导出 CSV',
  'dash.exportXlsx': '导出 Excel',
  'dash.refresh': '刷新',
  'dash.warnings': '统计说明',
  'dash.table': '各部门推送认领情况',
  'dash.col.department': '部门',
  'dash.col.pushed': '推送数',
  'dash.col.claimedOnTime': '按期认领',
  'dash.col.claimedLate': '超期认领',
  'dash.col.overdueUnclaimed': '超期未认领',
  'dash.col.returned': '退回',
  'dash.col.onTimeRate': '按期认领率',
  'dash.col.median': '认领用时中位数(工作小时)',
  'dash.total': '合计',
  'dash.none': '—',
  'dash.rateHint': '按期认领 ÷（按期认领 + 超期认领 + 超期未认领）；退回和未到期的不计入',
  'dash.chart.rate': '按期认领率（各部门）',
  'dash.chart.overdue': '超期情况（各部门）',
  'dash.chart.trend': '月度趋势（{from} 至 {to}）',
  'dash.trend.department': '部门',
  'dash.trend.all': '全部部门合计',
  'dash.noData': '本期无推送',
  'dash.forbidden': '通报统计仅向各部门工作人员、联络员和领导开放。',
} as const;

export type DashboardKey = keyof typeof dashboardZh;

export const dashboardEn: Record<DashboardKey, string> = {
  'dash.title': 'Push and claim circular',
  'dash.mode.month': 'Month',
  'dash.mode.range': 'Date range',
  'dash.month': 'Month',
  'dash.range': 'Dates',
  'dash.period': 'Period: {from} to {to} ({zone})',
  'dash.generatedAt': 'Generated: {at}',
  'dash.legalBasis': 'Legal basis: {basis}',
  'dash.exportCsv': 'Export CSV',
  'dash.exportXlsx': 'Export Excel',
  'dash.refresh': 'Refresh',
  'dash.warnings': 'Notes',
  'dash.table': 'Push and claim by department',
  'dash.col.department': 'Department',
  'dash.col.pushed': 'Pushed',
  'dash.col.claimedOnTime': 'Claimed on time',
  'dash.col.claimedLate': 'Claimed late',
  'dash.col.overdueUnclaimed': 'Overdue, unclaimed',
  'dash.col.returned': 'Returned',
  'dash.col.onTimeRate': 'On-time rate',
  'dash.col.median': 'Median claim time (working hours)',
  'dash.total': 'Total',
  'dash.none': '—',
  'dash.rateHint': 'On time ÷ (on time + late + overdue unclaimed); returned and not-yet-due items are left out',
  'dash.chart.rate': 'On-time claim rate by department',
  'dash.chart.overdue': 'Overdue by department',
  'dash.chart.trend': 'Monthly trend ({from} to {to})',
  'dash.trend.department': 'Department',
  'dash.trend.all': 'All departments',
  'dash.noData': 'Nothing pushed in this period',
  'dash.forbidden': 'The circular is for staff, liaison officers and leaders of a department.',
};

/** `t` for the dashboard's strings, following the UI language toggle. */
export function useDashboardText(): (key: DashboardKey, vars?: Record<string, string | number>) => string {
  const { locale } = useLocale();
  return useCallback(
    (key, vars) => {
      const template = locale === 'en' ? dashboardEn[key] : dashboardZh[key];
      return vars ? template.replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? '')) : template;
    },
    [locale],
  );
}
