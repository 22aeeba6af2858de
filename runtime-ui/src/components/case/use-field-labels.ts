import { api, qs } from '../../api/client';
import type { CaseDetail, Procedure } from '../../api/types';
import { useAsync } from '../../api/use-async';

/** GET /api/forms/:key: a published form; only its titles are read here. */
interface PublishedForm {
  key: string;
  version: number;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
}

/**
 * What the case's forms call its variables: field titles by path (array
 * indices left out, so `attendees/name`), and the titles of enumerated
 * values (a department code `scjg` → 曲阜市市场监督管理局). `order` is the
 * order fields appear in the forms, start form first.
 */
export interface FieldLabels {
  titles: Map<string, string>;
  values: Map<string, Map<string, string>>;
  order: string[];
}

type Schema = Record<string, unknown>;
const isSchema = (v: unknown): v is Schema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** const → title of `oneOf`/`anyOf` branches, the pack's way of labelling codes. */
function constTitles(schema: Schema): Map<string, string> | undefined {
  const branches = [...((schema.oneOf as unknown[]) ?? []), ...((schema.anyOf as unknown[]) ?? [])].filter(isSchema);
  const entries = branches.filter((b) => b.const !== undefined && typeof b.title === 'string').map((b) => [String(b.const), b.title as string] as const);
  return entries.length ? new Map(entries) : undefined;
}

function collect(schema: Schema, path: string, out: FieldLabels): void {
  const props = isSchema(schema.properties) ? schema.properties : {};
  for (const [name, sub] of Object.entries(props)) {
    if (!isSchema(sub)) continue;
    const key = path ? `${path}/${name}` : name;
    if (typeof sub.title === 'string' && !out.titles.has(key)) out.titles.set(key, sub.title);
    if (!path && !out.order.includes(name)) out.order.push(name);
    const element = isSchema(sub.items) ? sub.items : sub;
    const values = constTitles(element);
    if (values && !out.values.has(key)) out.values.set(key, values);
    if (isSchema(sub.properties)) collect(sub, key, out);
    if (isSchema(sub.items) && isSchema(sub.items.properties)) collect(sub.items, key, out);
  }
  // Fields declared only under conditions (if/then/else) or in composed parts.
  for (const part of [...((schema.allOf as unknown[]) ?? []), schema.then, schema.else].filter(isSchema)) collect(part, path, out);
}

/**
 * Titles from a list of forms; earlier forms win. The order is the UI
 * schema's `ui:order` where there is one: a schema stored as jsonb comes back
 * with its properties sorted by key length, not as the pack wrote them.
 */
export function labelsFromSchemas(forms: { schema: Schema; uiSchema?: Schema | null }[]): FieldLabels {
  const out: FieldLabels = { titles: new Map(), values: new Map(), order: [] };
  for (const { schema, uiSchema } of forms) {
    const uiOrder = Array.isArray(uiSchema?.['ui:order']) ? (uiSchema['ui:order'] as unknown[]) : [];
    for (const name of uiOrder) if (typeof name === 'string' && name !== '*' && !out.order.includes(name)) out.order.push(name);
    collect(schema, '', out);
  }
  return out;
}

/**
 * Labels for a case's variables from its start form and its tasks' forms.
 * The case page API gives variable names only; the forms are definitions any
 * user of the county may read. A form that cannot be loaded just leaves its
 * fields under their variable names.
 */
export function useFieldLabels(detail: CaseDetail | undefined): FieldLabels | undefined {
  const key = detail ? `${detail.id}:${detail.tasks.length}` : '';
  const state = useAsync(async () => {
    if (!detail) return undefined;
    const procedures = await api.get<Procedure[]>('/api/procedures').catch(() => [] as Procedure[]);
    const start = procedures.find((p) => p.key === detail.procedure.key)?.startForm;
    const refs = new Map<string, { key: string; version?: number }>();
    if (start) refs.set(`${start.formKey}@${start.formVersion ?? ''}`, { key: start.formKey, version: start.formVersion });
    for (const t of detail.tasks) refs.set(`${t.formKey}@${t.formVersion}`, { key: t.formKey, version: t.formVersion });
    const forms = await Promise.allSettled([...refs.values()].map((r) => api.get<PublishedForm>(`/api/forms/${encodeURIComponent(r.key)}${qs({ version: r.version })}`)));
    return labelsFromSchemas(forms.flatMap((f) => (f.status === 'fulfilled' ? [f.value] : [])));
  }, [key]);
  return state.data;
}
