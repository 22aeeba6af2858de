import { Alert, Button, Table, Tag, Typography } from 'antd';
import { useProcedureText } from '../../i18n/procedure-messages';

/** One problem reported by the server, with the element it is about when known. */
export interface ListedIssue {
  elementId: string | null;
  elementName: string | null;
  rule: string | null;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * The problems of the last validation or refused publish, beside the canvas:
 * each row names its element, and clicking it selects the element in the
 * modeler (where the same message is pinned as an overlay).
 */
export function IssueList({ kind, issues, onSelect, onClear }: { kind: 'publish' | 'validate'; issues: ListedIssue[]; onSelect(elementId: string): void; onClear(): void }) {
  const t = useProcedureText();
  const errors = issues.filter((i) => i.severity === 'error').length;
  const title = kind === 'publish' ? t('procedure.issues.publish') : t('procedure.issues.validate');
  return (
    <Alert
      type={errors > 0 ? 'error' : issues.length > 0 ? 'warning' : 'success'}
      showIcon
      data-testid="issue-list"
      data-kind={kind}
      style={{ marginBottom: 12 }}
      title={`${title}（${t('procedure.issues.count', { errors, warnings: issues.length - errors })}）`}
      action={
        <Button size="small" onClick={onClear} data-testid="issue-list-clear">
          {t('procedure.issues.clear')}
        </Button>
      }
      description={
        issues.length === 0 ? undefined : (
          <Table<ListedIssue & { key: number }>
            size="small"
            pagination={false}
            showHeader={false}
            scroll={{ y: 150 }}
            dataSource={issues.map((i, key) => ({ ...i, key }))}
            onRow={(i) => ({ 'data-testid': 'issue-item', 'data-element-id': i.elementId ?? '' }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                key: 'severity',
                width: 70,
                render: (_: unknown, i) => <Tag color={i.severity === 'error' ? 'red' : 'gold'}>{t(i.severity === 'error' ? 'procedure.issue.error' : 'procedure.issue.warning')}</Tag>,
              },
              {
                key: 'element',
                width: 240,
                render: (_: unknown, i) =>
                  i.elementId ? (
                    <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onSelect(i.elementId!)} data-testid={`issue-select-${i.elementId}`}>
                      {i.elementName ? `${i.elementName}（${i.elementId}）` : i.elementId}
                    </Button>
                  ) : (
                    <Typography.Text type="secondary">{t('procedure.issue.file')}</Typography.Text>
                  ),
              },
              { key: 'message', render: (_: unknown, i) => <span>{i.message}</span> },
              { key: 'rule', width: 180, render: (_: unknown, i) => (i.rule ? <Typography.Text type="secondary" code>{i.rule}</Typography.Text> : null) },
            ]}
          />
        )
      }
    />
  );
}
