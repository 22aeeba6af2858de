import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CalendarDataError, parseCalendarData, type CalendarData } from '../../calendar';
import type { Ajv } from '../../forms/ajv-factory';
import { createAjv } from '../../forms/ajv-factory';
import { compileDefinition } from '../../engine/parse/compile-definition';
import { parseBpmn } from '../../engine/parse/parse-bpmn';
import { lintDefinition } from '../../lint/lint-definition';
import { loadPackManifest, PackInvalidError, type PackManifest } from './pack-manifest';

/** A form read from a pack. */
export interface LoadedForm {
  key: string;
  title: string;
  schema: Record<string, unknown>;
  uiSchema: Record<string, unknown> | null;
}

/** A procedure read from a pack: its BPMN text, already linted and compiled. */
export interface LoadedProcedure {
  key: string;
  title: string;
  xml: string;
}

/** A pack folder read and validated: the manifest plus the documents it points to. */
export interface LoadedPack {
  manifest: PackManifest;
  /** Calendars by their `id`; the manifest's default calendar first. */
  calendars: CalendarData[];
  forms: LoadedForm[];
  procedures: LoadedProcedure[];
}

async function readJson(packDir: string, file: string, problems: string[]): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path.join(packDir, file), 'utf8')) as Record<string, unknown>;
  } catch (err) {
    problems.push(`${file}: ${(err as Error).message}`);
    return undefined;
  }
}

/**
 * Read a pack folder and validate everything in it before anything is
 * written: the calendar, every form schema (it must compile), and every
 * procedure (it must lint clean against the pack's own forms and the given
 * actions, and compile). All problems are reported together, so a broken
 * pack fails with one list and no half-made tenant.
 */
export async function loadPack(packDir: string, options: { ajv?: Ajv; actions?: readonly string[] } = {}): Promise<LoadedPack> {
  return loadPackWithManifest(packDir, await loadPackManifest(packDir), options);
}

/** `loadPack` with a manifest given rather than read (e.g. one edited in the designer before saving). */
export async function loadPackWithManifest(packDir: string, manifest: PackManifest, options: { ajv?: Ajv; actions?: readonly string[] } = {}): Promise<LoadedPack> {
  const ajv = options.ajv ?? createAjv();
  const problems: string[] = [];

  const calendars: CalendarData[] = [];
  if (manifest.defaultCalendar) {
    const json = await readJson(packDir, manifest.defaultCalendar, problems);
    try {
      if (json) calendars.push(parseCalendarData(json, ajv));
    } catch (err) {
      problems.push(`${manifest.defaultCalendar}: ${err instanceof CalendarDataError ? err.message : (err as Error).message}`);
    }
  }

  const forms: LoadedForm[] = [];
  for (const f of manifest.forms ?? []) {
    const schema = await readJson(packDir, f.schema, problems);
    const uiSchema = f.ui ? ((await readJson(packDir, f.ui, problems)) ?? null) : null;
    if (!schema) continue;
    try {
      const { $id: _id, ...withoutId } = schema;
      ajv.compile(withoutId);
    } catch (err) {
      problems.push(`${f.schema}: not a valid JSON Schema: ${(err as Error).message}`);
      continue;
    }
    forms.push({ key: f.key, title: f.title, schema, uiSchema });
  }

  const procedures: LoadedProcedure[] = [];
  const formContext = forms.map((f) => ({ key: f.key, versions: [1] }));
  for (const p of manifest.procedures ?? []) {
    let xml: string;
    try {
      xml = await readFile(path.join(packDir, p.file), 'utf8');
    } catch (err) {
      problems.push(`${p.file}: ${(err as Error).message}`);
      continue;
    }
    try {
      const parsed = await parseBpmn(xml);
      const report = await lintDefinition(xml, { forms: formContext, ...(options.actions ? { actions: options.actions } : {}) });
      for (const e of report.errors) problems.push(`${p.file}: ${e.elementId}: ${e.message} (${e.rule})`);
      if (report.errors.length) continue;
      const compiled = compileDefinition(parsed.definitions, { unresolvedReferences: parsed.unresolvedReferences });
      if (!compiled.processes.has(p.key)) problems.push(`${p.file}: has no executable process with id "${p.key}"`);
      else procedures.push({ key: p.key, title: p.title, xml });
    } catch (err) {
      problems.push(`${p.file}: ${(err as Error).message}`);
    }
  }

  if (problems.length) throw new PackInvalidError(packDir, problems);
  return { manifest, calendars, forms, procedures };
}
