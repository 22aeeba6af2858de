import { Button, Result, Space, Typography } from 'antd';
import type { PublicReceipt } from '../../api/types';
import { formatDateTime } from '../../format';
import { usePublicText } from '../../i18n/public-messages';

/**
 * The receipt after a submission: the code large, in a monospaced face
 * (no 0/O or 1/I confusion to begin with), one click to copy, and the
 * advice to keep it, since nothing else links the person to the case.
 */
export function ReceiptCard({ receipt, onLookup, onAnother }: { receipt: PublicReceipt; onLookup(): void; onAnother(): void }) {
  const t = usePublicText();
  return (
    <Result
      status="success"
      title={t('pub.received.title')}
      subTitle={t('pub.received.at', { at: formatDateTime(receipt.receivedAt) })}
      data-testid="public-receipt"
      extra={
        <Space orientation="vertical" size="middle" style={{ display: 'flex', alignItems: 'center' }}>
          <Typography.Text type="secondary">{t('pub.received.code')}</Typography.Text>
          <Typography.Text
            copyable={{ text: receipt.receiptCode, tooltips: [t('pub.received.code'), t('pub.copied')] }}
            style={{ fontSize: 32, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', letterSpacing: 2, fontWeight: 600 }}
            data-testid="receipt-code"
          >
            {receipt.receiptCode}
          </Typography.Text>
          <Typography.Paragraph type="warning" style={{ maxWidth: 520, textAlign: 'center', margin: 0 }}>
            {t('pub.received.keep')}
          </Typography.Paragraph>
          <Space>
            <Button type="primary" onClick={onLookup} data-testid="receipt-lookup">
              {t('pub.received.lookup')}
            </Button>
            <Button onClick={onAnother} data-testid="receipt-another">
              {t('pub.received.another')}
            </Button>
          </Space>
        </Space>
      }
    />
  );
}
