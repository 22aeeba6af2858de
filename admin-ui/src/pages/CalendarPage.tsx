import { Alert, Button, Card, Flex, Select, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { todayLocal } from '../../../runtime-ui/src/format';
import { calendarApi } from '../components/calendar/calendar-api';
import { useCalendarText } from '../components/calendar/calendar-messages';
import { CalendarVersions } from '../components/calendar/CalendarVersions';
import { YearEditor } from '../components/calendar/YearEditor';

/**
 * The county's working-day calendars: a year at a time, with the statutory
 * days off and make-up working days, a warning when next year's notice is
 * missing, edits as new versions, and the version history.
 */
export default function CalendarPage() {
  const t = useCalendarText();
  const list = useAsync(() => calendarApi.list(), []);
  const warnings = useAsync(() => calendarApi.warnings(), []);
  const [key, setKey] = useState<string>();
  const [viewing, setViewing] = useState<number>();
  const [year, setYear] = useState<number>();
  const calendarKey = key ?? list.data?.[0]?.key;
  const doc = useAsync(() => (calendarKey ? calendarApi.get(calendarKey, viewing) : Promise.resolve(undefined)), [calendarKey, viewing]);
  const latest = list.data?.find((c) => c.key === calendarKey);
  const data = doc.data?.data;

  useEffect(() => {
    if (year !== undefined || !data) return;
    const thisYear = Number(todayLocal().slice(0, 4));
    setYear(data.years.includes(thisYear) ? thisYear : Math.max(...data.years));
  }, [data, year]);

  if (list.error) return <ErrorNotice error={list.error} onRetry={list.reload} />;
  if (list.loading && !list.data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const years = data ? [...data.years].sort((a, b) => b - a) : [];
  const nextYear = years.length ? years[0]! + 1 : Number(todayLocal().slice(0, 4));
  const yearOptions = [
    ...(viewing === undefined ? [{ value: nextYear, label: t('cal.addYear', { year: nextYear }) }] : []),
    ...years.map((y) => ({ value: y, label: String(y) })),
    // A warning can name a year that is neither listed nor the next one (an uncovered current year).
    ...(year !== undefined && year !== nextYear && !years.includes(year) ? [{ value: year, label: t('cal.addYear', { year }) }] : []),
  ];

  return (
    <Flex vertical gap={16}>
      {(warnings.data ?? []).map((w) => (
        <Alert
          key={`${w.calendarId}-${w.year}`}
          type={w.code === 'yearNotCovered' ? 'error' : 'warning'}
          showIcon
          data-testid="calendar-warning"
          data-code={w.code}
          title={t(`cal.warning.${w.code}`, { id: w.calendarId, year: w.year, days: w.daysLeft })}
          action={
            <Button
              size="small"
              onClick={() => {
                setKey(w.calendarId);
                setViewing(undefined);
                setYear(w.year);
              }}
              data-testid="calendar-warning-enter"
            >
              {t('cal.warning.enter', { year: w.year })}
            </Button>
          }
        />
      ))}
      <Card
        title={t('cal.title')}
        extra={
          <Flex gap={12} align="center" wrap>
            {(list.data?.length ?? 0) > 1 && (
              <Select
                style={{ width: 280 }}
                value={calendarKey}
                onChange={(k) => {
                  setKey(k);
                  setViewing(undefined);
                  setYear(undefined);
                }}
                options={list.data!.map((c) => ({ value: c.key, label: c.name }))}
                aria-label={t('cal.calendar')}
                data-testid="calendar-select"
              />
            )}
            <span>{t('cal.year')}</span>
            <Select style={{ width: 160 }} value={year} onChange={setYear} options={yearOptions} aria-label={t('cal.year')} data-testid="calendar-year" />
            {latest && <Tag>{t('cal.version', { v: latest.version })}</Tag>}
          </Flex>
        }
      >
        {data && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
            {data.name}（{data.timeZone}）
            {data.attribution.length > 0 && ` · ${t('cal.attribution')}：${data.attribution.map((a) => `${a.name}${a.version ? `@${a.version}` : ''}（${a.license}）`).join('，')}`}
          </Typography.Paragraph>
        )}
        {viewing !== undefined && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('cal.viewing', { v: viewing })}
            action={
              <Button size="small" onClick={() => setViewing(undefined)} data-testid="calendar-back-latest">
                {t('cal.backToLatest')}
              </Button>
            }
          />
        )}
        {doc.error ? <ErrorNotice error={doc.error} onRetry={doc.reload} /> : null}
        {doc.loading && !data ? <Spin /> : null}
        {data && calendarKey && doc.data && year !== undefined && (
          <YearEditor
            key={`${calendarKey}-${doc.data.version}-${year}`}
            calendarKey={calendarKey}
            version={doc.data.version}
            data={data}
            year={year}
            readOnly={viewing !== undefined}
            onSaved={() => {
              list.reload();
              doc.reload();
              warnings.reload();
            }}
          />
        )}
      </Card>
      {calendarKey && latest && <CalendarVersions calendarKey={calendarKey} current={latest.version} viewing={viewing} onView={setViewing} />}
    </Flex>
  );
}
