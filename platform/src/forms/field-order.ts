type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The UI schema with a `ui:order` for every object whose order it does not
 * already fix, taken from the order the author wrote the properties in.
 *
 * Why: form schemas are stored as jsonb, and jsonb keeps object keys sorted
 * by length, not as written, so a form would come back with its fields
 * shuffled. Arrays keep their order, so the order is recorded in the UI
 * schema, where @rjsf reads it. It also makes reordering fields a real
 * change (a new form version), since the checksum ignores key order.
 */
export function withFieldOrder(schema: Json, uiSchema: Json | null): Json | null {
  const out = orderObject(schema, uiSchema ?? {});
  return Object.keys(out).length === 0 && uiSchema === null ? null : out;
}

function orderObject(schema: unknown, ui: Json): Json {
  if (!isObject(schema)) return ui;
  const result: Json = { ...ui };
  const props = isObject(schema.properties) ? schema.properties : undefined;
  if (props) {
    const keys = Object.keys(props);
    if (keys.length > 1 && !Array.isArray(result['ui:order'])) result['ui:order'] = keys;
    for (const key of keys) {
      const child = orderObject(props[key], isObject(result[key]) ? (result[key] as Json) : {});
      if (Object.keys(child).length > 0) result[key] = child;
    }
  }
  if (isObject(schema.items)) {
    const items = orderObject(schema.items, isObject(result.items) ? (result.items as Json) : {});
    if (Object.keys(items).length > 0) result.items = items;
  }
  return result;
}
