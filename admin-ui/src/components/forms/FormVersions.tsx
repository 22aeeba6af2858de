import { Alert, Button, Card, Checkbox, Empty, Flex, Select, Spin, Table, Typography } from 'antd';
import { create } from 'jsondiffpatch';
import { format } from 'jsondiffpatch/formatters/html';
import 'jsondiffpatch/formatters/styles/html.css';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { useFormsText } from '../../i18n/forms-messages';
import { formApi, type AdminFormSummary } from './form-api';
import { orderedForDisplay } from './schema-model';

// ui:order and enum lists are arrays of strings: match their items by value so a move reads as a move.
const differ = create({ objectHash: (o: object, i?: number) => (typeof o === 'string' ? o : JSON.stringify(o) ?? String(i)), arrays: { detectMove: true } });

/**
 * The published versions of a form and a structural diff between any two
 * (title, schema and UI schema), drawn by jsondiffpatch's HTML formatter,
 * which escapes every value it prints.
 */
export function FormVersions({ form, onOpen }: { form: AdminFormSummary; onOpen?(version: number): void }) {
  const t = useFormsText();
  const versions = [...form.versions].sort((a, b) => b.version - a.version);
  const [to, setTo] = useState<number | undefined>(versions[0]?.version);
  const [from, setFrom] = useState<number | undefined>(versions[1]?.version ?? versions[0]?.version);
  const [showUnchanged, setShowUnchanged] = useState(false);
  const pair = useAsync(
    () => (from && to ? Promise.all([formApi.version(form.key, from), formApi.version(form.key, to)]) : Promise.resolve(undefined)),
    [form.key, from, to],
  );
  const html = useMemo(() => {
    if (!pair.data) return undefined;
    const [a, b] = pair.data;
    const left = { title: a.title, schema: orderedForDisplay(a.schema, a.uiSchema), uiSchema: a.uiSchema };
    const right = { title: b.title, schema: orderedForDisplay(b.schema, b.uiSchema), uiSchema: b.uiSchema };
    const delta = differ.diff(left, right);
    return delta ? (format(delta, left) ?? '') : null;
  }, [pair.data]);
  const options = versions.map((v) => ({ value: v.version, label: `v${v.version}　${formatDateTime(v.publishedAt)}` }));

  if (versions.length === 0) return <Empty description={t('versions.none')} />;
  return (
    <Flex vertical gap={16}>
      <Table
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={versions}
        onRow={(v) => ({ 'data-testid': 'form-version-row', 'data-version': v.version }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('versions.version'), dataIndex: 'version', render: (v: number) => `v${v}` },
          { title: t('versions.title'), dataIndex: 'title' },
          { title: t('versions.publishedAt'), dataIndex: 'publishedAt', render: (d: string) => formatDateTime(d) },
          { title: t('versions.checksum'), dataIndex: 'checksum', render: (c: string) => <Typography.Text code>{c.slice(0, 12)}</Typography.Text> },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, v) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setFrom(v.version)} data-testid="form-version-from">
                  {t('versions.from')}
                </Button>
                <Button size="small" onClick={() => setTo(v.version)} data-testid="form-version-to">
                  {t('versions.to')}
                </Button>
                {onOpen && (
                  <Button size="small" type="link" onClick={() => onOpen(v.version)} data-testid="form-version-open">
                    {t('versions.view')}
                  </Button>
                )}
              </Flex>
            ),
          },
        ]}
      />
      <Card
        size="small"
        title={t('versions.compare')}
        extra={
          <Flex gap={12} align="center" wrap>
            <span>{t('versions.from')}</span>
            <Select style={{ width: 220 }} value={from} options={options} onChange={setFrom} data-testid="form-diff-from" />
            <span>→ {t('versions.to')}</span>
            <Select style={{ width: 220 }} value={to} options={options} onChange={setTo} data-testid="form-diff-to" />
            <Checkbox checked={showUnchanged} onChange={(e) => setShowUnchanged(e.target.checked)}>
              {t('versions.showUnchanged')}
            </Checkbox>
          </Flex>
        }
      >
        {pair.error ? <ErrorNotice error={pair.error} onRetry={pair.reload} /> : null}
        {pair.loading && !html ? <Spin /> : null}
        {html === null && <Alert type="info" showIcon title={t('versions.same')} />}
        {html && (
          <div
            data-testid="form-diff"
            className={showUnchanged ? 'jsondiffpatch-unchanged-visible' : 'jsondiffpatch-unchanged-hidden'}
            style={{ overflow: 'auto', fontSize: 12 }}
            // jsondiffpatch's HTML formatter escapes keys and values (htmlEscape) before building its markup.
            dangerouslySetInnerHTML={{ __html: html }}
          />
        )}
      </Card>
    </Flex>
  );
}
