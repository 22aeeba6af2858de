import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Flex, Form, Input, Row, Spin, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { ApiError } from '../../../runtime-ui/src/api/client';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { CheckResults } from '../components/forms/CheckResults';
import { FieldListEditor } from '../components/forms/FieldListEditor';
import { formApi, type FormChange, type FormCheckResult } from '../components/forms/form-api';
import { FormPreview } from '../components/forms/FormPreview';
import { FormVersions } from '../components/forms/FormVersions';
import { JsonEditor } from '../components/forms/JsonEditor';
import { PublishModal } from '../components/forms/PublishModal';
import { blankSchema, toPayload, useFormDraft } from '../components/forms/use-form-draft';
import { useFormsText } from '../i18n/forms-messages';

/** The schema errors of a 422 from check or publish, in the check result's shape. */
function errorsOf(err: unknown): FormCheckResult['errors'] | undefined {
  if (err instanceof ApiError && err.status === 422) return err.fieldErrors.length ? err.fieldErrors : [{ pointer: '', message: err.message }];
  return undefined;
}

/**
 * The form designer: the latest published version of a form (or a blank
 * one for a new key) edited as a field list or as raw JSON, previewed live,
 * checked against the published version and published as a new version.
 */
export default function FormPage() {
  const t = useFormsText();
  const { message } = App.useApp();
  const { key = '' } = useParams();
  const location = useLocation();
  const newTitle = (location.state as { newTitle?: string } | null)?.newTitle;
  const { draft, load, setObjects, setTitle, setDescription, setSchemaText, setUiText } = useFormDraft();
  const [tab, setTab] = useState('design');
  const [editTab, setEditTab] = useState('fields');
  const [check, setCheck] = useState<FormCheckResult | null>(null);
  const [checking, setChecking] = useState(false);
  const [publishChanges, setPublishChanges] = useState<FormChange[] | null>(null);
  const [publishing, setPublishing] = useState(false);

  const summary = useAsync(async () => (await formApi.list()).find((f) => f.key === key) ?? null, [key]);
  const latest = useAsync(
    () => (summary.data ? formApi.version(key, summary.data.latestVersion) : Promise.resolve(null)),
    [key, summary.data],
  );
  const baseVersion = latest.data?.version;

  useEffect(() => {
    if (summary.loading || latest.loading) return;
    if (latest.data) load(latest.data.title, latest.data.schema, latest.data.uiSchema);
    else if (summary.data === null) load(newTitle ?? '', blankSchema(newTitle ?? ''), null, true);
    setCheck(null);
  }, [latest.data, latest.loading, summary.data, summary.loading, load, newTitle]);

  useEffect(() => {
    if (!draft.dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [draft.dirty]);

  const jsonBroken = draft.schemaError !== null || draft.uiError !== null;

  const runCheck = async (): Promise<FormCheckResult | null> => {
    setChecking(true);
    try {
      const result = await formApi.check(key, toPayload(draft));
      setCheck(result);
      return result;
    } catch (err) {
      const errors = errorsOf(err);
      if (errors) {
        const result = { errors, changes: [] };
        setCheck(result);
        return result;
      }
      message.error(`${t('check.failed')}: ${err instanceof Error ? err.message : String(err)}`);
      return null;
    } finally {
      setChecking(false);
    }
  };

  const startPublish = async () => {
    const result = await runCheck();
    if (!result) return;
    if (result.errors.length > 0) {
      message.error(t('publish.blocked'));
      return;
    }
    setPublishChanges(result.changes);
  };

  const confirmPublish = async (acceptBreaking: boolean) => {
    setPublishing(true);
    try {
      const res = await formApi.publish(key, toPayload(draft), acceptBreaking);
      message.success(t('publish.done', { key: res.key, version: res.version }));
      setPublishChanges(null);
      summary.reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        const changes = (err.problem as { changes?: FormChange[] } | undefined)?.changes;
        if (changes) setPublishChanges(changes);
        message.warning(t('publish.conflict'));
      } else if (errorsOf(err)) {
        setCheck({ errors: errorsOf(err)!, changes: [] });
        setPublishChanges(null);
        message.error(t('publish.blocked'));
      } else {
        message.error(err instanceof Error ? err.message : String(err));
      }
    } finally {
      setPublishing(false);
    }
  };

  if (summary.error) return <ErrorNotice error={summary.error} onRetry={summary.reload} />;
  if (latest.error) return <ErrorNotice error={latest.error} onRetry={latest.reload} />;
  if (summary.loading && !summary.data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;

  const designer = (
    <Flex vertical gap={16}>
      <Card size="small">
        <Form layout="vertical" component="div">
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Form.Item label={t('forms.formTitle')} required validateStatus={draft.title.trim() ? undefined : 'error'}>
                <Input value={draft.title} onChange={(e) => setTitle(e.target.value)} data-testid="form-title" />
              </Form.Item>
            </Col>
            <Col xs={24} md={14}>
              <Form.Item label={t('forms.description')}>
                <Input value={typeof draft.schema.description === 'string' ? draft.schema.description : ''} onChange={(e) => setDescription(e.target.value)} data-testid="form-description" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
        <Flex gap={8} align="center" wrap>
          <Button onClick={() => void runCheck()} loading={checking && !publishChanges} disabled={jsonBroken} data-testid="form-check">
            {t('forms.check')}
          </Button>
          <Button type="primary" onClick={() => void startPublish()} disabled={jsonBroken || !draft.title.trim()} data-testid="form-publish">
            {t('forms.publish')}
          </Button>
          {latest.data && draft.dirty && (
            <Button onClick={() => load(latest.data!.title, latest.data!.schema, latest.data!.uiSchema)} data-testid="form-discard">
              {t('forms.reload')}
            </Button>
          )}
          {draft.dirty && <Tag color="orange">{t('forms.unsaved')}</Tag>}
          {baseVersion && <Typography.Text type="secondary">{t('forms.basedOn', { v: baseVersion })}</Typography.Text>}
        </Flex>
        {check && (
          <div style={{ marginTop: 12 }}>
            <CheckResults result={check} />
          </div>
        )}
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={14}>
          <Tabs
            activeKey={editTab}
            onChange={setEditTab}
            items={[
              {
                key: 'fields',
                label: <span data-testid="form-tab-fields">{t('forms.tab.fields')}</span>,
                children: jsonBroken ? (
                  <Alert type="warning" showIcon title={t('json.parseError', { message: draft.schemaError ?? draft.uiError ?? '' })} />
                ) : (
                  <FieldListEditor schema={draft.schema} uiSchema={draft.uiSchema} onChange={setObjects} />
                ),
              },
              {
                key: 'json',
                label: <span data-testid="form-tab-json">{t('forms.tab.json')}</span>,
                children: (
                  <Flex vertical gap={8}>
                    <Typography.Text type="secondary">{t('json.schemaHint')}</Typography.Text>
                    <Typography.Text strong>{t('json.schema')}</Typography.Text>
                    <JsonEditor value={draft.schemaText} onChange={setSchemaText} label={t('json.schema')} testId="form-json-schema" />
                    {draft.schemaError && <Alert type="error" showIcon data-testid="form-json-error" title={t('json.parseError', { message: draft.schemaError === 'notObject' ? t('json.notObject') : draft.schemaError })} />}
                    <Typography.Text strong>{t('json.ui')}</Typography.Text>
                    <JsonEditor value={draft.uiText} onChange={setUiText} label={t('json.ui')} height={200} testId="form-json-ui" />
                    {draft.uiError && <Alert type="error" showIcon data-testid="form-json-ui-error" title={t('json.parseError', { message: draft.uiError === 'notObject' ? t('json.notObject') : draft.uiError })} />}
                  </Flex>
                ),
              },
            ]}
          />
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ position: 'sticky', top: 16 }}>
            <FormPreview schema={draft.schema} uiSchema={draft.uiSchema} />
          </div>
        </Col>
      </Row>
    </Flex>
  );

  return (
    <Flex vertical gap={12}>
      <Flex gap={12} align="center">
        <Link to="/forms">
          <ArrowLeftOutlined /> {t('forms.back')}
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {draft.title || key} <Typography.Text type="secondary" code>{key}</Typography.Text>
        </Typography.Title>
        {!summary.data && <Tag color="blue">{t('forms.newForm')}</Tag>}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'design', label: <span data-testid="form-tab-design">{t('forms.tab.design')}</span>, children: designer },
          {
            key: 'versions',
            label: <span data-testid="form-tab-versions">{t('forms.tab.versions')}</span>,
            children: summary.data ? (
              <FormVersions
                key={summary.data.latestVersion}
                form={summary.data}
                onOpen={(v) =>
                  void formApi.version(key, v).then((f) => {
                    load(f.title, f.schema, f.uiSchema, v !== summary.data?.latestVersion);
                    setTab('design');
                  })
                }
              />
            ) : (
              <Typography.Text type="secondary">{t('versions.none')}</Typography.Text>
            ),
          },
        ]}
      />
      <PublishModal
        open={publishChanges !== null}
        title={draft.title}
        changes={publishChanges ?? []}
        publishing={publishing}
        isNew={!summary.data}
        onConfirm={(accept) => void confirmPublish(accept)}
        onCancel={() => setPublishChanges(null)}
      />
    </Flex>
  );
}
