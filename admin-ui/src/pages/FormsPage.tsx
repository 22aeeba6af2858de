import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Modal, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../runtime-ui/src/format';
import { FORM_KEY_PATTERN, formApi, type AdminFormSummary } from '../components/forms/form-api';
import { useFormsText } from '../i18n/forms-messages';

/** The tenant's forms: what exists, which version is current, and which procedure steps use each. */
export default function FormsPage() {
  const t = useFormsText();
  const navigate = useNavigate();
  const forms = useAsync(() => formApi.list(), []);
  const [filter, setFilter] = useState('');
  const [creating, setCreating] = useState(false);
  const [newForm] = Form.useForm<{ key: string; title: string }>();
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    return (forms.data ?? []).filter((f) => !q || f.key.toLowerCase().includes(q) || f.title.toLowerCase().includes(q)).sort((a, b) => a.key.localeCompare(b.key));
  }, [forms.data, filter]);
  const existing = new Set((forms.data ?? []).map((f) => f.key));

  return (
    <Card
      title={t('forms.title')}
      extra={
        <Flex gap={8}>
          <Input.Search allowClear placeholder={t('forms.search')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ width: 240 }} data-testid="forms-filter" />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="forms-new">
            {t('forms.new')}
          </Button>
        </Flex>
      }
    >
      {forms.error ? <ErrorNotice error={forms.error} onRetry={forms.reload} /> : null}
      <Table<AdminFormSummary>
        rowKey="key"
        size="middle"
        loading={forms.loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(f) => ({ 'data-testid': 'forms-row', 'data-key': f.key }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('forms.key'), dataIndex: 'key', render: (k: string) => <Link to={`/forms/${encodeURIComponent(k)}`}>{k}</Link> },
          { title: t('forms.name'), dataIndex: 'title' },
          {
            title: t('forms.latest'),
            dataIndex: 'latestVersion',
            render: (v: number, f) => (
              <span>
                v{v} <Typography.Text type="secondary">{formatDateTime(f.versions.find((x) => x.version === v)?.publishedAt)}</Typography.Text>
              </span>
            ),
          },
          { title: t('forms.versions'), key: 'count', render: (_: unknown, f) => f.versions.length },
          {
            title: t('forms.usedBy'),
            dataIndex: 'usedBy',
            render: (u: AdminFormSummary['usedBy']) =>
              u.length === 0 ? (
                <Typography.Text type="secondary">{t('forms.unused')}</Typography.Text>
              ) : (
                <Flex gap={4} wrap>
                  {u.map((w) => (
                    <Tag key={`${w.procedure}/${w.elementId}`}>
                      {w.procedure} / {w.elementName ?? w.elementId}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            title: '',
            key: 'open',
            render: (_: unknown, f) => (
              <Link to={`/forms/${encodeURIComponent(f.key)}`} data-testid="forms-open">
                {t('forms.open')}
              </Link>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('forms.new')}
        okText={t('forms.create')}
        onCancel={() => setCreating(false)}
        onOk={() => newForm.submit()}
        okButtonProps={{ 'data-testid': 'forms-new-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={newForm}
          layout="vertical"
          preserve={false}
          onFinish={(v) => {
            setCreating(false);
            navigate(`/forms/${encodeURIComponent(v.key)}`, { state: { newTitle: v.title } });
          }}
        >
          <Form.Item
            name="key"
            label={t('forms.key')}
            extra={t('forms.newKeyHint')}
            rules={[
              { required: true, pattern: FORM_KEY_PATTERN, message: t('forms.keyInvalid') },
              { validator: (_, v: string) => (existing.has(v) ? Promise.reject(new Error(t('forms.keyTaken'))) : Promise.resolve()) },
            ]}
          >
            <Input data-testid="forms-new-key" />
          </Form.Item>
          <Form.Item name="title" label={t('forms.name')} rules={[{ required: true, whitespace: true, message: t('forms.titleRequired') }]}>
            <Input data-testid="forms-new-title" />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
