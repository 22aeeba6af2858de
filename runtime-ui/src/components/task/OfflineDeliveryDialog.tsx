import { UploadOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select, Typography, Upload, type UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { todayLocal } from '../../format';
import { useLocale } from '../../i18n/locale';
import { useTaskMessages } from '../../i18n/task-messages';
import { serverErrorsFor } from '../SchemaForm';
import { uploadAttachment, uploadErrorMessage } from './upload-attachment';

/** What staff record about a delivery made outside the platform; the task's form data travels beside it. */
export interface OfflineDeliveryRecord {
  channel: string;
  documentNumber: string;
  deliveredOn: string;
  attachmentId?: string;
  note?: string;
}

export interface OfflineDeliveryDialogProps {
  open: boolean;
  caseId: string;
  taskId: string;
  /** The county's offline channels (pack data, e.g. 书面公函, 案卷移送, 协调会议). */
  channels: string[];
  onCancel(): void;
  /** Sends the record with the page's form data; a 422 about the record's own fields is shown here. */
  onSubmit(record: OfflineDeliveryRecord): Promise<void>;
  /** A scan was stored as evidence of the case (so the evidence list can refresh). */
  onUploaded?(): void;
}

interface Values {
  channel: string;
  documentNumber: string;
  deliveredOn: Dayjs;
  note?: string;
}

const FIELDS = ['channel', 'documentNumber', 'deliveredOn', 'note'] as const;

/**
 * 线下送达 (第二十一条（二）: 书面公函, 案卷移送 or 协调会议 when the platform
 * cannot be used): channel, document number, date (not in the future, as the
 * county's calendar day) and an optional scan uploaded to the case first.
 * The values survive closing the dialog, so a rejected form on the page can
 * be corrected without typing the record again.
 */
export function OfflineDeliveryDialog(props: OfflineDeliveryDialogProps) {
  const { t } = useLocale();
  const tt = useTaskMessages();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const attachmentId = files.find((f) => f.status === 'done')?.response?.id as string | undefined;
  const today = todayLocal();

  const submit = async () => {
    const v = await form.validateFields();
    setBusy(true);
    try {
      await props.onSubmit({
        channel: v.channel,
        documentNumber: v.documentNumber.trim(),
        deliveredOn: v.deliveredOn.format('YYYY-MM-DD'),
        ...(attachmentId ? { attachmentId } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      });
    } catch (err) {
      const errors = serverErrorsFor(err, '/body').filter((e) => !e.pointer.startsWith('/data'));
      const byField = FIELDS.map((name) => ({ name, errors: errors.filter((e) => e.pointer === `/${name}`).map((e) => e.message) })).filter((f) => f.errors.length);
      if (byField.length) form.setFields(byField);
      const scanError = errors.find((e) => e.pointer === '/attachmentId');
      if (scanError) message.error(`${tt('offline.scan')}：${scanError.message}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={props.open}
      title={tt('offline.title')}
      okText={tt('offline.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, disabled: files.some((f) => f.status === 'uploading'), 'data-testid': 'offline-confirm' }}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={props.onCancel}
      forceRender
    >
      <Typography.Paragraph type="secondary">{tt('offline.hint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="channel" label={tt('offline.channel')} rules={[{ required: true, message: tt('offline.channelRequired') }]}>
          <Select options={props.channels.map((c) => ({ value: c, label: c }))} data-testid="offline-channel" />
        </Form.Item>
        <Form.Item name="documentNumber" label={tt('offline.documentNumber')} rules={[{ required: true, whitespace: true, max: 100, message: tt('offline.documentNumberRequired') }]}>
          <Input maxLength={100} data-testid="offline-document-number" />
        </Form.Item>
        <Form.Item name="deliveredOn" label={tt('offline.deliveredOn')} rules={[{ required: true, message: tt('offline.deliveredOnRequired') }]}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > today} data-testid="offline-delivered-on" />
        </Form.Item>
        <Form.Item label={tt('offline.scan')} extra={tt('offline.scanHint')}>
          <div data-testid="offline-scan">
          <Upload
            maxCount={1}
            fileList={files}
            accept=".pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd"
            onChange={({ fileList }) => setFiles(fileList)}
            customRequest={({ file, onSuccess, onError }) => {
              uploadAttachment(props.caseId, file as File, props.taskId).then(
                (att) => {
                  onSuccess?.(att);
                  props.onUploaded?.();
                },
                (err: unknown) => {
                  message.error(uploadErrorMessage(err, tt));
                  onError?.(err as Error);
                },
              );
            }}
          >
            <Button icon={<UploadOutlined />} data-testid="offline-scan-upload">
              {tt('offline.scanUpload')}
            </Button>
          </Upload>
          </div>
        </Form.Item>
        <Form.Item name="note" label={tt('offline.note')} rules={[{ max: 1000 }]}>
          <Input.TextArea rows={2} maxLength={1000} data-testid="offline-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
