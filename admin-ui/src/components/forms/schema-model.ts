/**
 * The field list of a form, read from and written into a JSON Schema object.
 *
 * Why a model over the schema instead of a schema generated from a model:
 * pack forms carry things the field editor does not know (allOf/if-then
 * rules, $defs, nested objects, keywords added later), and a designer that
 * regenerated the schema would silently drop them. Every edit here changes
 * only the keywords it owns and copies the rest through.
 *
 * Field order lives in the UI schema's `ui:order` (the server stores schemas
 * as jsonb, which does not keep key order), so every edit that changes the
 * set or order of fields rewrites `ui:order` too.
 */
export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The types the field editor offers; 'other' is anything it shows but does not edit (left as is). */
export const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'string-array', 'object'] as const;
export type FieldType = (typeof FIELD_TYPES)[number] | 'other';

/** Formats the server knows (platform/src/forms/formats) plus the standard date. */
export const FIELD_FORMATS = ['cn-id-number', 'cn-uscc', 'cn-uscc-structure', 'cn-mobile', 'cn-landline', 'cn-phone', 'legal-doc-number', 'date', 'date-time', 'email', 'uri'] as const;

/** What a field means to case search (platform/src/forms/field-annotations.ts). */
export const SEARCH_ROLES = ['counterparty', 'document-number', 'identifier'] as const;

/** One property of the form as the field editor shows it. */
export interface FieldModel {
  key: string;
  title: string;
  type: FieldType;
  required: boolean;
  description: string;
  enumValues: (string | number)[];
  format: string | undefined;
  minLength: number | undefined;
  maxLength: number | undefined;
  search: string | undefined;
  pii: boolean;
}

/** A key a JSON pointer and a FEEL expression can both use. */
export const FIELD_KEY_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const propertiesOf = (schema: Json): Json => (isObject(schema.properties) ? schema.properties : {});
export const requiredOf = (schema: Json): string[] => (Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === 'string') : []);

/** The field keys in display order: `ui:order` first (its '*' standing for the rest), then any not listed. */
export function fieldOrder(schema: Json, uiSchema: Json | null): string[] {
  const keys = Object.keys(propertiesOf(schema));
  const order = Array.isArray(uiSchema?.['ui:order']) ? (uiSchema['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
  const listed = order.filter((k) => k !== '*' && keys.includes(k));
  const rest = keys.filter((k) => !listed.includes(k));
  const star = order.indexOf('*');
  if (star < 0) return [...listed, ...rest];
  const before = order.slice(0, star).filter((k) => listed.includes(k));
  return [...before, ...rest, ...listed.filter((k) => !before.includes(k))];
}

/** The UI schema with a `ui:order` naming exactly the schema's fields (rjsf refuses one that names a missing field). */
export function syncUiOrder(schema: Json, uiSchema: Json | null, order = fieldOrder(schema, uiSchema)): Json | null {
  const ui: Json = { ...(uiSchema ?? {}) };
  if (order.length > 0) ui['ui:order'] = order;
  else delete ui['ui:order'];
  return Object.keys(ui).length === 0 && uiSchema === null ? null : ui;
}

function typeOf(p: Json): FieldType {
  if (p.type === 'string') return p.format === 'date' ? 'date' : 'string';
  if (p.type === 'integer' || p.type === 'number' || p.type === 'boolean' || p.type === 'object') return p.type;
  if (p.type === 'array' && isObject(p.items) && p.items.type === 'string') return 'string-array';
  return 'other';
}

/** The fields of a schema, in display order. */
export function readFields(schema: Json, uiSchema: Json | null): FieldModel[] {
  const props = propertiesOf(schema);
  const required = requiredOf(schema);
  return fieldOrder(schema, uiSchema).map((key) => {
    const p = isObject(props[key]) ? props[key] : {};
    const type = typeOf(p);
    const enumSource = type === 'string-array' && isObject(p.items) ? p.items.enum : p.enum;
    return {
      key,
      title: typeof p.title === 'string' ? p.title : '',
      type,
      required: required.includes(key),
      description: typeof p.description === 'string' ? p.description : '',
      enumValues: Array.isArray(enumSource) ? enumSource.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number') : [],
      format: typeof p.format === 'string' ? p.format : undefined,
      minLength: typeof p.minLength === 'number' ? p.minLength : undefined,
      maxLength: typeof p.maxLength === 'number' ? p.maxLength : undefined,
      search: typeof p['x-search'] === 'string' ? p['x-search'] : undefined,
      pii: p['x-pii'] === true,
    };
  });
}

/** Keywords that only make sense for one type, dropped when the type changes. */
const TYPE_KEYWORDS = ['type', 'format', 'minLength', 'maxLength', 'pattern', 'enum', 'items', 'minItems', 'maxItems', 'uniqueItems', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf', 'properties', 'required', 'additionalProperties'];

/** A property schema of a new type, keeping title, description, annotations and anything type-neutral. */
function retype(p: Json, type: FieldType): Json {
  if (type === 'other') return p;
  const next: Json = Object.fromEntries(Object.entries(p).filter(([k]) => !TYPE_KEYWORDS.includes(k)));
  switch (type) {
    case 'date':
      return { ...next, type: 'string', format: 'date' };
    case 'string-array':
      return { ...next, type: 'array', items: { type: 'string' } };
    case 'object':
      return { ...next, type: 'object', properties: {} };
    default:
      return { ...next, type };
  }
}

const setOrDelete = (o: Json, key: string, value: unknown) => {
  if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete o[key];
  else o[key] = value;
};

/** The property schema after a field edit; keywords the editor does not own are kept. */
function applyToProperty(p: Json, before: FieldModel, f: FieldModel): Json {
  let next: Json = f.type !== before.type ? retype(p, f.type) : { ...p };
  setOrDelete(next, 'title', f.title);
  setOrDelete(next, 'description', f.description);
  if (f.type === 'string') {
    setOrDelete(next, 'format', f.format);
    setOrDelete(next, 'minLength', f.minLength);
    setOrDelete(next, 'maxLength', f.maxLength);
  }
  if (f.type === 'string' || f.type === 'integer' || f.type === 'number') setOrDelete(next, 'enum', f.enumValues);
  if (f.type === 'string-array') {
    const items: Json = { ...(isObject(next.items) ? next.items : { type: 'string' }) };
    setOrDelete(items, 'enum', f.enumValues);
    next.items = items;
    if (f.enumValues.length > 0) next.uniqueItems = true;
  }
  setOrDelete(next, 'x-search', f.search);
  setOrDelete(next, 'x-pii', f.pii ? true : undefined);
  if (f.type === 'date') next = { ...next, type: 'string', format: 'date' };
  return next;
}

/** Rename the key in properties (keeping position), required, ui:order and the field's UI schema entry. */
function renameKey(schema: Json, uiSchema: Json | null, from: string, to: string, order: string[]): { schema: Json; uiSchema: Json | null; order: string[] } {
  const props = Object.fromEntries(Object.entries(propertiesOf(schema)).map(([k, v]) => [k === from ? to : k, v]));
  const required = requiredOf(schema).map((r) => (r === from ? to : r));
  const nextSchema: Json = { ...schema, properties: props };
  if (Array.isArray(schema.required)) nextSchema.required = required;
  let ui = uiSchema;
  if (ui && from in ui) {
    ui = Object.fromEntries(Object.entries(ui).map(([k, v]) => [k === from ? to : k, v]));
  }
  return { schema: nextSchema, uiSchema: ui, order: order.map((k) => (k === from ? to : k)) };
}

/** Schema and UI schema after replacing the field `before.key` with `f` (which may carry a new key). */
export function updateField(schema: Json, uiSchema: Json | null, before: FieldModel, f: FieldModel): { schema: Json; uiSchema: Json | null } {
  let order = fieldOrder(schema, uiSchema);
  let s = schema;
  let ui = uiSchema;
  if (f.key !== before.key) ({ schema: s, uiSchema: ui, order } = renameKey(s, ui, before.key, f.key, order));
  const props = { ...propertiesOf(s) };
  props[f.key] = applyToProperty(isObject(props[f.key]) ? (props[f.key] as Json) : {}, before, f);
  const required = requiredOf(s).filter((r) => r !== f.key);
  const wasAt = requiredOf(s).indexOf(f.key);
  if (f.required) required.splice(wasAt >= 0 ? wasAt : required.length, 0, f.key);
  const next: Json = { ...s, properties: props };
  if (required.length > 0) next.required = required;
  else delete next.required;
  return { schema: next, uiSchema: syncUiOrder(next, ui, order) };
}

/** A new string field with a free key (field1, field2 ...), appended at the end. */
export function addField(schema: Json, uiSchema: Json | null, title: string): { schema: Json; uiSchema: Json | null; key: string } {
  const props = propertiesOf(schema);
  let n = Object.keys(props).length + 1;
  while (`field${n}` in props) n += 1;
  const key = `field${n}`;
  const order = [...fieldOrder(schema, uiSchema), key];
  const next: Json = { ...schema, type: schema.type ?? 'object', properties: { ...props, [key]: { type: 'string', title } } };
  return { schema: next, uiSchema: syncUiOrder(next, uiSchema, order), key };
}

/** Schema and UI schema without the field. */
export function removeField(schema: Json, uiSchema: Json | null, key: string): { schema: Json; uiSchema: Json | null } {
  const order = fieldOrder(schema, uiSchema).filter((k) => k !== key);
  const props = { ...propertiesOf(schema) };
  delete props[key];
  const next: Json = { ...schema, properties: props };
  const required = requiredOf(schema).filter((r) => r !== key);
  if (required.length > 0) next.required = required;
  else delete next.required;
  let ui = uiSchema ? { ...uiSchema } : null;
  if (ui) delete ui[key];
  ui = syncUiOrder(next, ui, order);
  return { schema: next, uiSchema: ui };
}

/** Move a field to another position (index in display order). */
export function moveField(schema: Json, uiSchema: Json | null, key: string, to: number): { schema: Json; uiSchema: Json | null } {
  const order = fieldOrder(schema, uiSchema).filter((k) => k !== key);
  order.splice(Math.max(0, Math.min(to, order.length)), 0, key);
  // Properties follow the display order too, so the raw JSON reads in the same order.
  const props = propertiesOf(schema);
  const next: Json = { ...schema, properties: Object.fromEntries(order.map((k) => [k, props[k]])) };
  return { schema: next, uiSchema: syncUiOrder(next, uiSchema, order) };
}

/** Why a key cannot be used, or undefined when it can. */
export function keyProblem(key: string, others: string[]): 'empty' | 'pattern' | 'taken' | undefined {
  if (!key) return 'empty';
  if (!FIELD_KEY_PATTERN.test(key)) return 'pattern';
  if (others.includes(key)) return 'taken';
  return undefined;
}

/** A schema whose fields come in display order, for showing as text. */
export function orderedForDisplay(schema: Json, uiSchema: Json | null): Json {
  const props = propertiesOf(schema);
  if (!isObject(schema.properties)) return schema;
  return { ...schema, properties: Object.fromEntries(fieldOrder(schema, uiSchema).map((k) => [k, props[k]])) };
}
