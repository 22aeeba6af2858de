import { Card, Empty, Space, Spin, Switch, Tag, Timeline, Typography, type TimelineProps } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { api, qs } from '../../api/client';
import type { TimelineLine } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { formatDateTime } from '../../format';
import { useCaseText } from '../../i18n/case-messages';
import { useLocale } from '../../i18n/locale';
import { ErrorNotice } from '../ErrorNotice';

/** Actions that went against the case's plan: drawn red so a reader finds them first. */
const ADVERSE = new Set(['task.returned', 'timer.fired', 'boundary.triggered', 'case.failed', 'case.terminated']);
const DONE = new Set(['task.completed', 'task.offline_delivered', 'case.completed']);

function colourOf(line: TimelineLine): string {
  if (ADVERSE.has(line.action)) return 'red';
  if (DONE.has(line.action)) return 'green';
  return line.important ? 'blue' : 'gray';
}

/**
 * The case's history as the server words it, oldest first, each line with
 * the article its step implements. Summary by default; the switch asks for
 * the engine's plumbing too (`detail=full`). Reloads when `refreshKey`
 * changes, e.g. after a reveal, which itself appears in the history.
 */
export function CaseTimeline({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const ct = useCaseText();
  const { locale } = useLocale();
  const [full, setFull] = useFullDetail();
  const lines = useAsync(() => api.get<TimelineLine[]>(`/api/cases/${caseId}/timeline${qs({ locale, detail: full ? 'full' : 'summary' })}`), [caseId, locale, full, refreshKey]);

  const items: NonNullable<TimelineProps['items']> = (lines.data ?? []).map((line) => ({
    key: line.seq,
    color: colourOf(line),
    content: (
      <div data-testid="timeline-line" data-action={line.action} data-important={line.important}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDateTime(line.at)} · {line.actor}
        </Typography.Text>
        <div>
          {line.important ? <Typography.Text strong>{line.text}</Typography.Text> : <Typography.Text type="secondary">{line.text}</Typography.Text>}
          {line.legalBasis && (
            <Tag color="geekblue" style={{ marginInlineStart: 8 }} data-testid="timeline-legal-basis">
              {line.legalBasis}
            </Tag>
          )}
        </div>
      </div>
    ),
  }));

  return (
    <Card
      title={ct('timeline.title')}
      size="small"
      extra={
        <Space>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {ct('timeline.full')}
          </Typography.Text>
          <Switch size="small" checked={full} onChange={setFull} aria-label={ct('timeline.full')} data-testid="timeline-detail" />
        </Space>
      }
      data-testid="case-timeline"
    >
      {lines.error ? (
        <ErrorNotice error={lines.error} onRetry={lines.reload} />
      ) : lines.data === undefined ? (
        <Spin style={{ display: 'block', margin: '24px auto' }} />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ct('timeline.empty')} />
      ) : (
        <Spin spinning={lines.loading}>
          <Timeline items={items} style={{ paddingTop: 8 }} />
        </Spin>
      )}
    </Card>
  );
}

/** The detail switch lives in the URL (?detail=full), so a shared link shows the same lines. */
function useFullDetail(): [boolean, (on: boolean) => void] {
  const [params, setParams] = useSearchParams();
  const full = params.get('detail') === 'full';
  const set = (on: boolean) => {
    const next = new URLSearchParams(params);
    if (on) next.set('detail', 'full');
    else next.delete('detail');
    setParams(next, { replace: true });
  };
  return [full, set];
}
