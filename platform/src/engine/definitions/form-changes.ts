/**
 * What publishing a new form version would change, and which published
 * procedures would notice. Forms feed case variables field by field, and the
 * diagrams read those variables in FEEL (conditions, ioMappings, assignment
 * rules, deadlines), so a field that disappears or changes shape can turn a
 * running procedure's expression into null or an error at a citizen's case.
 * The designer shows these changes before publishing and the server refuses
 * breaking ones unless the admin accepts them.
 *
 * Pure functions over JSON Schemas and compiled procedures (built from their
 * published BPMN XML), so they run the same in routes, tests and CLIs.
 */
import type { CompiledDefinition, CompiledProcess } from '../model/compiled-model';

type Json = Record<string, unknown>;

export const FORM_CHANGE_KINDS = ['added', 'removed', 'newlyRequired', 'noLongerRequired', 'typeChanged', 'enumNarrowed', 'formatChanged'] as const;
export type FormChangeKind = (typeof FORM_CHANGE_KINDS)[number];

/**
 * Kinds that break a procedure when it uses the field: its expressions would
 * read null (removed, no longer required), a value of another type, or never
 * see a value they branch on again. Added, newly required and format changes
 * only constrain new submissions, so expressions keep working.
 */
const BREAKING_WHEN_USED: ReadonlySet<FormChangeKind> = new Set(['removed', 'noLongerRequired', 'typeChanged', 'enumNarrowed']);

/** A structural difference between two form schemas, before usage is known. */
export interface SchemaChange {
  readonly kind: FormChangeKind;
  /** Field path: "name", "address.city" for nested objects, "items[].name" inside arrays. */
  readonly field: string;
  /** A sentence for the admin. */
  readonly detail: string;
}

/** Where a published procedure reads a field. */
export interface FieldUsage {
  readonly procedure: string;
  readonly elementId: string;
  /** The attribute holding the expression, e.g. "conditionExpression", "cm:candidateDepartments", 'cm:ioMapping input "x"'. */
  readonly where: string;
}

export interface FormChange extends SchemaChange {
  readonly breaking: boolean;
  readonly usedBy: readonly FieldUsage[];
}

/** A published procedure as the analysis needs it: the compiled file (for its messages) and the process. */
export interface ProcedureModel {
  readonly definition: Pick<CompiledDefinition, 'messages'>;
  readonly process: CompiledProcess;
}

/** One FEEL expression in a procedure, located at its element and attribute. */
export interface ExpressionSite {
  readonly elementId: string;
  readonly where: string;
  readonly feel: string;
}

/**
 * Compare two versions of a form schema field by field (recursing into
 * nested objects and array items). `before` null means a new form: nothing
 * to compare, so no changes.
 */
export function compareFormSchemas(before: Json | null, after: Json): SchemaChange[] {
  if (before === null) return [];
  const out: SchemaChange[] = [];
  diffObject(before, after, '', out);
  return out;
}

/**
 * The changes with their usages in `procedures`, each marked breaking when
 * its kind can break an expression and some procedure uses the field.
 */
export function analyseFormChanges(before: Json | null, after: Json, procedures: readonly ProcedureModel[]): FormChange[] {
  const sites = procedures.map((p) => ({ key: p.process.key, sites: expressionSites(p) }));
  return compareFormSchemas(before, after).map((change) => {
    const usedBy = sites.flatMap(({ key, sites: list }) =>
      list.filter((s) => feelUses(s.feel, usageName(change.field))).map((s) => ({ procedure: key, elementId: s.elementId, where: s.where })),
    );
    return { ...change, breaking: BREAKING_WHEN_USED.has(change.kind) && usedBy.length > 0, usedBy };
  });
}

/**
 * Every FEEL expression of a compiled procedure: flow conditions, message
 * correlation keys of its file, and each element's FEEL-valued attributes
 * (found generically, so attributes added to the compiled model later are
 * searched too). Static values (department codes, "3WD") are not expressions.
 */
export function expressionSites(procedure: ProcedureModel): ExpressionSite[] {
  const sites: ExpressionSite[] = [];
  for (const flow of procedure.process.flows.values()) {
    if (flow.condition) sites.push({ elementId: flow.id, where: 'conditionExpression', feel: flow.condition.feel });
  }
  for (const element of procedure.process.elements.values()) collectFeel(element, [], element.id, sites);
  for (const [id, message] of procedure.definition.messages) {
    if (message.correlationKey) sites.push({ elementId: id, where: 'cm:correlationKey', feel: message.correlationKey.feel });
  }
  // A service task's ioMapping inputs are on the element and on its action: count each expression once.
  const seen = new Set<string>();
  return sites.filter((s) => {
    const key = JSON.stringify([s.elementId, s.where, s.feel]);
    return seen.has(key) ? false : (seen.add(key), true);
  });
}

/**
 * Whether a FEEL expression reads `name` as a variable (or a dotted path
 * from one): a whole-word match outside string literals, not preceded by a
 * dot (then it is a property of some other value, e.g. `item.name`).
 */
export function feelUses(feel: string, name: string): boolean {
  const code = feel.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}_$.])${escaped}(?![\\p{L}\\p{N}_$])`, 'u').test(code);
}

/** Elements of a procedure that show a form (user tasks and start events naming it in cm:formKey). */
export function formReferences(process: CompiledProcess, formKey: string): { elementId: string; elementName: string | null }[] {
  return [...process.elements.values()]
    .filter((e) => e.userTask?.formKey === formKey || e.startForm?.formKey === formKey)
    .map((e) => ({ elementId: e.id, elementName: e.name ?? null }));
}

/** The variable path expressions use for a field: array items are read through the list ("items.name"). */
function usageName(field: string): string {
  return field.replace(/\[\]/g, '');
}

const ATTRIBUTE_NAMES: Record<string, string> = {
  condition: 'conditionExpression',
  candidateDepartments: 'cm:candidateDepartments',
  candidateRoles: 'cm:candidateRoles',
  deadline: 'cm:deadline',
  deadlineFrom: 'cm:deadlineFrom',
  correlationKey: 'cm:correlationKey',
  duration: 'timeDuration',
  date: 'timeDate',
  collection: 'cm:collection',
};

function collectFeel(value: unknown, path: readonly (string | number)[], elementId: string, out: ExpressionSite[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => collectFeel(item, [...path, index], elementId, out));
    return;
  }
  if (!isObject(value)) return;
  if (typeof value.feel === 'string') {
    out.push({ elementId, where: attributeName(path), feel: value.feel });
    return;
  }
  if (typeof value.name === 'string' && isObject(value.expression) && typeof value.expression.feel === 'string') {
    const list = path.at(-2);
    out.push({ elementId, where: `cm:ioMapping ${list === 'outputs' ? 'output' : 'input'} "${value.name}"`, feel: value.expression.feel });
    return;
  }
  for (const [key, child] of Object.entries(value)) collectFeel(child, [...path, key], elementId, out);
}

function attributeName(path: readonly (string | number)[]): string {
  const last = path.at(-1);
  return (typeof last === 'string' && ATTRIBUTE_NAMES[last]) || path.join('.');
}

function diffObject(before: Json, after: Json, prefix: string, out: SchemaChange[]): void {
  const beforeProps = properties(before);
  const afterProps = properties(after);
  const wasRequired = new Set(required(before));
  const isRequired = new Set(required(after));
  for (const [name, schema] of Object.entries(beforeProps)) {
    if (name in afterProps) continue;
    out.push({ kind: 'removed', field: prefix + name, detail: `${label(name, schema)} was removed${wasRequired.has(name) ? ' (it was required)' : ''}.` });
  }
  for (const [name, schema] of Object.entries(afterProps)) {
    if (!(name in beforeProps)) {
      out.push({ kind: 'added', field: prefix + name, detail: `${label(name, schema)} was added as ${isRequired.has(name) ? 'a required' : 'an optional'} field.` });
    }
  }
  for (const [name, old] of Object.entries(beforeProps)) {
    const now = afterProps[name];
    if (now === undefined) continue;
    diffField(name, prefix + name, old, now, wasRequired.has(name), isRequired.has(name), out);
  }
}

function diffField(name: string, field: string, old: Json, now: Json, wasRequired: boolean, isRequired: boolean, out: SchemaChange[]): void {
  const what = label(name, now);
  if (wasRequired && !isRequired) out.push({ kind: 'noLongerRequired', field, detail: `${what} is no longer required, so it may be missing.` });
  if (!wasRequired && isRequired) out.push({ kind: 'newlyRequired', field, detail: `${what} is now required.` });
  const [oldType, newType] = [typeOf(old), typeOf(now)];
  if (oldType !== newType) out.push({ kind: 'typeChanged', field, detail: `${what} changed type from ${oldType} to ${newType}.` });
  const oldValues = allowedValues(old);
  const newValues = allowedValues(now);
  if (newValues !== undefined) {
    const dropped = oldValues === undefined ? undefined : oldValues.filter((v) => !newValues.some((n) => JSON.stringify(n) === JSON.stringify(v)));
    if (dropped === undefined) out.push({ kind: 'enumNarrowed', field, detail: `${what} is now limited to ${list(newValues)}.` });
    else if (dropped.length > 0) out.push({ kind: 'enumNarrowed', field, detail: `${what} no longer allows ${list(dropped)}.` });
  }
  if (old.format !== now.format) {
    out.push({ kind: 'formatChanged', field, detail: `${what} changed format from ${String(old.format ?? 'none')} to ${String(now.format ?? 'none')}.` });
  }
  if (oldType === newType && isObject(old.properties) && isObject(now.properties)) diffObject(old, now, `${field}.`, out);
  if (oldType === newType && isObject(old.items) && isObject(now.items)) diffObject(old.items, now.items, `${field}[].`, out);
}

function properties(schema: Json): Record<string, Json> {
  const props = schema.properties;
  if (!isObject(props)) return {};
  return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, isObject(v) ? v : {}]));
}

function required(schema: Json): string[] {
  return Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : [];
}

function typeOf(schema: Json): string {
  const type = schema.type;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return [...type].map(String).sort().join('|');
  return 'any';
}

/** The values a field may take: enum, const choices (oneOf/anyOf), the same on array items (multi-select); undefined = unrestricted. */
function allowedValues(schema: Json): unknown[] | undefined {
  if (Array.isArray(schema.enum)) return schema.enum;
  for (const key of ['oneOf', 'anyOf']) {
    const options = schema[key];
    if (Array.isArray(options) && options.length > 0 && options.every((o) => isObject(o) && 'const' in o)) return options.map((o) => (o as Json).const);
  }
  return isObject(schema.items) ? allowedValues(schema.items) : undefined;
}

function label(name: string, schema: Json): string {
  return typeof schema.title === 'string' && schema.title !== '' ? `"${schema.title}" (${name})` : `"${name}"`;
}

function list(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
