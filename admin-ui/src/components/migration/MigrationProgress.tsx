import { Progress, Space, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ErrorNotice } from '../../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { useMigrationText } from '../../i18n/migration-messages';
import { migrationApi, percentDone, type MigrationPlan, type PlanCase, type PlanCaseStatus } from './migration-api';

/** How often a running batch is asked for its progress. */
export const POLL_MS = 1000;

const CASE_COLOR: Record<PlanCaseStatus, string> = { pending: 'default', migrated: 'green', failed: 'red', skipped: 'gold' };

/**
 * Follows a migration batch: the batch runs as background jobs on the server,
 * so this asks GET /api/admin/migrations/:id about once a second until it is
 * done, showing the progress bar, the counts and each case's outcome. Polling
 * stops when the batch is done or the view closes.
 */
export function MigrationProgress({ planId, onDone }: { planId: string; onDone?(plan: MigrationPlan): void }) {
  const t = useMigrationText();
  const [plan, setPlan] = useState<MigrationPlan | undefined>();
  const [error, setError] = useState<unknown>();
  const [attempt, setAttempt] = useState(0);
  const doneRef = useRef(onDone);
  doneRef.current = onDone;

  useEffect(() => {
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const next = await migrationApi.plan(planId);
        if (!alive) return;
        setPlan(next);
        setError(undefined);
        if (next.status === 'running') timer = setTimeout(() => void poll(), POLL_MS);
        else doneRef.current?.(next);
      } catch (err) {
        if (alive) setError(err);
      }
    };
    void poll();
    return () => {
      alive = false;
      if (timer) clearTimeout(timer);
    };
  }, [planId, attempt]);

  if (error !== undefined) return <ErrorNotice error={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!plan) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const { progress } = plan;
  const done = plan.status === 'done';
  const caseLabel: Record<PlanCaseStatus, string> = {
    pending: t('migration.case.pending'),
    migrated: t('migration.case.migrated'),
    failed: t('migration.case.failed'),
    skipped: t('migration.case.skipped'),
  };
  return (
    <div data-testid="migration-progress" data-status={plan.status}>
      <Space orientation="vertical" style={{ display: 'flex' }}>
        <Typography.Text strong data-testid="migration-progress-state">
          {t('migration.progress.title', { from: plan.fromVersion, to: plan.toVersion })} · {done ? t('migration.progress.done') : t('migration.progress.running')}
        </Typography.Text>
        <Progress percent={percentDone(progress)} status={done ? (progress.failed > 0 ? 'exception' : 'success') : 'active'} data-testid="migration-progress-bar" />
        <Typography.Text data-testid="migration-progress-counts">{t('migration.progress.counts', { ...progress })}</Typography.Text>
        <Table<PlanCase>
          size="small"
          rowKey="caseId"
          dataSource={plan.cases}
          pagination={plan.cases.length > 20 ? { pageSize: 20 } : false}
          onRow={(c) => ({ 'data-testid': `migration-case-${c.caseId}`, 'data-status': c.status }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('migration.col.case'), dataIndex: 'title', render: (title: string, c) => title || c.caseId },
            { title: t('migration.col.result'), dataIndex: 'status', width: 100, render: (s: PlanCaseStatus) => <Tag color={CASE_COLOR[s]}>{caseLabel[s]}</Tag> },
            { title: t('migration.col.reasons'), dataIndex: 'reason', render: (r: string | null) => r ?? '' },
            { title: t('migration.col.at'), dataIndex: 'at', width: 150, render: (v: string | null) => formatDateTime(v) },
          ]}
        />
      </Space>
    </div>
  );
}
