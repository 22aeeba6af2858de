import { Calendar, Col, Flex, Row, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { ReactNode } from 'react';
import { useCalendarText } from './calendar-messages';
import type { CalendarDay } from './calendar-api';

export interface YearGridProps {
  year: number;
  holidays: ReadonlyMap<string, CalendarDay>;
  workdays: ReadonlyMap<string, CalendarDay>;
  /** Dates whose entry differs from the saved version. */
  pending: ReadonlySet<string>;
  /** Called with a YYYY-MM-DD when a day of the year is clicked; absent when read-only. */
  onPick?(date: string): void;
}

const HOLIDAY = { background: '#fff1f0', color: '#cf1322' };
const WORKDAY = { background: '#e6f4ff', color: '#0958d9' };

/**
 * A year at a glance: twelve month panels (antd Calendar) marking statutory
 * days off (休) and make-up working days (班), so an admin can compare the
 * screen with the State Council notice line by line.
 */
export function YearGrid({ year, holidays, workdays, pending, onPick }: YearGridProps) {
  const t = useCalendarText();
  const cell = (month: number) => (d: Dayjs, info: { type: string; originNode: ReactNode }) => {
    if (info.type !== 'date') return info.originNode;
    const date = d.format('YYYY-MM-DD');
    const inMonth = d.month() === month && d.year() === year;
    if (!inMonth) return <div style={{ color: '#d9d9d9', fontSize: 12, lineHeight: '28px', textAlign: 'center' }}>{d.date()}</div>;
    const holiday = holidays.get(date);
    const workday = workdays.get(date);
    const weekend = d.day() === 0 || d.day() === 6;
    const style = holiday ? HOLIDAY : workday ? WORKDAY : weekend ? { color: '#8c8c8c' } : {};
    const entry = holiday ?? workday;
    return (
      <div
        data-testid="calendar-day"
        data-date={date}
        data-kind={holiday ? 'holiday' : workday ? 'workday' : 'normal'}
        title={entry ? `${entry.name}（${entry.source}）` : undefined}
        style={{
          ...style,
          position: 'relative',
          lineHeight: '28px',
          textAlign: 'center',
          fontSize: 12,
          borderRadius: 4,
          margin: '0 2px',
          outline: pending.has(date) ? '2px dashed #fa8c16' : undefined,
        }}
      >
        {d.date()}
        {entry && <span style={{ position: 'absolute', top: -4, right: 1, fontSize: 9 }}>{holiday ? '休' : '班'}</span>}
      </div>
    );
  };
  return (
    <Flex vertical gap={8}>
      <Flex gap={8} wrap>
        <Tag style={HOLIDAY}>休 {t('cal.legend.holiday')}</Tag>
        <Tag style={WORKDAY}>班 {t('cal.legend.workday')}</Tag>
        <Tag style={{ color: '#8c8c8c' }}>{t('cal.legend.weekend')}</Tag>
        {onPick && <Tag style={{ outline: '2px dashed #fa8c16' }}>{t('cal.legend.pending')}</Tag>}
      </Flex>
      <Row gutter={[12, 12]} data-testid="calendar-year-grid" data-year={year}>
        {Array.from({ length: 12 }, (_, month) => (
          <Col key={month} xs={24} sm={12} lg={8} xxl={6}>
            <div style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 4px 0' }} data-testid="calendar-month" data-month={month + 1}>
              <Calendar
                fullscreen={false}
                value={dayjs(new Date(year, month, 1))}
                headerRender={() => (
                  <Typography.Text strong style={{ display: 'block', textAlign: 'center', padding: 4 }}>
                    {t('cal.month', { m: month + 1 })}
                  </Typography.Text>
                )}
                fullCellRender={cell(month)}
                onSelect={(d, { source }) => {
                  if (source === 'date' && onPick && d.month() === month && d.year() === year) onPick(d.format('YYYY-MM-DD'));
                }}
              />
            </div>
          </Col>
        ))}
      </Row>
    </Flex>
  );
}
