import { Card, Divider, Spin, Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { usePackText } from '../../i18n/pack-messages';
import { RevisionCreateForm } from './RevisionCreateForm';
import { RevisionDraftPanel } from './RevisionDraftPanel';
import { revisionApi, type Revision } from './revision-api';

/**
 * 「新修订版」: prepare a whole-pack successor (e.g. 2025年修订) with its own
 * window. Shows the revision in preparation (or the form to start one) and
 * the history of revisions; `onPublished` lets the page reload the pack's
 * title and 文号, which a published revision replaces.
 */
export function PackRevisionCard({ onPublished }: { onPublished(): void }) {
  const t = usePackText();
  const list = useAsync(() => revisionApi.list(), []);
  const revisions = list.data ?? [];
  const draft = revisions.find((r) => r.status === 'draft');
  const history = revisions.filter((r) => r.status === 'published');

  return (
    <Card title={t('pack.revision.title')} data-testid="pack-revisions">
      <Typography.Paragraph type="secondary">{t('pack.revision.hint')}</Typography.Paragraph>
      {list.error ? <ErrorNotice error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data ? <Spin style={{ display: 'block', margin: '24px auto' }} /> : null}
      {list.data &&
        (draft ? (
          <RevisionDraftPanel
            revision={draft}
            onChanged={(published) => {
              list.reload();
              if (published) onPublished();
            }}
          />
        ) : (
          <RevisionCreateForm onCreated={list.reload} />
        ))}
      <Divider titlePlacement="start">{t('pack.revision.history')}</Divider>
      <Table<Revision>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.loading && !list.data}
        dataSource={history}
        locale={{ emptyText: t('pack.revision.noHistory') }}
        onRow={(r) => ({ 'data-testid': 'revision-history-row', 'data-label': r.label }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('pack.revision.label'), dataIndex: 'label', render: (label: string, r) => (r.current ? <>{label} <Tag color="green">{t('pack.revision.current')}</Tag></> : label) },
          { title: t('pack.revision.file'), key: 'doc', render: (_, r) => [r.title, r.documentNumber].filter(Boolean).join(' ') || '—' },
          { title: t('pack.revision.window'), key: 'window', render: (_, r) => `${r.effectiveFrom} ~ ${r.effectiveTo ?? t('pack.revision.open')}` },
          { title: t('pack.revision.status'), key: 'status', render: (_, r) => <Tag color={r.status === 'published' ? 'blue' : 'orange'}>{t(`pack.revision.status.${r.status}`)}</Tag> },
          { title: t('pack.revision.publishedAt'), key: 'published', render: (_, r) => (r.publishedAt ? `${r.publishedBy ?? '—'} ${formatDateTime(r.publishedAt)}` : '—') },
        ]}
      />
    </Card>
  );
}
