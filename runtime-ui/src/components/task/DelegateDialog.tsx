import { Alert, Form, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { useAsync } from '../../api/use-async';
import { ErrorNotice } from '../ErrorNotice';
import { useLocale } from '../../i18n/locale';
import { useTaskMessages } from '../../i18n/task-messages';

/** A colleague the task may be handed to (GET /api/tasks/:id/delegates). */
export interface Delegate {
  id: string;
  name: string;
  department: string;
}

export interface DelegateDialogProps {
  taskId: string;
  open: boolean;
  onCancel(): void;
  onSubmit(delegate: Delegate): Promise<void>;
}

/**
 * 转办: hand a task to a colleague of the same department who may act on it.
 * The list comes from the server, which knows the task's candidate roles, so
 * the dialog never offers someone the engine would refuse.
 */
export function DelegateDialog({ taskId, open, onCancel, onSubmit }: DelegateDialogProps) {
  const { t } = useLocale();
  const tt = useTaskMessages();
  const [form] = Form.useForm<{ userId: string }>();
  const [busy, setBusy] = useState(false);
  const delegates = useAsync(() => (open ? api.get<Delegate[]>(`/api/tasks/${taskId}/delegates`) : Promise.resolve(undefined)), [taskId, open]);
  const options = delegates.data ?? [];

  const submit = async () => {
    const { userId } = await form.validateFields();
    const chosen = options.find((d) => d.id === userId);
    if (!chosen) return;
    setBusy(true);
    try {
      await onSubmit(chosen);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={tt('delegate.title')}
      okText={tt('delegate.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, disabled: options.length === 0, 'data-testid': 'delegate-confirm' }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{tt('delegate.hint')}</Typography.Paragraph>
      {delegates.error ? (
        <ErrorNotice error={delegates.error} onRetry={delegates.reload} />
      ) : !delegates.loading && options.length === 0 ? (
        <Alert type="info" showIcon title={tt('delegate.none')} />
      ) : (
        <Form form={form} layout="vertical">
          <Form.Item name="userId" label={tt('delegate.user')} rules={[{ required: true, message: tt('delegate.userRequired') }]}>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={delegates.loading}
              options={options.map((d) => ({ value: d.id, label: `${d.name}（${d.department}）` }))}
              data-testid="delegate-user"
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
