import { Button, Card, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { calendarApi, type CalendarVersionSummary } from './calendar-api';
import { useCalendarText } from './calendar-messages';

/** The calendar's change log (every edit is a version with who, when and why); any version can be viewed. */
export function CalendarVersions({ calendarKey, current, viewing, onView }: { calendarKey: string; current: number; viewing: number | undefined; onView(version: number | undefined): void }) {
  const t = useCalendarText();
  const versions = useAsync(() => calendarApi.versions(calendarKey), [calendarKey, current]);
  return (
    <Card size="small" title={t('cal.history')}>
      {versions.error ? <ErrorNotice error={versions.error} onRetry={versions.reload} /> : null}
      <Table<CalendarVersionSummary>
        size="small"
        rowKey="version"
        loading={versions.loading}
        dataSource={versions.data ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        onRow={(v) => ({ 'data-testid': 'calendar-version-row', 'data-version': v.version }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: 'v',
            dataIndex: 'version',
            width: 140,
            render: (v: number) => (
              <>
                v{v} {v === current && <Tag color="blue">{t('cal.currentTag')}</Tag>}
                {v === viewing && <Tag color="gold">{t('cal.viewingTag')}</Tag>}
              </>
            ),
          },
          { title: t('cal.createdAt'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
          { title: t('cal.createdBy'), dataIndex: 'createdBy' },
          { title: t('cal.note'), dataIndex: 'note' },
          {
            title: '',
            key: 'view',
            render: (_: unknown, v) => (
              <Button size="small" type="link" onClick={() => onView(v.version === current ? undefined : v.version)} data-testid="calendar-version-view">
                {t('cal.view')}
              </Button>
            ),
          },
        ]}
      />
    </Card>
  );
}
