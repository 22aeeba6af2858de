import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { qs } from '../../api/client';
import { useDashboardText } from '../../i18n/dashboard-messages';

/**
 * CSV and Excel downloads of the period on screen, as plain links: the
 * browser sends the session cookie and saves the file under the server's
 * Content-Disposition name, so no blob handling is needed here.
 */
export function ExportLinks({ query }: { query: Record<string, string> }) {
  const t = useDashboardText();
  const href = (format: 'csv' | 'xlsx') => `/api/statistics/circular/export${qs({ format, ...query })}`;
  return (
    <Space>
      <Button icon={<DownloadOutlined />} href={href('csv')} download data-testid="export-csv">
        {t('dash.exportCsv')}
      </Button>
      <Button icon={<DownloadOutlined />} href={href('xlsx')} download data-testid="export-xlsx">
        {t('dash.exportXlsx')}
      </Button>
    </Space>
  );
}
