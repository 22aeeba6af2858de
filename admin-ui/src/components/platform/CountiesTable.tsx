import { Table } from 'antd';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { usePlatformText } from '../../i18n/platform-messages';
import type { County } from './platform-api';

/** Every county on the installation with its pack and size, so the operator sees what exists before adding one. */
export function CountiesTable({ counties, loading }: { counties: County[]; loading: boolean }) {
  const t = usePlatformText();
  return (
    <Table<County>
      rowKey="code"
      size="small"
      loading={loading}
      pagination={false}
      dataSource={counties}
      data-testid="counties-table"
      columns={[
        { key: 'code', title: t('platform.code'), dataIndex: 'code' },
        { key: 'name', title: t('platform.name'), dataIndex: 'name' },
        { key: 'pack', title: t('platform.pack'), dataIndex: 'packId' },
        { key: 'createdAt', title: t('platform.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
        { key: 'users', title: t('platform.users'), dataIndex: 'users', align: 'right' },
        { key: 'cases', title: t('platform.cases'), dataIndex: 'cases', align: 'right' },
      ]}
    />
  );
}
