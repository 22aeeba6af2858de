import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { App, Button, Card, Empty, Flex, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { AttachmentInfo } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { formatDateTime } from '../../format';
import { useTaskMessages } from '../../i18n/task-messages';
import { ErrorNotice } from '../ErrorNotice';
import { uploadAttachment, uploadErrorMessage } from './upload-attachment';

export interface AttachmentsPanelProps {
  caseId: string;
  /** The task the files are uploaded from, recorded with them. */
  taskId?: string;
  /** Change it to reload the list (e.g. after a scan was uploaded elsewhere on the page). */
  refreshKey?: number;
  /** Hide the upload button (a finished task is read-only, though its evidence stays readable). */
  readOnly?: boolean;
}

/** Human file sizes: 12 KB, 3.4 MB. */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The case's evidence beside the form: what others attached, downloads, and
 * uploads as raw bodies (docs/attachments.md). The server decides what is
 * accepted; its refusals (413 too large, 415 wrong type, 422 empty or
 * infected) are shown as messages.
 */
export function AttachmentsPanel({ caseId, taskId, refreshKey = 0, readOnly }: AttachmentsPanelProps) {
  const tt = useTaskMessages();
  const { message } = App.useApp();
  const [uploads, setUploads] = useState(0);
  const list = useAsync(() => api.get<AttachmentInfo[]>(`/api/cases/${caseId}/attachments`), [caseId, refreshKey, uploads]);

  return (
    <Card
      size="small"
      title={tt('attachments.title')}
      data-testid="attachments-panel"
      extra={
        readOnly ? null : (
          <Upload
            showUploadList={false}
            multiple
            accept=".pdf,.jpg,.jpeg,.png,.ofd,application/pdf,image/jpeg,image/png,application/ofd"
            customRequest={({ file, onSuccess, onError }) => {
              const f = file as File;
              uploadAttachment(caseId, f, taskId).then(
                (att) => {
                  onSuccess?.(att);
                  message.success(tt('attachments.uploaded', { name: att.fileName }));
                  setUploads((n) => n + 1);
                },
                (err: unknown) => {
                  message.error(uploadErrorMessage(err, tt));
                  onError?.(err as Error);
                },
              );
            }}
          >
            <Button size="small" icon={<UploadOutlined />} data-testid="attachments-upload">
              {tt('attachments.upload')}
            </Button>
          </Upload>
        )
      }
    >
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : (
        <Spin spinning={list.loading && !list.data}>
          {(list.data ?? []).length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={tt('attachments.empty')} />
          ) : (
            <Flex vertical gap={8} style={{ marginBottom: 8 }}>
              {(list.data ?? []).map((a) => (
                <Flex key={a.id} gap={8} align="baseline" data-testid={`attachment-${a.id}`}>
                  <PaperClipOutlined />
                  <Flex vertical style={{ minWidth: 0 }}>
                    <Typography.Link href={`/api/attachments/${a.id}`} download={a.fileName} ellipsis>
                      {a.fileName}
                    </Typography.Link>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {formatSize(a.sizeBytes)} · {formatDateTime(a.uploadedAt)}
                    </Typography.Text>
                  </Flex>
                </Flex>
              ))}
            </Flex>
          )}
        </Spin>
      )}
      {readOnly ? null : (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {tt('attachments.hint')}
        </Typography.Text>
      )}
    </Card>
  );
}
