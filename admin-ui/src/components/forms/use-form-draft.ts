import { useCallback, useState } from 'react';
import { isObject, orderedForDisplay, syncUiOrder, type Json } from './schema-model';

/** The form being designed: the objects the field list and preview use, and the raw texts the JSON editors show. */
export interface FormDraftState {
  title: string;
  schema: Json;
  uiSchema: Json | null;
  schemaText: string;
  uiText: string;
  /** JSON.parse's complaint about the schema text, while it does not parse; the objects keep the last good value. */
  schemaError: string | null;
  uiError: string | null;
  dirty: boolean;
}

const stringify = (v: unknown) => JSON.stringify(v, null, 2);

/** A blank form: an object of no fields that refuses unknown ones, as the pack's forms do. */
export function blankSchema(title: string): Json {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', title, type: 'object', additionalProperties: false, properties: {} };
}

function fromObjects(title: string, schema: Json, uiSchema: Json | null, dirty: boolean): FormDraftState {
  return { title, schema, uiSchema, schemaText: stringify(orderedForDisplay(schema, uiSchema)), uiText: uiSchema ? stringify(uiSchema) : '', schemaError: null, uiError: null, dirty };
}

function parseObject(text: string, allowEmpty: boolean): { value?: Json | null; error?: string } {
  if (allowEmpty && text.trim() === '') return { value: null };
  try {
    const v: unknown = JSON.parse(text);
    if (allowEmpty && v === null) return { value: null };
    return isObject(v) ? { value: v } : { error: 'notObject' };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/**
 * The designer's draft, kept two-way: field-list edits rewrite the JSON
 * texts; JSON typed by hand updates the objects whenever it parses (a parse
 * error is shown and the objects keep their last good value).
 */
export function useFormDraft() {
  const [draft, setDraft] = useState<FormDraftState>(() => fromObjects('', blankSchema(''), null, false));

  /** Start over from a published version or a blank form. */
  const load = useCallback((title: string, schema: Json, uiSchema: Json | null, dirty = false) => setDraft(fromObjects(title, schema, uiSchema, dirty)), []);

  /** A change made through the field list (or the title box). */
  const setObjects = useCallback((schema: Json, uiSchema: Json | null) => setDraft((d) => fromObjects(d.title, schema, uiSchema, true)), []);

  const setTitle = useCallback(
    (title: string) =>
      setDraft((d) => {
        const schema = { ...d.schema, title };
        return { ...d, title, schema, schemaText: d.schemaError ? d.schemaText : stringify(orderedForDisplay(schema, d.uiSchema)), dirty: true };
      }),
    [],
  );

  const setDescription = useCallback(
    (description: string) =>
      setDraft((d) => {
        const schema = { ...d.schema };
        if (description) schema.description = description;
        else delete schema.description;
        return fromObjects(d.title, schema, d.uiSchema, true);
      }),
    [],
  );

  const setSchemaText = useCallback(
    (text: string) =>
      setDraft((d) => {
        if (text === d.schemaText) return d;
        const r = parseObject(text, false);
        if (!r.value) return { ...d, schemaText: text, schemaError: r.error ?? null, dirty: true };
        const title = typeof r.value.title === 'string' ? r.value.title : d.title;
        return { ...d, title, schema: r.value, schemaText: text, schemaError: null, dirty: true };
      }),
    [],
  );

  const setUiText = useCallback(
    (text: string) =>
      setDraft((d) => {
        if (text === d.uiText) return d;
        const r = parseObject(text, true);
        if (r.error) return { ...d, uiText: text, uiError: r.error, dirty: true };
        return { ...d, uiSchema: r.value ?? null, uiText: text, uiError: null, dirty: true };
      }),
    [],
  );

  return { draft, load, setObjects, setTitle, setDescription, setSchemaText, setUiText };
}

/** What to send to check and publish: the UI schema's ui:order made to name exactly the schema's fields. */
export function toPayload(d: FormDraftState): { title: string; schema: Json; uiSchema: Json | null } {
  return { title: d.title.trim(), schema: d.schema, uiSchema: syncUiOrder(d.schema, d.uiSchema) };
}
