import { InboxOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Typography, Upload, type ButtonProps, type UploadFile } from 'antd';
import { useState } from 'react';
import { usePackText } from '../../i18n/pack-messages';
import { ImportReportView } from './ImportReportView';
import { MAX_PACK_BYTES, packApi, publishCount, type ImportReport } from './pack-api';

/**
 * Import a pack zip in two steps: a dry run (the server loads and tests the
 * pack and says what would change, writing nothing), then, only for a clean
 * dry run of the same file, the real import after a confirmation.
 */
export function PackImport({ onImported }: { onImported(): void }) {
  const t = usePackText();
  const { message, modal } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState<'dry' | 'real' | null>(null);
  const fileList: UploadFile[] = file ? [{ uid: 'pack', name: file.name, size: file.size, status: 'done' }] : [];

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'dry' : 'real');
    try {
      const r = await packApi.import(file, dryRun);
      setReport(r);
      setDone(!dryRun && r.problems.length === 0);
      if (!dryRun && r.problems.length === 0) {
        message.success(t('pack.imported', { n: publishCount(r) }));
        onImported();
      }
    } catch (err) {
      message.error(`${t('pack.failed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(null);
    }
  };

  const canImport = report !== null && !done && report.problems.length === 0 && publishCount(report) > 0;
  return (
    <Card title={t('pack.import')}>
      <Typography.Paragraph type="secondary">{t('pack.importHint')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".zip,application/zip"
        maxCount={1}
        fileList={fileList}
        beforeUpload={(f) => {
          if (!/\.zip$/i.test(f.name)) message.error(t('pack.notZip'));
          else if (f.size > MAX_PACK_BYTES) message.error(t('pack.tooLarge'));
          else {
            setFile(f);
            setReport(null);
            setDone(false);
          }
          return Upload.LIST_IGNORE;
        }}
        onRemove={() => {
          setFile(null);
          setReport(null);
          setDone(false);
        }}
        data-testid="pack-import-file"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('pack.pick')}</p>
        <p className="ant-upload-hint">{t('pack.pickHint')}</p>
      </Upload.Dragger>
      <Flex gap={8} style={{ marginTop: 12 }}>
        <Button onClick={() => void run(true)} disabled={!file} loading={busy === 'dry'} data-testid="pack-import-dry-run">
          {t('pack.dryRun')}
        </Button>
        <Button
          type="primary"
          disabled={!canImport}
          loading={busy === 'real'}
          onClick={() =>
            modal.confirm({
              title: t('pack.confirmTitle'),
              content: t('pack.confirmBody', { n: report ? publishCount(report) : 0 }),
              okText: t('pack.confirm'),
              okButtonProps: { 'data-testid': 'pack-import-confirm-ok' } as ButtonProps,
              onOk: () => run(false),
            })
          }
          data-testid="pack-import-confirm"
        >
          {t('pack.confirm')}
        </Button>
        {report && !done && report.problems.length === 0 && publishCount(report) === 0 && <Typography.Text type="secondary">{t('pack.nothingToImport')}</Typography.Text>}
      </Flex>
      {report && (
        <div style={{ marginTop: 16 }}>
          <ImportReportView report={report} done={done} />
        </div>
      )}
    </Card>
  );
}
