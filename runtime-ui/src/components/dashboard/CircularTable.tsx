import { Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { CircularRow } from '../../api/types';
import { useDashboardText, type DashboardKey } from '../../i18n/dashboard-messages';
import { sumRows } from './sum-rows';

/** A rate (fraction with 4 decimals) as the CSV export shows it: a percentage with one decimal, "—" for none. */
export function formatRate(rate: number | null | undefined, none: string): string {
  return rate === null || rate === undefined ? none : `${(rate * 100).toFixed(1)}%`;
}

/** Working hours with one decimal, "—" for none. */
export function formatHours(hours: number | null | undefined, none: string): string {
  return hours === null || hours === undefined ? none : hours.toFixed(1);
}

type Field = 'pushed' | 'claimedOnTime' | 'claimedLate' | 'overdueUnclaimed' | 'returned' | 'onTimeRate' | 'medianClaimWorkingHours';

/** The test id suffix per column, so an end-to-end test finds `stat-<code>-<suffix>` (and `stat-total-<suffix>`). */
const TEST_ID: Record<Field, string> = {
  pushed: 'pushed',
  claimedOnTime: 'claimedOnTime',
  claimedLate: 'claimedLate',
  overdueUnclaimed: 'overdueUnclaimed',
  returned: 'returned',
  onTimeRate: 'onTimeRate',
  medianClaimWorkingHours: 'median',
};

const HEADING: Record<Field, DashboardKey> = {
  pushed: 'dash.col.pushed',
  claimedOnTime: 'dash.col.claimedOnTime',
  claimedLate: 'dash.col.claimedLate',
  overdueUnclaimed: 'dash.col.overdueUnclaimed',
  returned: 'dash.col.returned',
  onTimeRate: 'dash.col.onTimeRate',
  medianClaimWorkingHours: 'dash.col.median',
};

const FIELDS = Object.keys(TEST_ID) as Field[];
/** Counts that mean a missed deadline are shown in red when not zero. */
const ALARMING = new Set<Field>(['claimedLate', 'overdueUnclaimed']);

/**
 * The circular's table: one row per department with the columns and the
 * headings of the export, and a total row (sums; the rate recomputed from
 * them; no median, since medians do not add).
 */
export function CircularTable({ rows, loading }: { rows: CircularRow[]; loading: boolean }) {
  const t = useDashboardText();
  const none = t('dash.none');
  const show = (field: Field, value: number | null) =>
    field === 'onTimeRate' ? formatRate(value, none) : field === 'medianClaimWorkingHours' ? formatHours(value, none) : String(value ?? 0);
  const columns: ColumnsType<CircularRow> = [
    { title: t('dash.col.department'), dataIndex: 'name', fixed: 'start', render: (name: string, row) => <span data-testid={`stat-${row.code}-name`}>{name}</span> },
    ...FIELDS.map((field) => ({
      key: field,
      title: field === 'onTimeRate' ? <Tooltip title={t('dash.rateHint')}>{t(HEADING[field])}</Tooltip> : t(HEADING[field]),
      dataIndex: field,
      align: 'right' as const,
      width: field === 'medianClaimWorkingHours' ? 190 : 110,
      render: (value: number | null, row: CircularRow) => (
        <Typography.Text type={ALARMING.has(field) && (value ?? 0) > 0 ? 'danger' : undefined} data-testid={`stat-${row.code}-${TEST_ID[field]}`}>
          {show(field, value)}
        </Typography.Text>
      ),
    })),
  ];
  const total = sumRows(rows);
  return (
    <Table<CircularRow>
      rowKey="departmentId"
      size="middle"
      bordered
      loading={loading}
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      onRow={(row) => ({ 'data-testid': `stat-row-${row.code}` }) as React.HTMLAttributes<HTMLTableRowElement>}
      summary={() =>
        rows.length > 1 ? (
          <Table.Summary fixed="bottom">
            <Table.Summary.Row data-testid="stat-row-total">
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('dash.total')}</Typography.Text>
              </Table.Summary.Cell>
              {FIELDS.map((field, i) => (
                <Table.Summary.Cell key={field} index={i + 1} align="right">
                  <Typography.Text strong data-testid={`stat-total-${TEST_ID[field]}`}>
                    {field === 'medianClaimWorkingHours' ? none : show(field, total[field])}
                  </Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : undefined
      }
    />
  );
}
