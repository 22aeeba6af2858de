import { Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useLocale } from '../../i18n/locale';
import { useTaskMessages } from '../../i18n/task-messages';
import { serverErrorsFor } from '../SchemaForm';

export interface ReturnDialogProps {
  open: boolean;
  onCancel(): void;
  /** Sends the return; a 422 is shown on the reason field, anything else is the caller's to report. */
  onSubmit(reason: string): Promise<void>;
}

/**
 * 退回: the receiving department says why the matter is not theirs. The
 * reason is required because the sender must act on it (re-route the push).
 */
export function ReturnDialog({ open, onCancel, onSubmit }: ReturnDialogProps) {
  const { t } = useLocale();
  const tt = useTaskMessages();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const { reason } = await form.validateFields();
    setBusy(true);
    try {
      await onSubmit(reason.trim());
    } catch (err) {
      const errors = serverErrorsFor(err, '/body/reason');
      if (errors.length) form.setFields([{ name: 'reason', errors: errors.map((e) => e.message) }]);
      else throw err;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={tt('return.title')}
      okText={tt('return.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: busy, 'data-testid': 'return-confirm' }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{tt('return.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="reason" label={tt('return.reason')} rules={[{ required: true, whitespace: true, min: 2, max: 1000, message: tt('return.reasonRequired') }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount autoFocus data-testid="return-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
