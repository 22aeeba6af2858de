import { Alert, Col, Row, Table, Tag } from 'antd';
import type { HTMLAttributes } from 'react';
import { usePackText } from '../../i18n/pack-messages';
import type { Change, ImportReport } from './pack-api';

const COLOR: Record<Change, string> = { new: 'green', changed: 'orange', unchanged: 'default' };

/** The per-definition outcome of an import (new / changed / unchanged) and the pack's problems. */
export function ImportReportView({ report, done }: { report: ImportReport; done: boolean }) {
  const t = usePackText();
  const all = [...report.procedures, ...report.forms, ...report.calendars];
  const count = (c: Change) => all.filter((x) => x.change === c).length;
  const section = (kind: 'procedures' | 'forms' | 'calendars') => (
    <Col xs={24} lg={8} key={kind}>
      <Table
        size="small"
        title={() => <strong>{t(`pack.${kind}`)}</strong>}
        rowKey="key"
        dataSource={[...report[kind]].sort((a, b) => (a.change === b.change ? a.key.localeCompare(b.key) : a.change === 'unchanged' ? 1 : b.change === 'unchanged' ? -1 : a.change.localeCompare(b.change)))}
        pagination={false}
        scroll={{ y: 360 }}
        onRow={(r) => ({ 'data-testid': 'pack-import-row', 'data-kind': kind, 'data-key': r.key, 'data-change': r.change }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('pack.key'), dataIndex: 'key' },
          { title: t('pack.change'), dataIndex: 'change', width: 90, render: (c: Change) => <Tag color={COLOR[c]}>{t(`pack.change.${c}`)}</Tag> },
        ]}
      />
    </Col>
  );
  return (
    <div data-testid="pack-import-report" data-problems={report.problems.length}>
      {report.problems.length > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('pack.problems', { n: report.problems.length })}
          data-testid="pack-import-problems"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {report.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert
          type={done ? 'success' : 'info'}
          showIcon
          style={{ marginBottom: 12 }}
          title={t(done ? 'pack.importedSummary' : 'pack.dryRunOk', { new: count('new'), changed: count('changed'), unchanged: count('unchanged') })}
        />
      )}
      {all.length > 0 && <Row gutter={12}>{(['procedures', 'forms', 'calendars'] as const).map(section)}</Row>}
    </div>
  );
}
