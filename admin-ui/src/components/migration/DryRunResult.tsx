import { Alert, Table, Tag, Typography } from 'antd';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { useMigrationText } from '../../i18n/migration-messages';
import type { DryRunCase, DryRunResult as Result, MigrationNode } from './migration-api';
import { nodeLabel } from './MappingTable';

/**
 * What a dry run found: the count of migratable and blocked cases, and per
 * case where its waiting tokens would move or, when blocked, why (the
 * server's sentences), so the admin can fix the mapping before running.
 */
export function DryRunResult({ result, source, target, stale }: { result: Result; source: MigrationNode[]; target: MigrationNode[]; stale: boolean }) {
  const t = useMigrationText();
  const label = (nodes: MigrationNode[], id: string) =>
    nodeLabel(
      nodes.find((n) => n.id === id),
      id,
    );
  const { total, migratable, blocked } = result.summary;
  return (
    <div data-testid="migration-dry-run-result">
      <Alert
        type={stale ? 'warning' : blocked > 0 ? 'warning' : 'success'}
        showIcon
        title={<span data-testid="dry-run-summary">{t('migration.summary', { total, migratable, blocked })}</span>}
        description={stale ? t('migration.dryRun.stale') : undefined}
        style={{ marginBottom: 8 }}
      />
      <Table<DryRunCase>
        size="small"
        rowKey="caseId"
        dataSource={result.cases}
        pagination={result.cases.length > 20 ? { pageSize: 20 } : false}
        locale={{ emptyText: t('migration.dryRun.none') }}
        onRow={(c) => ({ 'data-testid': `dry-run-case-${c.caseId}`, 'data-migratable': String(c.migratable) }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('migration.col.case'), dataIndex: 'title', render: (title: string, c) => title || c.caseId },
          { title: t('migration.col.startedAt'), dataIndex: 'startedAt', width: 150, render: (v: string) => formatDateTime(v) },
          {
            title: t('migration.col.result'),
            dataIndex: 'migratable',
            width: 100,
            render: (ok: boolean) => <Tag color={ok ? 'green' : 'red'}>{t(ok ? 'migration.migratable' : 'migration.blocked')}</Tag>,
          },
          {
            title: t('migration.col.moves'),
            key: 'details',
            render: (_: unknown, c) =>
              !c.migratable ? (
                <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                  {c.reasons.map((r, i) => (
                    <li key={i}>
                      <Typography.Text type="danger">{r}</Typography.Text>
                    </li>
                  ))}
                </ul>
              ) : c.moves.length === 0 ? (
                <Typography.Text type="secondary">{t('migration.noMoves')}</Typography.Text>
              ) : (
                c.moves.map((m, i) => (
                  <div key={i}>
                    {label(source, m.from)} → {label(target, m.to)}
                  </div>
                ))
              ),
          },
        ]}
      />
    </div>
  );
}
