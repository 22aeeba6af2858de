import { App, Button, Empty, Modal, Select, Space, Table, Tag, Tooltip } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { useMigrationText } from '../../i18n/migration-messages';
import { useProcedureText } from '../../i18n/procedure-messages';
import type { DiffSide } from './DiffView';
import { procedureApi, type ProcedureVersionSummary } from './procedure-api';
import { useVersionValidity, VersionValidityCell } from './VersionValidity';

const DiffView = lazy(() => import('./DiffView').then((m) => ({ default: m.DiffView })));

const CURRENT = 'current';

/**
 * The versions of a procedure (newest first) and a comparison between any
 * two of them, or a version and what the editor holds now.
 */
export function VersionsPanel({ procedureKey, versions, currentXml }: { procedureKey: string; versions: ProcedureVersionSummary[]; currentXml(): Promise<string> }) {
  const t = useProcedureText();
  const { message } = App.useApp();
  const sorted = [...versions].sort((a, b) => b.version - a.version);
  const [base, setBase] = useState<string | undefined>(sorted[0] ? String(sorted[0].version) : undefined);
  const [other, setOther] = useState<string>(CURRENT);
  const [busy, setBusy] = useState(false);
  const [sides, setSides] = useState<{ left: DiffSide; right: DiffSide } | undefined>();
  const tm = useMigrationText();
  const navigate = useNavigate();
  const validity = useVersionValidity(procedureKey, sorted.length);
  const oldest = Math.min(...sorted.map((v) => v.version));

  const labelOf = (choice: string) => (choice === CURRENT ? t('versions.current') : t('versions.n', { n: choice }));
  const load = async (choice: string): Promise<DiffSide> => ({
    label: labelOf(choice),
    xml: choice === CURRENT ? await currentXml() : (await procedureApi.version(procedureKey, Number(choice))).xml,
  });
  const compare = async () => {
    if (!base) return;
    setBusy(true);
    try {
      const [left, right] = await Promise.all([load(base), load(other)]);
      setSides({ left, right });
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  if (sorted.length === 0) return <Empty description={t('versions.none')} data-testid="versions-empty" />;
  const options = [{ value: CURRENT, label: t('versions.current') }, ...sorted.map((v) => ({ value: String(v.version), label: t('versions.n', { n: v.version }) }))];
  return (
    <div data-testid="versions-panel">
      <Table<ProcedureVersionSummary>
        size="small"
        rowKey="id"
        dataSource={sorted}
        pagination={false}
        onRow={(v) => ({ 'data-testid': `version-row-${v.version}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('versions.col.version'), dataIndex: 'version', render: (n: number) => t('versions.n', { n }) },
          {
            title: t('versions.col.status'),
            dataIndex: 'status',
            render: (s: ProcedureVersionSummary['status']) => <Tag color={s === 'published' ? 'green' : 'default'}>{t(s === 'published' ? 'versions.status.published' : 'versions.status.retired')}</Tag>,
          },
          { title: t('versions.col.publishedAt'), dataIndex: 'publishedAt', render: (v: string) => formatDateTime(v) },
          { title: t('versions.col.publishedBy'), dataIndex: 'publishedBy', render: (v: string | null) => v ?? '—' },
          { title: tm('validity.col'), key: 'validity', render: (_: unknown, v) => <VersionValidityCell info={validity.data?.get(v.version)} /> },
          {
            key: 'migrate',
            render: (_: unknown, v) =>
              v.version > oldest && (
                <Tooltip title={tm('migration.open.hint')}>
                  <Button size="small" type="link" onClick={() => navigate(`/procedures/${encodeURIComponent(procedureKey)}/migrations?to=${v.version}`)} data-testid={`version-migrate-${v.version}`}>
                    {tm('migration.open')}
                  </Button>
                </Tooltip>
              ),
          },
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        <Select aria-label={t('versions.compare.base')} value={base} onChange={setBase} options={options} style={{ width: 150 }} data-testid="compare-base" />
        →
        <Select aria-label={t('versions.compare.other')} value={other} onChange={setOther} options={options} style={{ width: 150 }} data-testid="compare-other" />
        <Button type="primary" onClick={() => void compare()} loading={busy} disabled={!base || base === other} data-testid="compare-run">
          {t('versions.compare')}
        </Button>
      </Space>
      <Modal
        open={sides !== undefined}
        onCancel={() => setSides(undefined)}
        footer={null}
        width="92vw"
        destroyOnHidden
        title={sides ? t('diff.title', { a: sides.left.label, b: sides.right.label }) : ''}
      >
        <Suspense fallback={null}>{sides && <DiffView left={sides.left} right={sides.right} />}</Suspense>
      </Modal>
    </div>
  );
}
