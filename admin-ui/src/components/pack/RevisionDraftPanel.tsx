import { Alert, App, Button, Descriptions, Flex, Table, Tag, type ButtonProps } from 'antd';
import type { HTMLAttributes } from 'react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../../runtime-ui/src/api/client';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { usePackText } from '../../i18n/pack-messages';
import { problemProcedures, revisionApi, type Revision, type RevisionProblem, type RevisionProcedure } from './revision-api';

const designerLink = (key: string) => `/procedures/${encodeURIComponent(key)}`;

/**
 * The revision being prepared: which procedures will be published from an
 * edited draft and which unchanged, a link to edit each in the designer,
 * and publish (all or nothing, showing every procedure that fails) or discard
 * (the drafts stay in the designer, which the confirmation says).
 */
export function RevisionDraftPanel({ revision, onChanged }: { revision: Revision; onChanged(published: boolean): void }) {
  const t = usePackText();
  const { message, modal } = App.useApp();
  const [busy, setBusy] = useState<'publish' | 'discard' | null>(null);
  const [problems, setProblems] = useState<RevisionProblem[]>([]);

  const publish = async () => {
    setBusy('publish');
    setProblems([]);
    try {
      const done = await revisionApi.publish(revision.id);
      message.success(t('pack.revision.published', { n: done.published.length }));
      onChanged(true);
    } catch (err) {
      const failed = problemProcedures<RevisionProblem>(err);
      if (err instanceof ApiError && err.status === 422 && failed.length) setProblems(failed);
      else message.error(`${t('pack.revision.failed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const discard = async () => {
    setBusy('discard');
    try {
      const done = await revisionApi.discard(revision.id);
      message.info(t('pack.revision.discarded', { n: done.draftsKept.length }));
      onChanged(false);
    } catch (err) {
      message.error(`${t('pack.revision.failed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const source = (p: RevisionProcedure) =>
    p.draft === null ? <Tag>{t('pack.revision.source.unchanged')}</Tag> : p.changed ? <Tag color="orange">{t('pack.revision.source.changed')}</Tag> : <Tag color="blue">{t('pack.revision.source.draft')}</Tag>;

  return (
    <Flex vertical gap={12} data-testid="revision-draft" data-revision={revision.id}>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 3 }}
        title={t('pack.revision.preparing', { label: revision.label })}
        items={[
          { key: 'doc', label: t('pack.revision.file'), children: [revision.title, revision.documentNumber].filter(Boolean).join(' ') || '—' },
          { key: 'window', label: t('pack.revision.window'), children: `${revision.effectiveFrom} ~ ${revision.effectiveTo ?? t('pack.revision.open')}` },
          { key: 'by', label: t('pack.revision.createdBy'), children: `${revision.createdBy ?? '—'} ${formatDateTime(revision.createdAt)}` },
        ]}
      />
      <Table
        size="small"
        rowKey="key"
        pagination={false}
        dataSource={revision.procedures}
        onRow={(r) => ({ 'data-testid': 'revision-procedure', 'data-key': r.key, 'data-changed': String(r.changed) }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('pack.revision.procedure'), key: 'name', render: (_, p) => `${p.name} (${p.key})` },
          { title: t('pack.revision.source'), key: 'source', width: 150, render: (_, p) => source(p) },
          { title: t('pack.revision.updatedBy'), key: 'saved', render: (_, p) => (p.draft ? `${p.draft.updatedBy ?? '—'} ${formatDateTime(p.draft.updatedAt)}` : '—') },
          { title: '', key: 'edit', width: 140, render: (_, p) => <Link to={designerLink(p.key)}>{t('pack.revision.edit')}</Link> },
        ]}
      />
      {problems.length > 0 && (
        <Alert
          type="error"
          showIcon
          title={t('pack.revision.publishErrors', { n: problems.length })}
          data-testid="revision-publish-errors"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {problems.map((p) => (
                <li key={p.key}>
                  <Link to={designerLink(p.key)}>
                    {p.name} ({p.key})
                  </Link>
                  <ul style={{ paddingInlineStart: 18 }}>
                    {p.errors.map((e, i) => (
                      <li key={i}>{e.elementId ? `${e.elementId}: ${e.message}` : e.message}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Flex gap={8}>
        <Button
          type="primary"
          loading={busy === 'publish'}
          disabled={busy !== null}
          data-testid="revision-publish"
          onClick={() =>
            modal.confirm({
              title: t('pack.revision.publishTitle', { label: revision.label }),
              content: t('pack.revision.publishBody', { n: revision.procedures.length, from: revision.effectiveFrom }),
              okText: t('pack.revision.publish'),
              okButtonProps: { 'data-testid': 'revision-publish-ok' } as ButtonProps,
              onOk: () => publish(),
            })
          }
        >
          {t('pack.revision.publish')}
        </Button>
        <Button
          danger
          loading={busy === 'discard'}
          disabled={busy !== null}
          data-testid="revision-discard"
          onClick={() =>
            modal.confirm({
              title: t('pack.revision.discardTitle', { label: revision.label }),
              content: t('pack.revision.discardBody'),
              okText: t('pack.revision.discard'),
              okButtonProps: { danger: true, 'data-testid': 'revision-discard-ok' } as ButtonProps,
              onOk: () => discard(),
            })
          }
        >
          {t('pack.revision.discard')}
        </Button>
      </Flex>
    </Flex>
  );
}
