import { EyeOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Tag, Typography, type DescriptionsProps } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CaseDetail, RevealResult } from '../../api/types';
import { formatDateTime } from '../../format';
import { useCaseText } from '../../i18n/case-messages';
import { RevealDialog } from './RevealDialog';
import { useFieldLabels, type FieldLabels } from './use-field-labels';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** The first segment of a JSON pointer (`/attendees/0/phone` → `attendees`). */
function topKey(pointer: string): string {
  return (pointer.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
}

/** What rendering a value needs: field labels, strings, and the ids of linked cases (shown as links). */
interface Render {
  labels: FieldLabels | undefined;
  ct: ReturnType<typeof useCaseText>;
  linked: Set<string>;
}

const none = <Typography.Text type="secondary">—</Typography.Text>;

function scalarText(value: unknown, path: string, r: Render): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? r.ct('vars.yes') : r.ct('vars.no');
  if (typeof value !== 'string') return String(value);
  const label = r.labels?.values.get(path)?.get(value);
  if (label) return label;
  return ISO_INSTANT.test(value) ? formatDateTime(value) : value;
}

/** A variable as staff read it: codes under their titles, instants in Beijing time, ids of linked cases as links, lists and records spelled out. */
function renderValue(value: unknown, path: string, r: Render): ReactNode {
  if (value === null || value === undefined || value === '') return none;
  if (typeof value === 'string' && r.linked.has(value)) return <Link to={`/cases/${value}`}>{value.slice(0, 8)}</Link>;
  if (typeof value !== 'object') return scalarText(value, path, r);
  if (Array.isArray(value)) {
    if (value.length === 0) return none;
    if (value.every((v) => (typeof v !== 'object' || v === null) && !r.linked.has(String(v)))) return value.map((v) => scalarText(v, path, r)).join('、');
    return (
      <Space orientation="vertical" size={2}>
        {value.map((v, i) => (
          <div key={i}>{renderValue(v, path, r)}</div>
        ))}
      </Space>
    );
  }
  return (
    <span>
      {Object.entries(value as Record<string, unknown>).map(([k, v], i) => (
        <span key={k}>
          {i > 0 && '；'}
          {r.labels?.titles.get(`${path}/${k}`) ?? k}：{renderValue(v, `${path}/${k}`, r)}
        </span>
      ))}
    </span>
  );
}

/**
 * The case's data with personal data masked as the server sent it, each
 * masked field marked. Who may (canReveal) can see the values in full after
 * stating a reason; the server records the reveal, and `onRevealed` lets the
 * page reload the timeline, which shows it.
 */
export function VariablesView({ detail, onRevealed }: { detail: CaseDetail; onRevealed(): void }) {
  const ct = useCaseText();
  const labels = useFieldLabels(detail);
  const [dialogOpen, setDialogOpen] = useState(false);
  const [revealed, setRevealed] = useState<(RevealResult & { reason: string }) | null>(null);
  const masked = new Set(detail.maskedFields.map(topKey));
  const variables = revealed?.variables ?? detail.variables;
  const order = labels?.order ?? [];
  const keys = Object.keys(variables).sort((a, b) => {
    const ia = order.indexOf(a);
    const ib = order.indexOf(b);
    return (ia < 0 ? Number.MAX_SAFE_INTEGER : ia) - (ib < 0 ? Number.MAX_SAFE_INTEGER : ib) || a.localeCompare(b);
  });
  const titleOf = (key: string) => labels?.titles.get(key) ?? key;
  const render: Render = { labels, ct, linked: new Set(detail.links.map((l) => l.id)) };

  const items: DescriptionsProps['items'] = keys.map((key) => ({
    key,
    label: titleOf(key),
    children: (
      <Space size={8} wrap>
        <span data-testid={`var-${key}`} data-masked={masked.has(key) && !revealed}>
          {renderValue(variables[key], key, render)}
        </span>
        {masked.has(key) &&
          (revealed ? (
            <EyeOutlined style={{ color: '#d46b08' }} aria-label={ct('vars.revealedField')} />
          ) : (
            <Tag icon={<LockOutlined />} color="default" data-testid={`masked-${key}`}>
              {ct('vars.masked')}
            </Tag>
          ))}
      </Space>
    ),
  }));

  const onDone = (result: RevealResult, reason: string) => {
    setRevealed({ ...result, reason });
    setDialogOpen(false);
    onRevealed();
  };

  return (
    <Card
      title={ct('vars.title')}
      size="small"
      data-testid="case-variables"
      extra={
        masked.size > 0 &&
        detail.canReveal &&
        (revealed ? (
          <Button size="small" onClick={() => setRevealed(null)} data-testid="reveal-hide">
            {ct('vars.hide')}
          </Button>
        ) : (
          <Button size="small" icon={<EyeOutlined />} onClick={() => setDialogOpen(true)} data-testid="reveal-open">
            {ct('reveal.open')}
          </Button>
        ))
      }
    >
      {revealed ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={ct('vars.revealed', { reason: revealed.reason })} data-testid="reveal-note" />
      ) : (
        masked.size > 0 && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {ct('vars.maskedHint')}
          </Typography.Paragraph>
        )
      )}
      <Descriptions column={1} size="small" bordered items={items} styles={{ label: { width: 180 } }} />
      <RevealDialog caseId={detail.id} open={dialogOpen} fields={[...masked].map(titleOf)} onCancel={() => setDialogOpen(false)} onRevealed={onDone} />
    </Card>
  );
}
