import { LockOutlined } from '@ant-design/icons';
import { Card, Descriptions, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, qs } from '../../api/client';
import type { CaseHeadline, Procedure } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { useTaskMessages } from '../../i18n/task-messages';

/** A published form as GET /api/forms/:key returns it. */
export interface FormDocument {
  key: string;
  version: number;
  title: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
}

interface FieldInfo {
  title?: string;
  /** Titles of enumerated values (oneOf/anyOf with const and title), e.g. department codes → names. */
  values: Map<unknown, string>;
}

type Schema = { title?: string; properties?: Record<string, Schema>; items?: Schema; oneOf?: Schema[]; anyOf?: Schema[]; const?: unknown };

/** Field titles and value titles of a form's top-level properties. */
function fieldsOf(schema: Record<string, unknown> | undefined): Map<string, FieldInfo> {
  const out = new Map<string, FieldInfo>();
  for (const [key, prop] of Object.entries((schema as Schema | undefined)?.properties ?? {})) {
    const values = new Map<unknown, string>();
    for (const alt of [...(prop.oneOf ?? []), ...(prop.anyOf ?? []), ...(prop.items?.oneOf ?? []), ...(prop.items?.anyOf ?? [])]) {
      if (alt.const !== undefined && alt.title) values.set(alt.const, alt.title);
    }
    out.set(key, { title: prop.title, values });
  }
  return out;
}

/** The procedure's start form, which names most case variables; best effort (a missing form leaves plain keys). */
async function loadStartForm(procedureKey: string): Promise<FormDocument | undefined> {
  const procedures = await api.get<Procedure[]>('/api/procedures');
  const start = procedures.find((p) => p.key === procedureKey)?.startForm;
  if (!start) return undefined;
  return api.get<FormDocument>(`/api/forms/${encodeURIComponent(start.formKey)}${qs({ version: start.formVersion })}`);
}

export interface CaseContextProps {
  caseData: CaseHeadline & { id: string; variables: Record<string, unknown>; maskedFields: string[] };
  procedureKey: string;
  /** The task's own form, whose titles name the variables its earlier submissions wrote. */
  taskSchema?: Record<string, unknown>;
}

/**
 * The case beside the form: who it is about, its document number and
 * identifier (masked), and its data under the start form's field titles in
 * the start form's order, so staff fill the task without leaving the page.
 * Personal data arrives masked from the server and is marked so.
 */
export function CaseContext({ caseData, procedureKey, taskSchema }: CaseContextProps) {
  const tt = useTaskMessages();
  const startForm = useAsync(() => loadStartForm(procedureKey).catch(() => undefined), [procedureKey]);
  const fields = new Map([...fieldsOf(taskSchema), ...fieldsOf(startForm.data?.schema)]);
  const order = (startForm.data?.uiSchema?.['ui:order'] as string[] | undefined) ?? [];
  const keys = Object.keys(caseData.variables).sort((a, b) => rank(order, a) - rank(order, b));
  const masked = new Set(caseData.maskedFields);

  const render = (key: string, value: unknown): string => {
    const named = (v: unknown) => fields.get(key)?.values.get(v) ?? display(v, tt('case.yes'), tt('case.no'));
    return Array.isArray(value) ? value.map(named).join('、') : named(value);
  };

  return (
    <Card
      size="small"
      title={tt('case.title')}
      extra={
        <Link to={`/cases/${caseData.id}`} data-testid="case-link">
          {tt('case.open')}
        </Link>
      }
      data-testid="case-context"
    >
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'counterparty', label: tt('case.counterparty'), children: caseData.counterparty ?? '—' },
          { key: 'documentNumber', label: tt('case.documentNumber'), children: caseData.documentNumber ?? '—' },
          { key: 'identifier', label: tt('case.identifier'), children: caseData.identifier ?? '—' },
        ]}
      />
      {keys.length > 0 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {tt('case.variables')}
          </Typography.Title>
          <Descriptions
            size="small"
            column={1}
            bordered
            styles={{ label: { width: '38%' } }}
            items={keys.map((key) => ({
              key,
              label: fields.get(key)?.title ?? key,
              children: (
                <span data-testid={`case-var-${key}`}>
                  <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{render(key, caseData.variables[key])}</Typography.Text>
                  {masked.has(`/${key}`) && (
                    <Tag icon={<LockOutlined />} style={{ marginInlineStart: 8 }}>
                      {tt('case.masked')}
                    </Tag>
                  )}
                </span>
              ),
            }))}
          />
        </>
      )}
    </Card>
  );
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}

function display(value: unknown, yes: string, no: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? yes : no;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
