import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Progress, Row, Statistic, Tag, Typography } from 'antd';
import { todayLocal } from '../../../../runtime-ui/src/format';
import { usePackText } from '../../i18n/pack-messages';
import type { PackInfo } from '../AdminLayout';
import { packApi } from './pack-api';

const COLORS: Record<PackInfo['warning'], string> = { none: '#389e0d', '60': '#d48806', '30': '#d46b08', '7': '#cf1322', expired: '#cf1322' };

/** Days between two YYYY-MM-DD dates (plain calendar arithmetic). */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);

/**
 * The pack the county runs on: its legal source, validity window and the
 * countdown to its end (the regulation it encodes expires; new cases must
 * not start on a lapsed pack), with the export download.
 */
export function PackInfoCard({ info }: { info: PackInfo }) {
  const t = usePackText();
  const { from, to } = info.validity;
  const today = todayLocal();
  const elapsed = from && to ? Math.max(0, Math.min(100, Math.round((daysBetween(from, today) / Math.max(1, daysBetween(from, to) + 1)) * 100))) : undefined;
  return (
    <Card
      title={t('pack.title')}
      extra={
        <Button type="primary" icon={<DownloadOutlined />} href={packApi.exportUrl} download data-testid="pack-export">
          {t('pack.export')}
        </Button>
      }
      data-testid="pack-info"
      data-warning={info.warning}
    >
      <Row gutter={24} align="middle">
        <Col xs={24} lg={16}>
          <Descriptions
            column={{ xs: 1, md: 2 }}
            size="small"
            bordered
            items={[
              { key: 'title', label: t('pack.name'), span: 2, children: info.title },
              { key: 'doc', label: t('pack.documentNumber'), span: 2, children: info.documentNumber },
              { key: 'id', label: t('pack.id'), children: <Typography.Text code>{info.id}</Typography.Text> },
              {
                key: 'status',
                label: t('pack.status'),
                children: (
                  <Tag color={info.warning === 'none' ? 'green' : info.warning === 'expired' || info.warning === '7' ? 'red' : 'orange'} data-testid="pack-status">
                    {t(`pack.status.${info.warning}`)}
                  </Tag>
                ),
              },
              { key: 'from', label: t('pack.validFrom'), children: from ?? '—' },
              { key: 'to', label: t('pack.validTo'), children: to ?? t('pack.unbounded') },
            ]}
          />
        </Col>
        <Col xs={24} lg={8}>
          {info.daysLeft === null ? (
            <Statistic title={t('pack.daysLeft')} value={t('pack.noEnd')} />
          ) : info.warning === 'expired' ? (
            <Statistic title={t('pack.daysLeft')} value={info.daysLeft < 0 ? t('pack.expiredDays', { n: -info.daysLeft }) : t('pack.expired')} styles={{ content: { color: COLORS.expired } }} />
          ) : (
            <Statistic title={t('pack.daysLeft')} value={info.daysLeft} suffix={t('pack.days')} styles={{ content: { color: COLORS[info.warning] } }} data-testid="pack-days-left" />
          )}
          {elapsed !== undefined && (
            <>
              <Progress percent={elapsed} showInfo={false} strokeColor={COLORS[info.warning]} />
              <Typography.Text type="secondary">{t('pack.elapsed', { p: elapsed })}</Typography.Text>
            </>
          )}
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        {t('pack.exportHint')}
      </Typography.Paragraph>
    </Card>
  );
}
