import { Table, Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useFormsText } from '../../i18n/forms-messages';
import type { FormChange } from './form-api';

/**
 * What publishing would change against the latest published version, one
 * row per change; breaking ones are red and list the procedure elements
 * that still rely on the old shape.
 */
export function ChangesTable({ changes }: { changes: FormChange[] }) {
  const t = useFormsText();
  return (
    <Table<FormChange>
      size="small"
      pagination={false}
      rowKey={(c) => `${c.kind}:${c.field}`}
      dataSource={changes}
      data-testid="form-changes"
      onRow={(c) => ({ 'data-testid': 'form-change-row', 'data-breaking': c.breaking, style: c.breaking ? { background: '#fff1f0' } : undefined }) as HTMLAttributes<HTMLElement>}
      columns={[
        { title: t('check.field'), dataIndex: 'field', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
        { title: t('check.kind'), dataIndex: 'kind', render: (k: FormChange['kind']) => t(`kind.${k}`) },
        {
          title: '',
          dataIndex: 'breaking',
          render: (b: boolean) => (b ? <Tag color="red">{t('check.breaking')}</Tag> : <Tag color="green">{t('check.compatible')}</Tag>),
        },
        { title: t('check.detail'), dataIndex: 'detail' },
        {
          title: t('check.usedBy'),
          dataIndex: 'usedBy',
          render: (u: FormChange['usedBy'], c) =>
            u.length === 0 ? null : (
              <ul style={{ margin: 0, paddingInlineStart: 16, color: c.breaking ? '#cf1322' : undefined }}>
                {u.map((w, i) => (
                  <li key={i}>
                    {w.procedure} / {w.elementId}
                    {w.where ? `（${w.where}）` : ''}
                  </li>
                ))}
              </ul>
            ),
        },
      ]}
    />
  );
}
