import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Row, Select, Space, Typography } from 'antd';
import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, ApiError, qs } from '../api/client';
import type { CircularReport, CircularTrend } from '../api/types';
import { useAsync } from '../api/use-async';
import { ClaimRateChart, OverdueChart } from '../components/dashboard/CircularCharts';
import { CircularTable } from '../components/dashboard/CircularTable';
import { ExportLinks } from '../components/dashboard/ExportLinks';
import { PeriodPicker, periodQuery, previousMonth, type CircularPeriod } from '../components/dashboard/PeriodPicker';
import { TrendChart } from '../components/dashboard/TrendChart';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDateTime, todayLocal } from '../format';
import { useDashboardText } from '../i18n/dashboard-messages';
import { useSession } from '../session/session';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
/** The roles the statistics routes admit (statistics-routes.ts); an admin-only account is told so without a request that would only answer 403. */
const READER_ROLES = new Set(['staff', 'liaison', 'leader']);

/** The period from the URL (?month= or ?from=&to=), else the previous month: what the monthly circular reports. */
function periodFrom(params: URLSearchParams, today: string): CircularPeriod {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  if (DATE.test(from) && DATE.test(to)) return { kind: 'range', from, to };
  const month = params.get('month') ?? '';
  return { kind: 'month', month: MONTH.test(month) ? month : previousMonth(today) };
}

/**
 * The circular dashboard (第十九条): per department, how much was pushed
 * and how it was claimed in a period, as a table (the same columns as the
 * CSV/XLSX export), bar charts, and a twelve-month trend. The period and
 * the trend's department live in the URL, so a view can be bookmarked and
 * the export links always match the table on screen.
 */
export default function DashboardPage() {
  const t = useDashboardText();
  const { me } = useSession();
  const mayRead = me?.memberships.some((m) => READER_ROLES.has(m.role)) ?? false;
  const [params, setParams] = useSearchParams();
  const today = todayLocal();
  const period = periodFrom(params, today);
  const query = periodQuery(period);
  const queryKey = qs(query);

  const report = useAsync(() => (mayRead ? api.get<CircularReport>(`/api/statistics/circular${queryKey}`) : Promise.resolve(undefined)), [queryKey, mayRead]);
  // The server's default trend: the twelve months up to the current one, on its own clock.
  const trend = useAsync(() => (mayRead ? api.get<CircularTrend>('/api/statistics/circular/trend') : Promise.resolve(undefined)), [mayRead]);

  const setPeriod = (next: CircularPeriod) => {
    const merged = new URLSearchParams(params);
    for (const key of ['month', 'from', 'to']) merged.delete(key);
    for (const [k, v] of Object.entries(periodQuery(next))) merged.set(k, v);
    setParams(merged);
  };

  const trendDepartments = useMemo(() => trend.data?.months[0]?.departments ?? [], [trend.data]);
  const wantedDept = params.get('dept') ?? undefined;
  // One department (a staff member's own) has no "all" to sum; several default to their sum.
  const trendDept = trendDepartments.some((d) => d.code === wantedDept) ? wantedDept : trendDepartments.length === 1 ? trendDepartments[0]!.code : undefined;
  const setTrendDept = (code: string) => {
    const merged = new URLSearchParams(params);
    if (code === '') merged.delete('dept');
    else merged.set('dept', code);
    setParams(merged, { replace: true });
  };

  if (!mayRead || (report.error instanceof ApiError && report.error.status === 403)) {
    return <Alert type="warning" showIcon title={t('dash.forbidden')} data-testid="dash-forbidden" />;
  }

  const data = report.data;
  const rows = data?.departments ?? [];
  const anyPushed = rows.some((r) => r.pushed > 0);
  const reload = () => {
    report.reload();
    trend.reload();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('dash.title')}
      </Typography.Title>
      <Card>
        <Space orientation="vertical" size="small" style={{ display: 'flex' }}>
          <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
            <PeriodPicker value={period} onChange={setPeriod} today={today} />
            <Space wrap>
              <Button icon={<ReloadOutlined />} onClick={reload} data-testid="dash-refresh">
                {t('dash.refresh')}
              </Button>
              <ExportLinks query={query} />
            </Space>
          </Space>
          {data && (
            <Space wrap size="large">
              <Typography.Text data-testid="dash-period">{t('dash.period', { from: data.period.from, to: data.period.to, zone: data.period.timeZone })}</Typography.Text>
              {data.legalBasis && <Typography.Text data-testid="dash-legal-basis">{t('dash.legalBasis', { basis: data.legalBasis })}</Typography.Text>}
              <Typography.Text type="secondary" data-testid="dash-generated-at">
                {t('dash.generatedAt', { at: formatDateTime(data.generatedAt) })}
              </Typography.Text>
            </Space>
          )}
        </Space>
      </Card>
      {report.error ? <ErrorNotice error={report.error} onRetry={report.reload} /> : null}
      {data && data.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('dash.warnings')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {data.warnings.map((w) => (
                <li key={w}>{w}</li>
              ))}
            </ul>
          }
          data-testid="dash-warnings"
        />
      )}
      <Card title={t('dash.table')}>
        <CircularTable rows={rows} loading={report.loading} />
      </Card>
      {data && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card title={t('dash.chart.rate')}>{anyPushed ? <ClaimRateChart rows={rows} /> : <Empty description={t('dash.noData')} />}</Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card title={t('dash.chart.overdue')}>{anyPushed ? <OverdueChart rows={rows} /> : <Empty description={t('dash.noData')} />}</Card>
          </Col>
        </Row>
      )}
      {trend.error ? (
        <ErrorNotice error={trend.error} onRetry={trend.reload} />
      ) : (
        trend.data && (
          <Card
            title={t('dash.chart.trend', { from: trend.data.fromMonth, to: trend.data.toMonth })}
            extra={
              <Select
                aria-label={t('dash.trend.department')}
                style={{ width: 260 }}
                value={trendDept ?? ''}
                onChange={setTrendDept}
                options={[
                  ...(trendDepartments.length > 1 ? [{ value: '', label: t('dash.trend.all') }] : []),
                  ...trendDepartments.map((d) => ({ value: d.code, label: d.name })),
                ]}
                data-testid="trend-department"
              />
            }
          >
            <TrendChart trend={trend.data} department={trendDept} />
          </Card>
        )
      )}
    </Space>
  );
}
