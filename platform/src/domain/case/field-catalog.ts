/**
 * What the fields of a tenant's forms mean to the case API: which variables
 * are personal data (and how to mask them) and which are search keys.
 *
 * The meaning comes from the forms themselves, never from platform code (the
 * law is data): the Chinese formats (`cn-id-number`, `cn-uscc*`, phone formats,
 * `legal-doc-number`) and the annotations `x-search` and `x-pii`
 * (platform/src/forms/field-annotations.ts).
 *
 * Keyed by PROPERTY NAME, not by form: case variables merge every form's data
 * by name, so a variable cannot know which form wrote it. A name that is
 * personal data in any form is therefore personal data everywhere, at any
 * depth (`items[].idNumber` too). The trade-off errs on the side of masking: a
 * harmless field that shares a name with a personal one is masked as well.
 *
 * Search keys, by contrast, are collected from TOP-LEVEL properties only
 * (those of the root schema, including its allOf/if/then/else branches and
 * local `$ref`s): case search runs on top-level variables, so a nested
 * `legalDocNumber` would be a key that never matches.
 */

/** How a personal-data value is masked (see maskValue). */
export type PiiKind = 'id-number' | 'uscc' | 'phone' | 'other';

/**
 * The meaning of form fields by variable name. Search key lists put fields a
 * form marks with `x-search` first (the number a case is known by), then
 * those found by format alone; each part sorted.
 */
export interface FieldCatalog {
  /** variable (property) name → how to mask it */
  pii: Map<string, PiiKind>;
  counterparty: string[];
  documentNumber: string[];
  identifier: string[];
  /**
   * variable name → its form title (the first title found, forms in the order
   * given), e.g. to name revealed fields in the case timeline.
   */
  titles?: Map<string, string>;
}

const IDENTIFIER_FORMATS: ReadonlyMap<string, PiiKind> = new Map<string, PiiKind>([
  ['cn-id-number', 'id-number'],
  ['cn-uscc', 'uscc'],
  ['cn-uscc-structure', 'uscc'],
]);
const PHONE_FORMATS: ReadonlySet<string> = new Set(['cn-mobile', 'cn-landline', 'cn-phone']);
const DOCUMENT_NUMBER_FORMAT = 'legal-doc-number';
/** Subschemas that describe the same value as their parent (same name, same depth). */
const SAME_VALUE_LISTS = ['allOf', 'anyOf', 'oneOf'] as const;
const SAME_VALUE_SINGLES = ['if', 'then', 'else', 'items', 'contains', 'unevaluatedItems'] as const;

type Schema = Record<string, unknown>;

interface Collector {
  root: Schema;
  /** Schemas on the current walk path, so `$ref` cycles end. */
  path: Set<Schema>;
  kinds: Map<string, Set<PiiKind>>;
  counterparty: Set<string>;
  documentNumber: Set<string>;
  identifier: Set<string>;
  /** Names some form marks with `x-search` explicitly. */
  explicit: Set<string>;
  titles: Map<string, string>;
}

/**
 * Builds the catalog from every form schema of a tenant (any order; the
 * result is sorted, so it is the same for the same forms). Anything that is
 * not a schema object is skipped; never throws.
 *
 * A name marked with two different specific kinds (say `cn-phone` in one form
 * and `cn-id-number` in another) is masked as `other`, which reveals least.
 */
export function buildFieldCatalog(schemas: unknown[]): FieldCatalog {
  const kinds = new Map<string, Set<PiiKind>>();
  const counterparty = new Set<string>();
  const documentNumber = new Set<string>();
  const identifier = new Set<string>();
  const explicit = new Set<string>();
  const titles = new Map<string, string>();
  for (const schema of Array.isArray(schemas) ? schemas : []) {
    if (!isSchema(schema)) continue;
    const c: Collector = { root: schema, path: new Set(), kinds, counterparty, documentNumber, identifier, explicit, titles };
    walk(c, schema, null, 0);
    // Definitions nobody references still name personal data; never top-level.
    for (const defs of [schema.$defs, schema.definitions]) {
      if (isSchema(defs)) for (const def of Object.values(defs)) walk(c, def, null, Number.POSITIVE_INFINITY);
    }
  }
  const pii = new Map<string, PiiKind>();
  for (const name of [...kinds.keys()].sort()) pii.set(name, resolveKind(kinds.get(name)!));
  return {
    pii,
    counterparty: annotatedFirst(counterparty, explicit),
    documentNumber: annotatedFirst(documentNumber, explicit),
    identifier: annotatedFirst(identifier, explicit),
    titles: new Map([...titles.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  };
}

/**
 * Walks one schema describing the value of property `name` (null when the
 * name is unknown: the root, additionalProperties) at `depth` (0 = the form's
 * root object, 1 = its top-level properties).
 */
function walk(c: Collector, schema: unknown, name: string | null, depth: number): void {
  if (!isSchema(schema) || c.path.has(schema)) return;
  c.path.add(schema);
  try {
    if (name !== null) classify(c, schema, name, depth === 1);
    if (isSchema(schema.properties)) {
      for (const [key, sub] of Object.entries(schema.properties)) walk(c, sub, key, depth + 1);
    }
    for (const list of ['patternProperties', 'dependentSchemas'] as const) {
      const map = schema[list];
      if (!isSchema(map)) continue;
      // Values under unknown keys; dependentSchemas describe this same object.
      for (const sub of Object.values(map)) walk(c, sub, list === 'dependentSchemas' ? name : null, list === 'dependentSchemas' ? depth : depth + 1);
    }
    for (const single of ['additionalProperties', 'unevaluatedProperties'] as const) walk(c, schema[single], null, depth + 1);
    for (const key of SAME_VALUE_LISTS) {
      const list = schema[key];
      if (Array.isArray(list)) for (const sub of list) walk(c, sub, name, depth);
    }
    // Array elements belong to the array's name: a PII array masks its leaves.
    for (const key of SAME_VALUE_SINGLES) walk(c, schema[key], name, depth);
    for (const key of ['prefixItems', 'items'] as const) {
      const list = schema[key]; // `items` as an array is the pre-2020-12 spelling of prefixItems
      if (Array.isArray(list)) for (const sub of list) walk(c, sub, name, depth);
    }
    if (typeof schema.$ref === 'string') walk(c, resolveLocalRef(c.root, schema.$ref), name, depth);
  } finally {
    c.path.delete(schema);
  }
}

function classify(c: Collector, schema: Schema, name: string, topLevel: boolean): void {
  const format = typeof schema.format === 'string' ? schema.format : null;
  const search = schema['x-search'];
  if (topLevel && typeof search === 'string') c.explicit.add(name);
  const idKind = format === null ? undefined : IDENTIFIER_FORMATS.get(format);
  if (idKind || search === 'identifier') {
    addKind(c, name, idKind ?? 'other');
    if (topLevel) c.identifier.add(name);
  }
  if (format !== null && PHONE_FORMATS.has(format)) addKind(c, name, 'phone');
  if (schema['x-pii'] === true) addKind(c, name, 'other');
  if (topLevel && (format === DOCUMENT_NUMBER_FORMAT || search === 'document-number')) c.documentNumber.add(name);
  if (topLevel && search === 'counterparty') c.counterparty.add(name);
  if (typeof schema.title === 'string' && schema.title !== '' && !c.titles.has(name)) c.titles.set(name, schema.title);
}

function addKind(c: Collector, name: string, kind: PiiKind): void {
  let set = c.kinds.get(name);
  if (!set) c.kinds.set(name, (set = new Set()));
  set.add(kind);
}

/** `other` (the bare x-pii mark) yields to one specific kind; two specific kinds disagree, so `other`. */
function resolveKind(kinds: Set<PiiKind>): PiiKind {
  const specific = [...kinds].filter((k) => k !== 'other');
  return specific.length === 1 ? specific[0]! : 'other';
}

/** Follows `#`, `#/$defs/x` or any local JSON pointer inside the same form; anything else is not followed. */
function resolveLocalRef(root: Schema, ref: string): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if ((!isSchema(node) && !Array.isArray(node)) || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function annotatedFirst(keys: Set<string>, explicit: Set<string>): string[] {
  const sorted = [...keys].sort();
  return [...sorted.filter((k) => explicit.has(k)), ...sorted.filter((k) => !explicit.has(k))];
}
