import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { ApiError } from '../../../runtime-ui/src/api/client';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../runtime-ui/src/format';
import { newProcedureXml } from '../components/bpmn/new-procedure-template';
import { procedureApi, type ProcedureSummary } from '../components/bpmn/procedure-api';
import { useProcedureText } from '../i18n/procedure-messages';

/** Procedure keys are BPMN process ids and URL segments: the same shape the platform uses for keys elsewhere. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

interface NewProcedure {
  key: string;
  name: string;
}

/**
 * The procedures of the tenant (/procedures): published ones with their
 * latest version, drafts, and "新建流程", which saves a minimal draft (one
 * start event) and opens it in the modeler. Loads no bpmn-js.
 */
export default function ProceduresPage() {
  const t = useProcedureText();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const list = useAsync(() => procedureApi.list(), []);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<NewProcedure>();

  const create = async (values: NewProcedure) => {
    setBusy(true);
    try {
      await procedureApi.saveDraft(values.key, newProcedureXml(values.key, values.name.trim(), t('procedures.new.start')));
      void message.success(t('procedures.new.created'));
      navigate(`/procedures/${encodeURIComponent(values.key)}`);
    } catch (err) {
      const fields = err instanceof ApiError ? err.fieldErrors : [];
      if (fields.length > 0) form.setFields([{ name: 'key', errors: fields.map((f) => f.message) }]);
      else void message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const taken = new Set((list.data ?? []).map((p) => p.key));
  return (
    <div data-testid="procedures-page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('procedures.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="procedure-new">
          {t('procedures.new')}
        </Button>
      </Space>
      {list.error !== undefined && <ErrorNotice error={list.error} onRetry={list.reload} />}
      <Table<ProcedureSummary>
        rowKey="key"
        loading={list.loading}
        dataSource={list.data}
        pagination={false}
        data-testid="procedures-table"
        locale={{ emptyText: t('procedures.empty') }}
        onRow={(p) => ({ 'data-testid': `procedure-row-${p.key}` }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('procedures.col.name'),
            dataIndex: 'name',
            render: (name: string, p) => (
              <Link to={`/procedures/${encodeURIComponent(p.key)}`} data-testid={`procedure-link-${p.key}`}>
                {name || p.key}
              </Link>
            ),
          },
          { title: t('procedures.col.key'), dataIndex: 'key', render: (key: string) => <Typography.Text code>{key}</Typography.Text> },
          { title: t('procedures.col.legalBasis'), dataIndex: 'legalBasis', render: (v: string | null) => v ?? '—' },
          {
            title: t('procedures.col.latest'),
            dataIndex: 'latestVersion',
            render: (v: number | null) => (v === null ? <Tag>{t('procedures.unpublished')}</Tag> : t('procedures.version', { n: v })),
          },
          { title: t('procedures.col.versions'), key: 'versions', render: (_: unknown, p) => p.versions.length },
          {
            title: t('procedures.col.draft'),
            key: 'draft',
            render: (_: unknown, p) =>
              p.draft ? (
                <Tooltip title={t('procedures.draftSince', { time: formatDateTime(p.draft.updatedAt), by: p.draft.updatedBy ?? '—' })}>
                  <Tag color="gold" data-testid={`procedure-draft-${p.key}`}>
                    {t('procedures.draftBadge')}
                  </Tag>
                </Tooltip>
              ) : null,
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('procedures.new')}
        okText={t('procedures.new.create')}
        okButtonProps={{ loading: busy, 'data-testid': 'new-procedure-submit' }}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        destroyOnHidden
      >
        <Form<NewProcedure> form={form} layout="vertical" preserve={false} onFinish={(v) => void create(v)}>
          <Form.Item
            name="key"
            label={t('procedures.new.key')}
            extra={t('procedures.new.keyHelp')}
            rules={[
              { required: true },
              { pattern: KEY_PATTERN, message: t('procedures.new.keyPattern') },
              { validator: async (_, v: string | undefined) => (v && taken.has(v) ? Promise.reject(new Error(t('procedures.new.keyTaken'))) : undefined) },
            ]}
          >
            <Input autoFocus data-testid="new-procedure-key" placeholder="approval-push" />
          </Form.Item>
          <Form.Item name="name" label={t('procedures.new.name')} rules={[{ required: true, whitespace: true }]}>
            <Input data-testid="new-procedure-name" />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
