import { ArrowLeftOutlined, DiffOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Modal, Result, Space, Spin, Switch, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../../runtime-ui/src/components/ErrorNotice';
import { useMigrationText } from '../../i18n/migration-messages';
import type { DiffSide } from '../bpmn/DiffView';
import { procedureApi } from '../bpmn/procedure-api';
import { DryRunResult } from './DryRunResult';
import { MappingTable } from './MappingTable';
import { migrationApi, type DryRunResult as DryRun, type ElementMapping, type MigrationRequest } from './migration-api';
import { MigrationHistory } from './MigrationHistory';
import { MigrationProgress } from './MigrationProgress';
import { defaultFrom, useRunningCounts, VersionPairPicker } from './VersionPairPicker';

const DiffView = lazy(() => import('../bpmn/DiffView').then((m) => ({ default: m.DiffView })));

const numberParam = (value: string | null): number | undefined => (value && /^\d+$/.test(value) ? Number(value) : undefined);

/**
 * 迁移运行中案件 (/procedures/:key/migrations?from=&to=): running cases keep
 * the version they started on unless an admin moves them. The admin picks
 * the two versions, checks the proposed element mapping (removed elements
 * highlighted), chooses whether deadlines are recomputed, runs a dry run
 * that says per case whether it can move and why not, then starts the batch
 * and follows it to the end; earlier batches are listed below.
 */
export default function MigrationPage() {
  const { key = '' } = useParams();
  const t = useMigrationText();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const meta = useAsync(async () => (await procedureApi.list()).find((p) => p.key === key) ?? null, [key]);
  const versions = (meta.data?.versions ?? []).map((v) => v.version);
  const to = numberParam(params.get('to')) ?? (versions.length ? Math.max(...versions) : undefined);
  const counts = useRunningCounts(key, versions, to);
  const from = numberParam(params.get('from')) ?? (to !== undefined && counts.data ? defaultFrom(versions, to, counts.data) : undefined);
  const pairOk = from !== undefined && to !== undefined && from !== to;
  const proposal = useAsync(async () => (from !== undefined && to !== undefined && from !== to ? migrationApi.proposal(key, from, to) : undefined), [key, from, to]);
  const [mapping, setMapping] = useState<ElementMapping>({});
  const [recompute, setRecompute] = useState(false);
  const [dryRun, setDryRun] = useState<{ result: DryRun; request: string } | undefined>();
  const [busy, setBusy] = useState<'dry-run' | 'run' | undefined>();
  // `fresh`: started from this page, so its end changes the running counts and the proposal shown here.
  const [plan, setPlan] = useState<{ id: string; fresh: boolean } | undefined>();
  const [diff, setDiff] = useState<{ left: DiffSide; right: DiffSide } | undefined>();
  const history = useAsync(() => migrationApi.plans(key), [key]);

  useEffect(() => {
    setMapping(proposal.data ? { ...proposal.data.mapping } : {});
    setDryRun(undefined);
  }, [proposal.data]);

  const request: MigrationRequest | undefined = pairOk ? { fromVersion: from, toVersion: to, mapping, recomputeDeadlines: recompute } : undefined;
  const requestKey = JSON.stringify(request ?? null);
  const stale = dryRun !== undefined && dryRun.request !== requestKey;
  const fail = (err: unknown) => void message.error(err instanceof Error ? err.message : String(err));

  const choose = (pair: { from: number | undefined; to: number }) => setParams(pair.from === undefined ? { to: String(pair.to) } : { from: String(pair.from), to: String(pair.to) }, { replace: true });

  const runDry = async () => {
    if (!request) return;
    setBusy('dry-run');
    try {
      setDryRun({ result: await migrationApi.dryRun(key, request), request: requestKey });
    } catch (err) {
      fail(err);
    } finally {
      setBusy(undefined);
    }
  };

  const confirmRun = () => {
    if (!request || !dryRun) return;
    modal.confirm({
      title: t('migration.run.confirmTitle'),
      content: t('migration.run.confirmBody', {
        n: dryRun.result.summary.migratable,
        from: request.fromVersion,
        to: request.toVersion,
        deadlines: t(request.recomputeDeadlines ? 'migration.run.deadlinesRecomputed' : 'migration.run.deadlinesKept'),
      }),
      okText: t('migration.run.ok'),
      cancelText: t('migration.run.cancel'),
      okButtonProps: { danger: true, 'data-testid': 'migration-run-confirm' },
      onOk: async () => {
        setBusy('run');
        try {
          const started = await migrationApi.run(key, request);
          setPlan({ id: started.id, fresh: true });
          void message.success(t('migration.run.started'));
          history.reload();
        } catch (err) {
          fail(err);
        } finally {
          setBusy(undefined);
        }
      },
    });
  };

  const compare = async () => {
    if (!pairOk) return;
    try {
      const [a, b] = await Promise.all([procedureApi.version(key, from), procedureApi.version(key, to)]);
      setDiff({ left: { label: t('migration.version', { n: from }), xml: a.xml }, right: { label: t('migration.version', { n: to }), xml: b.xml } });
    } catch (err) {
      fail(err);
    }
  };

  const onPlanDone = () => {
    history.reload();
    counts.reload();
    proposal.reload();
  };

  if (meta.error !== undefined) return <ErrorNotice error={meta.error} onRetry={meta.reload} />;
  if (meta.data === null) return <Result status="404" title={key} extra={<Link to="/procedures">{t('migration.back')}</Link>} />;
  if (!meta.data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const p = proposal.data;
  const runnable = !!dryRun && !stale && dryRun.result.summary.migratable > 0 && !busy;
  const runHint = !dryRun || stale ? t('migration.run.needDryRun') : dryRun.result.summary.migratable === 0 ? t('migration.run.nothing') : undefined;
  return (
    <div data-testid="migration-page">
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Link to={`/procedures/${encodeURIComponent(key)}`} aria-label={t('migration.back')}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('migration.title')}
        </Typography.Title>
        <Typography.Text>{meta.data.name || key}</Typography.Text>
        <Typography.Text code>{key}</Typography.Text>
      </Space>
      <Card size="small" style={{ marginBottom: 12 }}>
        {versions.length < 2 ? (
          <Alert type="info" showIcon title={t('migration.needTwo')} />
        ) : (
          <Space orientation="vertical" style={{ display: 'flex' }}>
            <Space wrap>
              <VersionPairPicker versions={meta.data.versions} from={from} to={to} counts={counts.data} onChange={choose} />
              <Button icon={<DiffOutlined />} onClick={() => void compare()} disabled={!pairOk} data-testid="migration-compare">
                {t('migration.compare')}
              </Button>
            </Space>
            {from !== undefined && from === to && <Alert type="warning" showIcon title={t('migration.sameVersion')} />}
            {p && (
              <Space wrap>
                <Tag color={p.runningCases > 0 ? 'blue' : 'default'} data-testid="migration-running">
                  {p.runningCases > 0 ? t('migration.runningCases', { n: p.fromVersion, count: p.runningCases }) : t('migration.noRunning', { n: p.fromVersion })}
                </Tag>
                <Tag color="green">{t('migration.diff.added', { n: p.diff.added.length })}</Tag>
                <Tag color="red">{t('migration.diff.removed', { n: p.diff.removed.length })}</Tag>
                <Tag color="orange">{t('migration.diff.changed', { n: p.diff.changed.length })}</Tag>
              </Space>
            )}
          </Space>
        )}
      </Card>
      {proposal.error !== undefined && <ErrorNotice error={proposal.error} onRetry={proposal.reload} />}
      {pairOk && !p && proposal.loading && <Spin style={{ display: 'block', margin: '24px auto' }} />}
      {p && (
        <Card size="small" title={t('migration.mapping.title')} style={{ marginBottom: 12 }}>
          <Typography.Paragraph type="secondary">{t('migration.mapping.hint')}</Typography.Paragraph>
          <MappingTable proposal={p} mapping={mapping} onChange={setMapping} />
          <Space orientation="vertical" style={{ display: 'flex', marginTop: 16 }}>
            <Space>
              <Switch checked={recompute} onChange={setRecompute} data-testid="migration-recompute" />
              <Typography.Text strong>{t('migration.recompute')}</Typography.Text>
            </Space>
            <Typography.Text type="secondary">{t('migration.recompute.hint')}</Typography.Text>
            <Space wrap>
              <Tooltip title={t('migration.dryRun.hint')}>
                <Button onClick={() => void runDry()} loading={busy === 'dry-run'} disabled={!!busy} data-testid="migration-dry-run">
                  {t('migration.dryRun')}
                </Button>
              </Tooltip>
              <Tooltip title={runHint}>
                <Button type="primary" danger onClick={confirmRun} loading={busy === 'run'} disabled={!runnable} data-testid="migration-run">
                  {t('migration.run')}
                </Button>
              </Tooltip>
            </Space>
            {dryRun && <DryRunResult result={dryRun.result} source={p.source} target={p.target} stale={stale} />}
          </Space>
        </Card>
      )}
      {plan && (
        <Card
          size="small"
          style={{ marginBottom: 12 }}
          extra={
            <Button size="small" onClick={() => setPlan(undefined)}>
              {t('migration.progress.close')}
            </Button>
          }
        >
          <MigrationProgress key={plan.id} planId={plan.id} onDone={plan.fresh ? onPlanDone : undefined} />
        </Card>
      )}
      <Card size="small" title={t('migration.history.title')}>
        <MigrationHistory plans={history.data} error={history.error} loading={history.loading} onRetry={history.reload} onOpen={(id) => setPlan({ id, fresh: false })} />
      </Card>
      <Modal open={diff !== undefined} onCancel={() => setDiff(undefined)} footer={null} width="92vw" destroyOnHidden title={diff ? t('migration.compareTitle', { a: from ?? '', b: to ?? '' }) : ''}>
        <Suspense fallback={null}>{diff && <DiffView left={diff.left} right={diff.right} />}</Suspense>
      </Modal>
    </div>
  );
}
