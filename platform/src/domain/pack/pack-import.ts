import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import stableStringify from 'fast-json-stable-stringify';
import { Unzip, UnzipInflate, unzipSync } from 'fflate';
import { CalendarDataError, parseCalendarData, type CalendarData } from '../../calendar';
import type { ActionRegistry } from '../../engine/actions/action-registry';
import type { DefinitionService } from '../../engine/definitions/definition-service';
import type { FormService } from '../../engine/definitions/form-service';
import { ValidationError } from '../../errors/problem-error';
import type { Ajv } from '../../forms/ajv-factory';
import { withFieldOrder } from '../../forms/field-order';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { CalendarService } from '../calendar/calendar-service';
import { loadPack, type LoadedForm, type LoadedPack } from './load-pack';
import { PackInvalidError } from './pack-manifest';
import type { RehearsalResult } from './rehearse-pack';
import { parseScenario } from './scenario-runner';
import type { Scenario } from './scenario-schema';

/** Limits on an uploaded pack: the upload itself, what it may expand to, and how many entries it may hold. */
export const PACK_IMPORT_LIMITS = { maxZipBytes: 20 * 1024 * 1024, maxUncompressedBytes: 50 * 1024 * 1024, maxFiles: 2000 } as const;

export type PackChange = 'new' | 'changed' | 'unchanged';

/** What an import would do (dry run) or did, per definition, and every reason it cannot. */
export interface PackImportReport {
  procedures: { key: string; change: PackChange }[];
  forms: { key: string; change: PackChange }[];
  calendars: { key: string; change: PackChange }[];
  problems: string[];
  /** The pack's scenarios as rehearsed in a throwaway county (all passed, or the import was refused). */
  scenarios: { file: string; title: string; ok: boolean }[];
}

/** Thrown when an uploaded pack is unsafe or invalid; nothing has been written. A 422 listing every problem. */
export class PackImportRejected extends ValidationError {
  constructor(readonly problems: string[]) {
    super(`The pack cannot be imported: ${problems.length} problem(s). ${problems.slice(0, 5).join(' ')}`, problems.map((message) => ({ pointer: '/body', message })));
    this.extensions.problems = problems;
  }
}

/** Why an entry name is unsafe to extract, or null: no absolute paths, drive letters, backslashes, '.', '..' or control characters. */
export function unsafeEntryName(name: string): string | null {
  if (name.length === 0 || name.length > 255) return 'has an empty or overlong name';
  if (name.includes('\\')) return 'contains a backslash';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains control characters';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..')) return "climbs out of the pack with '..'";
  if (segments.some((s) => s === '' || s === '.')) return 'has an empty or "." path segment';
  return null;
}

/**
 * Expand an uploaded zip in memory, refusing unsafe names and zip bombs.
 * The central directory is checked first (names, entry count, declared
 * sizes); then entries are inflated in small input slices while the real
 * output is counted, so a lying size header cannot make the server inflate
 * more than the limit. Directory entries are dropped.
 * @throws PackImportRejected listing every problem found.
 */
export function unzipPack(zip: Uint8Array, limits = PACK_IMPORT_LIMITS): Map<string, Uint8Array> {
  const problems: string[] = [];
  const declared = new Map<string, number>();
  let declaredTotal = 0;
  try {
    unzipSync(zip, {
      filter(entry) {
        const reason = unsafeEntryName(entry.name);
        if (reason) problems.push(`zip entry "${entry.name.slice(0, 200)}" ${reason}`);
        else if (declared.has(entry.name)) problems.push(`zip entry "${entry.name}" appears twice`);
        declared.set(entry.name, entry.originalSize);
        declaredTotal += entry.originalSize;
        return false;
      },
    });
  } catch (err) {
    throw new PackImportRejected([`the upload is not a readable zip file (${(err as Error).message})`]);
  }
  if (declared.size > limits.maxFiles) problems.push(`the zip holds ${declared.size} entries; at most ${limits.maxFiles} are accepted`);
  if (declaredTotal > limits.maxUncompressedBytes) problems.push(`the zip expands to ${declaredTotal} bytes; at most ${limits.maxUncompressedBytes} are accepted`);
  if (problems.length) throw new PackImportRejected(problems);

  const files = new Map<string, Uint8Array>();
  let total = 0;
  let abort: string | undefined;
  const unzip = new Unzip((file) => {
    if (abort) return;
    if (!declared.has(file.name)) {
      abort = `zip entry "${file.name.slice(0, 200)}" is not in the zip's directory`;
      return;
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    file.ondata = (err, chunk, final) => {
      if (abort) return;
      if (err) {
        abort = `zip entry "${file.name}" cannot be read: ${err.message}`;
        return;
      }
      size += chunk.length;
      total += chunk.length;
      if (total > limits.maxUncompressedBytes || size > (declared.get(file.name) ?? 0)) {
        abort = `zip entry "${file.name}" expands beyond its declared size or the limit of ${limits.maxUncompressedBytes} bytes`;
        file.terminate();
        return;
      }
      chunks.push(chunk);
      if (final && !file.name.endsWith('/')) files.set(file.name, Buffer.concat(chunks, size));
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  const SLICE = 16 * 1024;
  for (let offset = 0; offset < zip.length && !abort; offset += SLICE) {
    const end = Math.min(zip.length, offset + SLICE);
    unzip.push(zip.subarray(offset, end), end === zip.length);
  }
  if (abort) throw new PackImportRejected([abort]);
  const missing = [...declared.keys()].filter((n) => !n.endsWith('/') && !files.has(n));
  if (missing.length) throw new PackImportRejected(missing.map((n) => `zip entry "${n}" could not be extracted`));
  return withoutWrapperFolder(files);
}

/** A pack zipped as its folder (`qufu-2023/pack.json`, ...) is read as if zipped from inside it. */
function withoutWrapperFolder(files: Map<string, Uint8Array>): Map<string, Uint8Array> {
  if (files.has('pack.json')) return files;
  const tops = new Set([...files.keys()].map((n) => n.split('/')[0]!));
  const [top] = [...tops];
  if (tops.size !== 1 || !files.has(`${top}/pack.json`)) return files;
  return new Map([...files].map(([n, content]) => [n.slice(top!.length + 1), content]));
}

/** The checksum FormService.publish gives this form; equal means publishing it would change nothing. Must follow FormService. */
function formChecksum(form: LoadedForm): string {
  const { $id: _ignored, ...schema } = form.schema;
  return createHash('sha256').update(stableStringify({ schema, ui: withFieldOrder(schema, form.uiSchema ?? null), title: form.title })).digest('hex');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const change = (latest: string | undefined, candidate: string): PackChange => (latest === undefined ? 'new' : latest === candidate ? 'unchanged' : 'changed');

export interface PackImportDeps {
  ajv: Ajv;
  audit: AuditLog;
  actions: ActionRegistry;
  forms: FormService;
  definitions: DefinitionService;
  calendars: CalendarService;
  /** Runs the pack's scenarios in a throwaway database before anything is written (the composition root's rehearsePack). */
  rehearsePack?: (pack: LoadedPack, scenarios: { file: string; scenario: Scenario }[]) => Promise<RehearsalResult[]>;
}

/**
 * Import a pack zip into an existing county: validate it with the very
 * loader tenants are created with (forms compile, procedures lint and
 * compile against the pack's own forms and the action registry, calendars
 * parse), then compare each definition with the county's latest version.
 * A dry run stops there; otherwise every new or changed calendar, form and
 * procedure is published as a new version, in one transaction, audited.
 * Departments, users and settings are never touched. Scenario files are
 * checked for format and for naming a procedure of the pack, and then run
 * (when `rehearsePack` is given) in a throwaway in-memory database before
 * anything is written; one failing scenario refuses the import.
 * @throws PackImportRejected when anything is wrong; nothing is written then.
 */
export async function importPack(em: EntityManager, input: { tenantId: string; zip: Uint8Array; dryRun: boolean; actor: AuditActor }, deps: PackImportDeps): Promise<PackImportReport> {
  const files = unzipPack(input.zip);
  const { pack, calendars, scenarios } = await validateFiles(files, deps);
  // Scenarios run before any write, in their own throwaway database: a pack whose rules do not do what its scenarios say is refused.
  const rehearsal = deps.rehearsePack ? await deps.rehearsePack(pack, scenarios) : [];
  const failed = rehearsal.filter((r) => !r.ok);
  if (failed.length) throw new PackImportRejected(failed.map((r) => `scenarios/${r.file}: ${r.error}`));
  const scenarioReport = rehearsal.map(({ file, title, ok }) => ({ file, title, ok }));

  const compare = async (tx: EntityManager) => {
    const forms = await tx.execute<{ form_key: string; checksum: string }[]>('select distinct on (form_key) form_key, checksum from form_version where tenant_id = ? order by form_key, version desc', [input.tenantId]);
    const procedures = await tx.execute<{ process_key: string; checksum: string }[]>(
      'select distinct on (process_key) process_key, checksum from definition_version where tenant_id = ? order by process_key, version desc',
      [input.tenantId],
    );
    const current = new Map((await deps.calendars.list(tx, input.tenantId)).map((v) => [v.calendarKey, v]));
    const formSums = new Map(forms.map((f) => [f.form_key, f.checksum]));
    const procedureSums = new Map(procedures.map((p) => [p.process_key, p.checksum]));
    return {
      procedures: pack.procedures.map((p) => ({ key: p.key, change: change(procedureSums.get(p.key), sha256(p.xml)) })),
      forms: pack.forms.map((f) => ({ key: f.key, change: change(formSums.get(f.key), formChecksum(f)) })),
      calendars: calendars.map((c) => ({ key: c.id, change: change(current.has(c.id) ? stableStringify(current.get(c.id)!.data) : undefined, stableStringify(c)) })),
      problems: [] as string[],
      scenarios: scenarioReport,
      currentCalendars: current,
    };
  };
  const strip = ({ currentCalendars: _c, ...report }: Awaited<ReturnType<typeof compare>>): PackImportReport => report;
  if (input.dryRun) return strip(await compare(em));

  return em.transactional(async (tx) => {
    const result = await compare(tx);
    const note = `Imported from pack ${pack.manifest.id} (${pack.manifest.documentNumber})`;
    for (const data of calendars) {
      const before = result.currentCalendars.get(data.id);
      const what = result.calendars.find((c) => c.key === data.id)!.change;
      if (what === 'new') await deps.calendars.seed(tx, input.tenantId, data, input.actor);
      else if (what === 'changed') await deps.calendars.replace(tx, { tenantId: input.tenantId, key: data.id, expectedVersion: before!.version, note, actor: input.actor }, data);
    }
    for (const form of pack.forms) {
      if (result.forms.find((f) => f.key === form.key)!.change === 'unchanged') continue;
      await deps.forms.publish(tx, { tenantId: input.tenantId, formKey: form.key, title: form.title, schema: form.schema, uiSchema: form.uiSchema, actor: input.actor });
    }
    for (const procedure of pack.procedures) {
      if (result.procedures.find((p) => p.key === procedure.key)!.change === 'unchanged') continue;
      await deps.definitions.publish(tx, { tenantId: input.tenantId, xml: procedure.xml, actor: input.actor });
    }
    const report = strip(result);
    const changed = (list: { key: string; change: PackChange }[]) => list.filter((x) => x.change !== 'unchanged').map((x) => x.key);
    await deps.audit.append(tx, input.tenantId, [
      {
        actor: input.actor,
        action: 'pack.imported',
        subject: { type: 'tenant', id: input.tenantId },
        payload: { packId: pack.manifest.id, documentNumber: pack.manifest.documentNumber, procedures: changed(report.procedures), forms: changed(report.forms), calendars: changed(report.calendars) },
      },
    ]);
    return report;
  });
}

/** Write the files to a private temporary folder, run the pack loader on it, and check what the loader does not (extra calendars, scenarios). */
async function validateFiles(files: Map<string, Uint8Array>, deps: PackImportDeps): Promise<{ pack: LoadedPack; calendars: CalendarData[]; scenarios: { file: string; scenario: Scenario }[] }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pack-import-'));
  const problems: string[] = [];
  const hide = (text: string) => text.split(`${dir}${path.sep}`).join('').split(dir).join('<pack>');
  try {
    for (const [name, content] of files) {
      const target = path.resolve(dir, name);
      if (!target.startsWith(`${dir}${path.sep}`)) throw new PackImportRejected([`zip entry "${name}" leaves the pack folder`]);
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(target, content, { flag: 'wx' });
      } catch (err) {
        problems.push(`zip entry "${name}" cannot be extracted: ${(err as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    }
    if (problems.length) throw new PackImportRejected(problems);
    let pack: LoadedPack | undefined;
    try {
      pack = await loadPack(dir, { ajv: deps.ajv, actions: deps.actions.names() });
    } catch (err) {
      if (!(err instanceof PackInvalidError)) throw err;
      problems.push(...err.problems.map(hide));
    }
    const calendars: CalendarData[] = [...(pack?.calendars ?? [])];
    const defaultFile = pack?.manifest.defaultCalendar?.replace(/^\.\//, '');
    for (const name of [...files.keys()].filter((n) => /^calendars\/[^/]+\.json$/.test(n) && n !== defaultFile).sort()) {
      try {
        const data = parseCalendarData(JSON.parse(Buffer.from(files.get(name)!).toString('utf8')), deps.ajv);
        if (calendars.some((c) => c.id === data.id)) problems.push(`${name}: calendar "${data.id}" is defined twice`);
        else calendars.push(data);
      } catch (err) {
        problems.push(`${name}: ${err instanceof CalendarDataError ? err.message : (err as Error).message}`);
      }
    }
    const procedureKeys = new Set(pack?.procedures.map((p) => p.key) ?? []);
    const scenarios: { file: string; scenario: Scenario }[] = [];
    for (const name of [...files.keys()].filter((n) => /^scenarios\/[^/]+\.json$/.test(n)).sort()) {
      try {
        const scenario = parseScenario(JSON.parse(Buffer.from(files.get(name)!).toString('utf8')), deps.ajv, name);
        if (pack && !procedureKeys.has(scenario.procedure)) problems.push(`${name}: runs procedure "${scenario.procedure}", which the pack does not list`);
        else scenarios.push({ file: name.slice('scenarios/'.length), scenario });
      } catch (err) {
        const message = hide((err as Error).message);
        problems.push(message.startsWith(name) ? message : `${name}: ${message}`);
      }
    }
    if (problems.length || !pack) throw new PackImportRejected(problems.length ? problems : ['the pack could not be read']);
    return { pack, calendars, scenarios };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
