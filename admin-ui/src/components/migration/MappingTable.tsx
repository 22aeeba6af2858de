import { Button, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useMigrationText } from '../../i18n/migration-messages';
import type { ElementMapping, MigrationNode, MigrationProposal } from './migration-api';

/** How a source element fares in the target version, by the server's diff. */
export type ElementFate = 'unchanged' | 'changed' | 'removed';

const FATE_COLOR: Record<ElementFate, string> = { unchanged: 'default', changed: 'orange', removed: 'red' };
const NONE = '';

/** Removed when the diff says so or the target has no element with that id; changed when the diff lists it. */
export function fateOf(id: string, proposal: Pick<MigrationProposal, 'diff' | 'target'>): ElementFate {
  if (proposal.diff.removed.includes(id) || !proposal.target.some((n) => n.id === id)) return 'removed';
  return proposal.diff.changed.includes(id) ? 'changed' : 'unchanged';
}

/** "名称（id）", or the id alone for an unnamed element. */
export function nodeLabel(node: Pick<MigrationNode, 'id' | 'name'> | undefined, id: string): string {
  return node?.name ? `${node.name}（${id}）` : id;
}

/**
 * The source → target element table of a migration: one row per element of
 * the old version a case can wait on, with a Select of the new version's
 * elements (the proposal preselected). Removed elements are highlighted
 * because a case waiting there is blocked until it is mapped; unchanged ones
 * are folded away unless asked for or edited, so the admin looks at what
 * needs a decision.
 */
export function MappingTable({ proposal, mapping, onChange }: { proposal: MigrationProposal; mapping: ElementMapping; onChange(next: ElementMapping): void }) {
  const t = useMigrationText();
  const [showUnchanged, setShowUnchanged] = useState(false);
  const fates = new Map(proposal.source.map((n) => [n.id, fateOf(n.id, proposal)]));
  const edited = (id: string) => (mapping[id] ?? null) !== (proposal.mapping[id] ?? null);
  const unchanged = proposal.source.filter((n) => fates.get(n.id) === 'unchanged' && !edited(n.id));
  const rows = showUnchanged ? proposal.source : proposal.source.filter((n) => !unchanged.includes(n));
  const options = [{ value: NONE, label: t('migration.mapping.none') }, ...proposal.target.map((n) => ({ value: n.id, label: `${nodeLabel(n, n.id)} · ${n.type}` }))];
  const fateLabel: Record<ElementFate, string> = { unchanged: t('migration.mapping.unchanged'), changed: t('migration.mapping.changed'), removed: t('migration.mapping.removed') };
  const anyEdited = proposal.source.some((n) => edited(n.id));

  return (
    <div data-testid="migration-mapping">
      <Space wrap style={{ marginBottom: 8 }}>
        <Switch size="small" checked={showUnchanged} onChange={setShowUnchanged} disabled={unchanged.length === 0} data-testid="mapping-show-unchanged" />
        <Typography.Text>{t('migration.mapping.showUnchanged', { n: unchanged.length })}</Typography.Text>
        <Button size="small" onClick={() => onChange({ ...proposal.mapping })} disabled={!anyEdited} data-testid="mapping-reset">
          {t('migration.mapping.reset')}
        </Button>
      </Space>
      <Table<MigrationNode>
        size="small"
        rowKey="id"
        dataSource={rows}
        pagination={false}
        onRow={(n) =>
          ({
            'data-testid': `mapping-row-${n.id}`,
            'data-fate': fates.get(n.id),
            style: fates.get(n.id) === 'removed' && !mapping[n.id] ? { background: '#fff1f0' } : undefined,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('migration.mapping.source'),
            key: 'source',
            render: (_: unknown, n) => (
              <Space orientation="vertical" size={0}>
                <Typography.Text>{nodeLabel(n, n.id)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {n.type}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('migration.mapping.change'),
            key: 'fate',
            width: 120,
            render: (_: unknown, n) => (
              <Space size={4} wrap>
                <Tag color={FATE_COLOR[fates.get(n.id)!]}>{fateLabel[fates.get(n.id)!]}</Tag>
                {edited(n.id) && <Tag color="blue">{t('migration.mapping.edited')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('migration.mapping.target'),
            key: 'target',
            width: '45%',
            render: (_: unknown, n) => (
              <Select
                aria-label={t('migration.mapping.pick')}
                value={mapping[n.id] ?? NONE}
                onChange={(v: string) => onChange({ ...mapping, [n.id]: v === NONE ? null : v })}
                options={options}
                showSearch={{ optionFilterProp: 'label' }}
                status={mapping[n.id] ? undefined : 'warning'}
                style={{ width: '100%' }}
                data-testid={`mapping-target-${n.id}`}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
