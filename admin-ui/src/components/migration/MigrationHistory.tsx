import { Button, Progress, Table, Tag } from 'antd';
import { ErrorNotice } from '../../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { useMigrationText } from '../../i18n/migration-messages';
import { percentDone, type MigrationPlanSummary, type PlanProgress, type PlanStatus } from './migration-api';

/**
 * The migration batches of a procedure, newest first as the server lists
 * them: who moved which cases from which version to which, with what
 * outcome; 查看 opens a batch's per-case results (and follows it if it is
 * still running).
 */
export function MigrationHistory({
  plans,
  error,
  loading,
  onRetry,
  onOpen,
}: {
  plans: MigrationPlanSummary[] | undefined;
  error: unknown;
  loading: boolean;
  onRetry(): void;
  onOpen(id: string): void;
}) {
  const t = useMigrationText();
  if (error !== undefined) return <ErrorNotice error={error} onRetry={onRetry} />;
  return (
    <Table<MigrationPlanSummary>
      size="small"
      rowKey="id"
      loading={loading && !plans}
      dataSource={plans ?? []}
      pagination={(plans?.length ?? 0) > 10 ? { pageSize: 10 } : false}
      locale={{ emptyText: t('migration.history.empty') }}
      data-testid="migration-history"
      onRow={(p) => ({ 'data-testid': `migration-plan-${p.id}` }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('migration.history.versions'), key: 'versions', render: (_: unknown, p) => `${t('migration.version', { n: p.fromVersion })} → ${t('migration.version', { n: p.toVersion })}` },
        { title: t('migration.history.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { title: t('migration.history.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
        { title: t('migration.history.recompute'), dataIndex: 'recomputeDeadlines', render: (v: boolean) => t(v ? 'migration.yes' : 'migration.no') },
        {
          title: t('migration.history.status'),
          dataIndex: 'status',
          render: (s: PlanStatus) => <Tag color={s === 'done' ? 'green' : 'processing'}>{t(s === 'done' ? 'migration.plan.done' : 'migration.plan.running')}</Tag>,
        },
        {
          title: t('migration.history.progress'),
          dataIndex: 'progress',
          width: 220,
          render: (p: PlanProgress) => (
            <span title={t('migration.progress.counts', { ...p })}>
              <Progress size="small" percent={percentDone(p)} status={p.failed > 0 ? 'exception' : undefined} />
            </span>
          ),
        },
        {
          key: 'open',
          render: (_: unknown, p) => (
            <Button size="small" type="link" onClick={() => onOpen(p.id)} data-testid={`migration-plan-open-${p.id}`}>
              {t('migration.history.view')}
            </Button>
          ),
        },
      ]}
    />
  );
}
