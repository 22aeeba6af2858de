import { diff } from 'bpmn-js-differ';

/**
 * What changed between two versions of a procedure, element by element.
 *
 * bpmn-js-differ finds added, removed and moved elements, but (3.2) reports
 * nested changes — a cm:input expression, a multi-instance cm:collection, a
 * flow condition — with no attributes, misses timer definitions entirely
 * (bpmn-js-differ#15), and hands attribute values over as (newValue,
 * oldValue) swapped relative to its README. Those details matter most here
 * (a deadline, a mapping), so each element present in both versions is also
 * compared attribute by attribute over its moddle descriptor, nested
 * elements included, and the change list is built from that.
 */

export type ChangeKind = 'added' | 'removed' | 'changed' | 'layout';

export interface AttributeChange {
  path: string;
  before: string | undefined;
  after: string | undefined;
}

export interface ElementChange {
  kind: ChangeKind;
  id: string;
  name: string;
  type: string;
  details: AttributeChange[];
}

interface Moddle {
  $type: string;
  id?: string;
  name?: string;
  $attrs?: Record<string, unknown>;
  $descriptor?: { properties: { name: string; isMany?: boolean; isReference?: boolean; ns?: { localName: string } }[] };
  get(name: string): unknown;
}

/** Containment and derived links: compared through their own elements, not as attributes of the parent. */
const SKIP = new Set(['flowElements', 'artifacts', 'laneSets', 'lanes', 'incoming', 'outgoing', 'rootElements', 'diagrams', 'di', 'participants', 'messageFlows']);

function isModdle(value: unknown): value is Moddle {
  return typeof value === 'object' && value !== null && typeof (value as Moddle).$type === 'string' && typeof (value as Moddle).get === 'function';
}

/** Every element with an id that the process defines (flow elements at any depth, messages, errors, ...). */
function index(definitions: unknown): Map<string, Moddle> {
  const byId = new Map<string, Moddle>();
  const visit = (el: unknown) => {
    if (!isModdle(el)) return;
    if (el.id && !el.$type.startsWith('bpmndi:')) byId.set(el.id, el);
    for (const key of ['rootElements', 'flowElements', 'artifacts', 'participants', 'messageFlows']) {
      const children = el.get(key);
      if (Array.isArray(children)) children.forEach(visit);
    }
  };
  visit(definitions);
  return byId;
}

/** "path → value" for an element's own semantics, nested elements flattened into the path. */
function flatten(el: Moddle, prefix = '', out = new Map<string, string>()): Map<string, string> {
  for (const p of el.$descriptor?.properties ?? []) {
    if (SKIP.has(p.name) || p.name === 'id') continue;
    const label = prefix + (p.ns?.localName ?? p.name);
    const value = el.get(p.name);
    const values = p.isMany ? (Array.isArray(value) ? value : []) : [value];
    values.forEach((v, i) => {
      const path = p.isMany ? `${label}[${i}]` : label;
      if (v === undefined || v === null || (p.isMany && values.length === 0)) return;
      if (p.isReference) out.set(path, isModdle(v) ? (v.id ?? v.$type) : String(v));
      else if (isModdle(v)) flatten(v, `${path}.`, out);
      else out.set(path, String(v));
    });
  }
  for (const [k, v] of Object.entries(el.$attrs ?? {})) if (!k.startsWith('xmlns')) out.set(prefix + k, String(v));
  return out;
}

function differences(a: Moddle, b: Moddle): AttributeChange[] {
  const before = flatten(a);
  const after = flatten(b);
  const paths = [...new Set([...before.keys(), ...after.keys()])];
  return paths
    .filter((p) => before.get(p) !== after.get(p))
    .map((path) => ({ path: path.replace(/^extensionElements\.values\[\d+\]\./, ''), before: before.get(path), after: after.get(path) }));
}

function describe(kind: ChangeKind, el: Moddle | { $type: string; id: string; name?: string }, details: AttributeChange[] = []): ElementChange {
  return { kind, id: el.id ?? '', name: el.name ?? '', type: el.$type.replace(/^bpmn:/, ''), details };
}

/** The changes from `before` to `after` (bpmn-moddle definitions, e.g. viewer.getDefinitions()). */
export function compareDefinitions(before: unknown, after: unknown): ElementChange[] {
  const result = diff(before, after);
  const a = index(before);
  const b = index(after);
  const changes: ElementChange[] = [];
  const seen = new Set<string>();
  const add = (change: ElementChange) => {
    if (seen.has(change.id)) return;
    seen.add(change.id);
    changes.push(change);
  };
  for (const [id, el] of a) if (!b.has(id)) add(describe('removed', el));
  for (const [id, el] of b) if (!a.has(id)) add(describe('added', el));
  for (const el of Object.values(result._removed)) add(describe('removed', el));
  for (const el of Object.values(result._added)) add(describe('added', el));
  for (const [id, el] of b) {
    const old = a.get(id);
    if (!old) continue;
    const details = differences(old, el);
    if (details.length > 0) add(describe('changed', el, details));
  }
  for (const el of Object.values(result._layoutChanged)) add(describe('layout', el));
  return changes;
}
