import { DatePicker, Segmented, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useDashboardText } from '../../i18n/dashboard-messages';

/** The period of a circular: a whole month, or local dates with both ends included (the API's two ways). */
export type CircularPeriod = { kind: 'month'; month: string } | { kind: 'range'; from: string; to: string };

/** The longest range the API accepts (docs/statistics.md: more than 366 days is a 422). */
const MAX_RANGE_DAYS = 366;

/** The period as query parameters, for the JSON request and the export links alike. */
export function periodQuery(period: CircularPeriod): Record<string, string> {
  return period.kind === 'month' ? { month: period.month } : { from: period.from, to: period.to };
}

/** The month before the one containing `today` (YYYY-MM-DD), which the monthly circular reports. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * Month or date-range choice. Dates are plain local dates (YYYY-MM-DD):
 * the server reads them in the county's calendar zone, so nothing here
 * converts time zones.
 */
export function PeriodPicker({ value, onChange, today }: { value: CircularPeriod; onChange(next: CircularPeriod): void; today: string }) {
  const t = useDashboardText();
  const todayDay = dayjs(today);
  const setKind = (kind: string | number) => {
    if (kind === value.kind) return;
    if (kind === 'month') onChange({ kind: 'month', month: previousMonth(today) });
    else {
      const month = value.kind === 'month' ? dayjs(`${value.month}-01`) : todayDay.startOf('month');
      onChange({ kind: 'range', from: month.format('YYYY-MM-DD'), to: month.endOf('month').format('YYYY-MM-DD') });
    }
  };
  return (
    <Space wrap>
      <Segmented
        value={value.kind}
        onChange={setKind}
        options={[
          { value: 'month', label: <span data-testid="period-mode-month">{t('dash.mode.month')}</span> },
          { value: 'range', label: <span data-testid="period-mode-range">{t('dash.mode.range')}</span> },
        ]}
      />
      {value.kind === 'month' ? (
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('dash.month')}
          value={dayjs(`${value.month}-01`)}
          disabledDate={(d: Dayjs) => d.isAfter(todayDay, 'month')}
          onChange={(d: Dayjs | null) => d && onChange({ kind: 'month', month: d.format('YYYY-MM') })}
          data-testid="period-month"
        />
      ) : (
        <DatePicker.RangePicker
          allowClear={false}
          aria-label={t('dash.range')}
          value={[dayjs(value.from), dayjs(value.to)]}
          disabledDate={(d: Dayjs, info?: { from?: Dayjs }) =>
            d.isAfter(todayDay, 'day') || (info?.from !== undefined && Math.abs(d.diff(info.from, 'day')) >= MAX_RANGE_DAYS)
          }
          onChange={(range) => {
            const [from, to] = range ?? [];
            if (from && to) onChange({ kind: 'range', from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') });
          }}
          data-testid="period-range"
        />
      )}
    </Space>
  );
}
