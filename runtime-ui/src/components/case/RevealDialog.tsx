import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { RevealResult } from '../../api/types';
import { useCaseText } from '../../i18n/case-messages';

const MIN_REASON = 4;
const MAX_REASON = 500;

/**
 * Asks why before showing personal data in full (POST /api/cases/:id/reveal).
 * The reason is what the audit log keeps, so it is required and trimmed as
 * the server trims it; the server's own refusal (403, 422) is shown in place.
 */
export function RevealDialog({
  caseId,
  open,
  fields,
  onCancel,
  onRevealed,
}: {
  caseId: string;
  open: boolean;
  /** Titles of the fields that will be shown. */
  fields: string[];
  onCancel(): void;
  onRevealed(result: RevealResult, reason: string): void;
}) {
  const ct = useCaseText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    const { reason } = await form.validateFields();
    const trimmed = reason.trim();
    setBusy(true);
    setError(null);
    try {
      const result = await api.post<RevealResult>(`/api/cases/${caseId}/reveal`, { reason: trimmed });
      message.success(ct('reveal.done'));
      onRevealed(result, trimmed);
    } catch (err) {
      setError(err instanceof ApiError ? (err.problem?.detail ?? err.problem?.title ?? err.message) : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={ct('reveal.title')}
      open={open}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={() => {
        setError(null);
        onCancel();
      }}
      okText={ct('reveal.submit')}
      confirmLoading={busy}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'reveal-confirm' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'reveal-cancel' } as Record<string, string>}
    >
      <Typography.Paragraph>{ct('reveal.explain')}</Typography.Paragraph>
      {fields.length > 0 && <Typography.Paragraph type="secondary">{ct('reveal.fields', { fields: fields.join('、') })}</Typography.Paragraph>}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reveal-error" />}
      <Form form={form} layout="vertical" preserve={false} onFinish={() => void submit().catch(() => undefined)}>
        <Form.Item
          name="reason"
          label={ct('reveal.reason')}
          rules={[
            {
              validator: (_, value: string | undefined) => ((value ?? '').trim().length >= MIN_REASON ? Promise.resolve() : Promise.reject(new Error(ct('reveal.reasonTooShort')))),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={MAX_REASON} showCount autoFocus placeholder={ct('reveal.reasonPlaceholder')} data-testid="reveal-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
