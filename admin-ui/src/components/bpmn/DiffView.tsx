import 'bpmn-js/dist/assets/bpmn-font/css/bpmn.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import './bpmn-designer.css';
import { Alert, Col, Row, Space, Spin, Table, Tag, Typography } from 'antd';
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import { useEffect, useRef, useState } from 'react';
import cmModdle from '../../../../platform/src/engine/parse/cm-moddle.json';
import { useProcedureText } from '../../i18n/procedure-messages';
import { compareDefinitions, type ChangeKind, type ElementChange } from './bpmn-diff';

/** One side of a comparison. */
export interface DiffSide {
  label: string;
  xml: string;
}

const KIND_COLOR: Record<ChangeKind, string> = { added: 'green', removed: 'red', changed: 'orange', layout: 'blue' };
const MARKER: Record<ChangeKind, string> = { added: 'diff-added', removed: 'diff-removed', changed: 'diff-changed', layout: 'diff-layout' };

function detailText(change: ElementChange): string {
  return change.details.map((d) => `${d.path}: ${d.before ?? '∅'} → ${d.after ?? '∅'}`).join('；');
}

interface Canvas {
  addMarker(id: string, marker: string): void;
  zoom(level: string): void;
  scrollToElement(element: unknown): void;
}

function mark(viewer: NavigatedViewer, ids: Iterable<string>, marker: string): void {
  const registry = viewer.get<{ get(id: string): unknown }>('elementRegistry');
  const canvas = viewer.get<Canvas>('canvas');
  for (const id of ids) if (registry.get(id)) canvas.addMarker(id, marker);
}

/**
 * Two versions side by side (bpmn-js NavigatedViewer), compared on their
 * moddle definitions (bpmn-diff.ts, bpmn-js-differ plus an attribute-level
 * comparison): removed elements red on the
 * left, added green on the right, changed orange on both, moved blue; and
 * the change list, whose rows scroll both diagrams to the element.
 */
export function DiffView({ left, right }: { left: DiffSide; right: DiffSide }) {
  const t = useProcedureText();
  const leftRef = useRef<HTMLDivElement>(null);
  const rightRef = useRef<HTMLDivElement>(null);
  const viewers = useRef<NavigatedViewer[]>([]);
  const [rows, setRows] = useState<ElementChange[] | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    const a = new NavigatedViewer({ container: leftRef.current!, moddleExtensions: { cm: cmModdle } } as ConstructorParameters<typeof NavigatedViewer>[0]);
    const b = new NavigatedViewer({ container: rightRef.current!, moddleExtensions: { cm: cmModdle } } as ConstructorParameters<typeof NavigatedViewer>[0]);
    viewers.current = [a, b];
    let alive = true;
    Promise.all([a.importXML(left.xml), b.importXML(right.xml)]).then(
      () => {
        if (!alive) return;
        const changes = compareDefinitions(a.getDefinitions(), b.getDefinitions());
        for (const c of changes) {
          // Removed elements exist only on the left, added only on the right; the rest are marked on both.
          if (c.kind !== 'added') mark(a, [c.id], MARKER[c.kind]);
          if (c.kind !== 'removed') mark(b, [c.id], MARKER[c.kind]);
        }
        for (const v of [a, b]) v.get<Canvas>('canvas').zoom('fit-viewport');
        setRows(changes);
      },
      (err: unknown) => alive && setError(err instanceof Error ? err.message : String(err)),
    );
    return () => {
      alive = false;
      a.destroy();
      b.destroy();
    };
  }, [left.xml, right.xml]);

  const focus = (id: string) => {
    for (const v of viewers.current) {
      const el = v.get<{ get(id: string): unknown }>('elementRegistry').get(id);
      if (el) v.get<Canvas>('canvas').scrollToElement(el);
    }
  };

  const kindLabel: Record<ChangeKind, string> = { added: t('diff.added'), removed: t('diff.removed'), changed: t('diff.changed'), layout: t('diff.layout') };
  return (
    <div data-testid="diff-view">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Row gutter={12}>
        <Col span={12}>
          <Typography.Text strong>{left.label}</Typography.Text>
          <div className="diff-pane" ref={leftRef} data-testid="diff-left" />
        </Col>
        <Col span={12}>
          <Typography.Text strong>{right.label}</Typography.Text>
          <div className="diff-pane" ref={rightRef} data-testid="diff-right" />
        </Col>
      </Row>
      <div style={{ marginTop: 12 }}>
        {rows === undefined && !error ? (
          <Space>
            <Spin size="small" />
            {t('diff.loading')}
          </Space>
        ) : rows && rows.length === 0 ? (
          <Alert type="success" showIcon title={t('diff.same')} data-testid="diff-same" />
        ) : (
          <Table<ElementChange>
            size="small"
            rowKey={(c) => `${c.kind}-${c.id}`}
            data-testid="diff-changes"
            dataSource={rows}
            pagination={false}
            scroll={{ y: 240 }}
            onRow={(row) => ({ onClick: () => focus(row.id), style: { cursor: 'pointer' }, 'data-testid': `diff-change-${row.id}` }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              { title: t('diff.col.kind'), dataIndex: 'kind', width: 110, render: (k: ChangeKind) => <Tag color={KIND_COLOR[k]}>{kindLabel[k]}</Tag> },
              { title: t('diff.col.element'), dataIndex: 'id', width: 260, render: (id: string, row) => (row.name ? `${row.name}（${id}）` : id) },
              { title: t('diff.col.type'), dataIndex: 'type', width: 160 },
              { title: t('diff.col.details'), key: 'details', render: (_: unknown, c) => detailText(c) },
            ]}
          />
        )}
      </div>
    </div>
  );
}
