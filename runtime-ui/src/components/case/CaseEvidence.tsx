import { PaperClipOutlined } from '@ant-design/icons';
import { Card, Empty, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import type { AttachmentInfo, CaseDetail } from '../../api/types';
import { formatDateTime } from '../../format';
import { useCaseText } from '../../i18n/case-messages';

type Delivery = CaseDetail['offlineDeliveries'][number];

/** Downloads go through the API (audited, Content-Disposition: attachment), never a direct file link. */
const downloadUrl = (id: string) => `/api/attachments/${encodeURIComponent(id)}`;

function size(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * The paper trail: steps met offline (书面公函, 案卷移送, … with the letter's
 * number, the date and its scan) and every attachment of the case.
 */
export function CaseEvidence({ detail }: { detail: CaseDetail }) {
  const ct = useCaseText();
  const taskName = new Map(detail.tasks.map((t) => [t.id, t.name]));
  const deliveryColumns: ColumnsType<Delivery> = [
    { title: ct('offline.task'), width: 130, render: (_, d) => taskName.get(d.taskId) ?? '' },
    { title: ct('offline.channel'), dataIndex: 'channel', width: 110 },
    { title: ct('offline.documentNumber'), dataIndex: 'documentNumber', width: 160 },
    { title: ct('offline.deliveredOn'), dataIndex: 'deliveredOn', width: 110 },
    {
      title: ct('offline.scan'),
      width: 120,
      render: (_, d) =>
        d.attachmentId ? (
          <Typography.Link href={downloadUrl(d.attachmentId)} data-testid={`scan-${d.taskId}`}>
            <PaperClipOutlined /> {ct('offline.download')}
          </Typography.Link>
        ) : null,
    },
    { title: ct('offline.recordedAt'), dataIndex: 'recordedAt', width: 140, render: (v: string) => formatDateTime(v) },
  ];
  const attachmentColumns: ColumnsType<AttachmentInfo> = [
    {
      title: ct('attachments.fileName'),
      dataIndex: 'fileName',
      render: (name: string, a) => (
        <Typography.Link href={downloadUrl(a.id)} data-testid={`attachment-${a.id}`}>
          <Space size={4}>
            <PaperClipOutlined />
            {name}
          </Space>
        </Typography.Link>
      ),
    },
    { title: ct('attachments.type'), dataIndex: 'contentType', width: 140 },
    { title: ct('attachments.size'), dataIndex: 'sizeBytes', width: 90, render: (v: number) => size(v) },
    { title: ct('attachments.uploadedAt'), dataIndex: 'uploadedAt', width: 140, render: (v: string) => formatDateTime(v) },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {detail.offlineDeliveries.length > 0 && (
        <Card title={ct('offline.title')} size="small" data-testid="case-offline">
          <Table<Delivery>
            rowKey={(d) => `${d.taskId}:${d.recordedAt}`}
            size="small"
            pagination={false}
            scroll={{ x: 780 }}
            columns={deliveryColumns}
            dataSource={detail.offlineDeliveries}
            onRow={(d) => ({ 'data-testid': `offline-row-${d.taskId}` }) as HTMLAttributes<HTMLTableRowElement>}
          />
        </Card>
      )}
      <Card title={ct('attachments.title')} size="small" data-testid="case-attachments">
        {detail.attachments.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={ct('attachments.empty')} />
        ) : (
          <Table<AttachmentInfo> rowKey="id" size="small" pagination={false} scroll={{ x: 560 }} columns={attachmentColumns} dataSource={detail.attachments} />
        )}
      </Card>
    </Space>
  );
}
