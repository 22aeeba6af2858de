import { ArrowLeftOutlined, HistoryOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Result, Space, Spin, Tag, Tooltip, Typography } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../runtime-ui/src/format';
import { useLocale } from '../../../runtime-ui/src/i18n/locale';
import { BpmnEditor, type BpmnEditorHandle } from '../components/bpmn/BpmnEditor';
import { browserLintConfig } from '../components/bpmn/browser-lint-config';
import type { CmPanelContext } from '../components/bpmn/cm-model';
import { IssueList, type ListedIssue } from '../components/bpmn/IssueList';
import { procedureApi, publishErrorsOf, type DefinitionIssue } from '../components/bpmn/procedure-api';
import { useUnsavedGuard } from '../components/bpmn/use-unsaved-guard';
import { VersionsPanel } from '../components/bpmn/VersionsPanel';
import { useProcedureText } from '../i18n/procedure-messages';

/** Where the XML in the editor came from. */
type Source = { kind: 'draft'; updatedAt: string } | { kind: 'version'; version: number };

/** The draft if there is one, else the latest published version; null when the procedure does not exist. */
async function loadDocument(key: string): Promise<{ xml: string; source: Source } | null> {
  // The list says whether a draft exists, so an absent draft is not fetched (a 404 would be logged by the browser).
  const summary = (await procedureApi.list()).find((p) => p.key === key);
  const draft = summary?.draft ? await procedureApi.draft(key) : null;
  if (draft) return { xml: draft.xml, source: { kind: 'draft', updatedAt: draft.updatedAt } };
  if (!summary?.latestVersion) return null;
  const version = await procedureApi.version(key, summary.latestVersion);
  return { xml: version.xml, source: { kind: 'version', version: version.version } };
}

/**
 * One procedure in the modeler (/procedures/:key): bpmn-js with our
 * properties and live lint, then 保存草稿 / 校验 / 发布 / 放弃草稿, server
 * problems pinned on their elements, the versions with a visual diff, and a
 * guard against leaving with unsaved edits.
 */
export default function ProcedurePage() {
  const { key = '' } = useParams();
  // Keyed by the procedure, so moving to another procedure starts from a clean state (no stale dirty flag or issues).
  return <ProcedureEditorPage key={key} procedureKey={key} />;
}

function ProcedureEditorPage({ procedureKey: key }: { procedureKey: string }) {
  const t = useProcedureText();
  const { locale } = useLocale();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const editor = useRef<BpmnEditorHandle>(null);
  const [docTick, setDocTick] = useState(0);
  const doc = useAsync(() => loadDocument(key), [key, docTick]);
  const meta = useAsync(async () => (await procedureApi.list()).find((p) => p.key === key), [key]);
  const server = useAsync(() => Promise.all([procedureApi.lintContext(), procedureApi.actions(), procedureApi.calendars()]), []);
  const [dirty, setDirty] = useState(false);
  const [source, setSource] = useState<Source | undefined>();
  const [busy, setBusy] = useState<'save' | 'validate' | 'publish' | 'discard' | undefined>();
  const [issues, setIssues] = useState<{ kind: 'publish' | 'validate'; list: ListedIssue[] } | undefined>();
  const [versionsOpen, setVersionsOpen] = useState(false);
  useUnsavedGuard(dirty);

  // The properties panel lives outside React: it reads the language and strings through these refs.
  const textRef = useRef(t);
  textRef.current = t;
  const localeRef = useRef(locale);
  localeRef.current = locale;
  const ctx = useMemo<CmPanelContext | undefined>(() => {
    if (!server.data) return undefined;
    const [lint, actions, calendars] = server.data;
    return {
      lint,
      actions,
      calendars: calendars.map((c) => c.key),
      defaultCalendar: calendars[0]?.key ?? null,
      t: (k, v) => textRef.current(k, v),
      locale: () => localeRef.current,
    };
  }, [server.data]);
  const lint = useMemo(() => (server.data ? browserLintConfig(server.data[0]) : undefined), [server.data]);
  const currentSource = source ?? doc.data?.source;

  const onChange = useCallback(() => setDirty(true), []);
  const onError = useCallback((err: unknown) => void message.error(err instanceof Error ? err.message : String(err)), [message]);

  const listed = (list: readonly (DefinitionIssue & { severity: 'error' | 'warning' })[]): ListedIssue[] =>
    list.map((i) => ({ elementId: i.elementId || null, elementName: i.elementId ? (editor.current?.elementName(i.elementId) ?? null) : null, rule: i.rule ?? null, message: i.message, severity: i.severity }));
  const show = (kind: 'publish' | 'validate', list: ListedIssue[]) => {
    setIssues({ kind, list });
    editor.current?.showIssues(list, kind === 'publish' ? 'publish-error' : 'validate-error');
  };
  const clear = () => {
    setIssues(undefined);
    editor.current?.clearIssues();
  };

  const run = async (what: NonNullable<typeof busy>, action: (xml: string) => Promise<void>) => {
    if (!editor.current) return;
    setBusy(what);
    try {
      await action(await editor.current.getXml());
    } catch (err) {
      onError(err);
    } finally {
      setBusy(undefined);
    }
  };

  const save = () =>
    run('save', async (xml) => {
      await procedureApi.saveDraft(key, xml);
      setDirty(false);
      setSource({ kind: 'draft', updatedAt: new Date().toISOString() });
      void message.success(t('procedure.saved'));
      meta.reload();
    });

  const validate = () =>
    run('validate', async (xml) => {
      const report = await procedureApi.validate(xml);
      show('validate', listed([...report.errors.map((i) => ({ ...i, severity: 'error' as const })), ...report.warnings.map((i) => ({ ...i, severity: 'warning' as const }))]));
      if (report.errors.length === 0) void message.success(t('procedure.validate.ok'));
      else void message.warning(t('procedure.validate.result', { errors: report.errors.length, warnings: report.warnings.length }));
    });

  const publish = () =>
    run('publish', async (xml) => {
      try {
        const { version } = await procedureApi.publish(key, xml);
        clear();
        setDirty(false);
        setSource({ kind: 'version', version });
        void message.success(t('procedure.published', { n: version }));
        meta.reload();
      } catch (err) {
        const errors = publishErrorsOf(err);
        if (!errors) throw err;
        show('publish', listed(errors.map((e) => ({ elementId: e.elementId ?? null, rule: e.rule ?? null, message: e.message, severity: 'error' as const }))));
        void message.error(t('procedure.publish.refused', { n: errors.length }));
      }
    });

  const discard = () =>
    modal.confirm({
      title: t('procedure.discard'),
      content: t('procedure.discard.confirm'),
      okButtonProps: { danger: true, 'data-testid': 'discard-confirm' },
      onOk: async () => {
        setBusy('discard');
        try {
          if (currentSource?.kind === 'draft') await procedureApi.discardDraft(key);
          clear();
          setDirty(false);
          void message.success(t('procedure.discarded'));
          // A procedure that was only ever a draft is gone: back to the list.
          if (!meta.data?.latestVersion) return navigate('/procedures');
          setSource(undefined);
          setDocTick((n) => n + 1);
          meta.reload();
        } catch (err) {
          onError(err);
        } finally {
          setBusy(undefined);
        }
      },
    });

  const failed = doc.error ?? server.error;
  if (failed !== undefined) return <ErrorNotice error={failed} onRetry={() => (doc.error ? doc.reload() : server.reload())} />;
  if (doc.data === null) return <Result status="404" title={t('procedure.notFound')} extra={<Link to="/procedures">{t('procedure.back')}</Link>} data-testid="procedure-not-found" />;
  if (!doc.data || !ctx || !lint || doc.loading) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const name = meta.data?.name || key;
  const sourceTag =
    currentSource?.kind === 'draft' ? (
      <Tag color="gold" data-testid="procedure-source">
        {t('procedure.editingDraft', { time: formatDateTime(currentSource.updatedAt) })}
      </Tag>
    ) : currentSource?.kind === 'version' ? (
      <Tag color="blue" data-testid="procedure-source">
        {t('procedure.editingVersion', { n: currentSource.version })}
      </Tag>
    ) : null;
  return (
    <div data-testid="procedure-page">
      <Space align="center" wrap style={{ marginBottom: 12 }}>
        <Link to="/procedures" aria-label={t('procedure.back')}>
          <ArrowLeftOutlined />
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="procedure-name">
          {name}
        </Typography.Title>
        <Typography.Text code>{key}</Typography.Text>
        {meta.data?.legalBasis && <Typography.Text type="secondary">{meta.data.legalBasis}</Typography.Text>}
        {sourceTag}
        {meta.data?.latestVersion === null && <Tag>{t('procedure.editingNew')}</Tag>}
        {dirty && (
          <Tag color="orange" data-testid="procedure-dirty">
            {t('procedure.dirty')}
          </Tag>
        )}
      </Space>
      <Space wrap style={{ display: 'flex', marginBottom: 12 }}>
        <Button onClick={() => void save()} loading={busy === 'save'} disabled={!!busy} data-testid="procedure-save">
          {t('procedure.save')}
        </Button>
        <Button onClick={() => void validate()} loading={busy === 'validate'} disabled={!!busy} data-testid="procedure-validate">
          {t('procedure.validate')}
        </Button>
        <Button type="primary" onClick={() => void publish()} loading={busy === 'publish'} disabled={!!busy} data-testid="procedure-publish">
          {t('procedure.publish')}
        </Button>
        <Button danger onClick={discard} disabled={!!busy || (currentSource?.kind !== 'draft' && !dirty)} data-testid="procedure-discard">
          {t('procedure.discard')}
        </Button>
        <Button icon={<HistoryOutlined />} onClick={() => setVersionsOpen(true)} data-testid="procedure-versions">
          {t('procedure.versions')}
        </Button>
        <Tooltip title={t('procedure.lintHint')}>
          <Typography.Text type="secondary" tabIndex={0} aria-label={t('procedure.lintHint')}>
            ⓘ
          </Typography.Text>
        </Tooltip>
      </Space>
      {issues && <IssueList kind={issues.kind} issues={issues.list} onSelect={(id) => editor.current?.select(id)} onClear={clear} />}
      <div style={{ height: 'calc(100vh - 250px)', minHeight: 520 }}>
        <BpmnEditor ref={editor} xml={doc.data.xml} ctx={ctx} lint={lint} locale={locale} onChange={onChange} onError={onError} />
      </div>
      <Drawer open={versionsOpen} onClose={() => setVersionsOpen(false)} title={t('procedure.versions')} size={880}>
        <VersionsPanel procedureKey={key} versions={meta.data?.versions ?? []} currentXml={() => editor.current?.getXml() ?? Promise.resolve(doc.data!.xml)} />
      </Drawer>
    </div>
  );
}
