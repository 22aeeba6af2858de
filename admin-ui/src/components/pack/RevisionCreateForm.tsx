import { Alert, App, Button, Col, DatePicker, Form, Input, Row } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError } from '../../../../runtime-ui/src/api/client';
import { usePackText } from '../../i18n/pack-messages';
import { problemProcedures, revisionApi, type Revision } from './revision-api';

interface Values {
  label: string;
  title?: string;
  documentNumber?: string;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
}

/**
 * Start a revision: its name, 文号 and window. The server refuses while any
 * procedure has an unpublished draft (it would be overwritten); those are
 * listed with a link to the designer, where they can be published or discarded.
 */
export function RevisionCreateForm({ onCreated }: { onCreated(revision: Revision): void }) {
  const t = usePackText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [blocking, setBlocking] = useState<{ key: string; name: string }[]>([]);

  const submit = async (v: Values) => {
    setBusy(true);
    setBlocking([]);
    try {
      const created = await revisionApi.create({
        label: v.label.trim(),
        ...(v.title?.trim() ? { title: v.title.trim() } : {}),
        ...(v.documentNumber?.trim() ? { documentNumber: v.documentNumber.trim() } : {}),
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
        effectiveTo: v.effectiveTo ? v.effectiveTo.format('YYYY-MM-DD') : null,
      });
      message.success(t('pack.revision.created', { n: created.procedures.length }));
      form.resetFields();
      onCreated(created);
    } catch (err) {
      const pending = problemProcedures<{ key: string; name: string }>(err);
      if (err instanceof ApiError && err.status === 409 && pending.length) setBlocking(pending);
      else if (err instanceof ApiError && err.fieldErrors.length) form.setFields(err.fieldErrors.map((f) => ({ name: f.pointer.replace(/^\/body\//, '').split('/')[0] as keyof Values, errors: [f.message] })));
      else message.error(`${t('pack.revision.failed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} data-testid="revision-create-form">
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item name="label" label={t('pack.revision.label')} rules={[{ required: true, whitespace: true, message: t('pack.revision.labelRequired') }]}>
            <Input maxLength={100} placeholder={t('pack.revision.labelPlaceholder')} data-testid="revision-label" />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="title" label={t('pack.revision.docTitle')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item name="documentNumber" label={t('pack.revision.documentNumber')}>
            <Input maxLength={100} data-testid="revision-document-number" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item name="effectiveFrom" label={t('pack.revision.from')} rules={[{ required: true, message: t('pack.revision.fromRequired') }]}>
            <DatePicker style={{ width: '100%' }} data-testid="revision-from" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item
            name="effectiveTo"
            label={t('pack.revision.to')}
            extra={t('pack.revision.toHint')}
            dependencies={['effectiveFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator: (_, to: Dayjs | null | undefined) => {
                  const from = getFieldValue('effectiveFrom') as Dayjs | undefined;
                  return !to || !from || !to.isBefore(from, 'day') ? Promise.resolve() : Promise.reject(new Error(t('pack.revision.toBeforeFrom')));
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} allowClear data-testid="revision-to" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8} style={{ display: 'flex', alignItems: 'center' }}>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="revision-create">
            {t('pack.revision.create')}
          </Button>
        </Col>
      </Row>
      {blocking.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('pack.revision.pendingDrafts')}
          data-testid="revision-pending-drafts"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {blocking.map((p) => (
                <li key={p.key}>
                  <Link to={`/procedures/${encodeURIComponent(p.key)}`}>
                    {p.name} ({p.key})
                  </Link>
                </li>
              ))}
            </ul>
          }
        />
      )}
    </Form>
  );
}
