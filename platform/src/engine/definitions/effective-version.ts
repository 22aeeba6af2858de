import type { EntityManager } from '@mikro-orm/postgresql';
import { localDateOf } from '../../domain/pack/pack-validity';
import { ProblemError } from '../../errors/problem-error';
import type { TenantDefaults } from '../runtime/case-store';

/** A validity window of local dates (YYYY-MM-DD, inclusive); a missing bound is open. */
export interface ValidityWindow {
  from: string | null;
  to: string | null;
}

/**
 * The window in which new cases may start on a version: the intersection of
 * the version's own window and its pack's (the window of the pack revision
 * it was published under), with the end replaced by an
 * extension's date when one was granted (a procedure-level extension wins
 * over a pack-level one, as it is the more specific decision).
 *
 * Why an extension replaces the end instead of being intersected: 延期适用 is
 * an explicit decision to keep applying the rules past their sunset, so it
 * lifts both the pack's and the version's end for that scope.
 */
export function effectiveWindow(own: ValidityWindow, pack: ValidityWindow, extension: { procedure: string | null; pack: string | null }): ValidityWindow {
  const from = maxDate(own.from, pack.from);
  const extendedTo = extension.procedure ?? extension.pack;
  const to = extendedTo ?? minDate(own.to, pack.to);
  return { from, to };
}

/** Whether local date `day` lies in `window` (both ends inclusive). */
export function windowContains(window: ValidityWindow, day: string): boolean {
  return (window.from === null || window.from <= day) && (window.to === null || day <= window.to);
}

const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);
const minDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * Thrown when a new case is asked for but no version of the procedure is
 * effective today (after the sunset, with no successor and no extension).
 * The detail tells the caller what an admin must do; the extra members let
 * clients show it without parsing prose.
 */
export class ProcedureNotEffectiveError extends ProblemError {
  readonly status = 409;
  readonly title = 'Procedure not in effect';
  readonly code = 'procedure-not-effective';
  constructor(procedure: string, name: string, effectiveTo: string | null, effectiveFrom: string | null) {
    super(
      effectiveTo
        ? `Procedure "${name}" (${procedure}) expired on ${effectiveTo}: its validity window has ended, so no new case can start. An admin must grant an extension (延期适用) or publish a successor version.`
        : `Procedure "${name}" (${procedure}) is not in effect yet${effectiveFrom ? ` (effective from ${effectiveFrom})` : ''}, so no new case can start. An admin must publish a version effective today or grant an extension (延期适用).`,
      { procedure, effectiveTo, ...(effectiveFrom ? { effectiveFrom } : {}), action: 'extend-or-publish-successor' },
    );
  }
}

/** One published version with its resolved window, as the admin overview shows it. */
export interface VersionWindow {
  id: string;
  processKey: string;
  version: number;
  name: string;
  own: ValidityWindow;
  effective: ValidityWindow;
  effectiveToday: boolean;
}

/** The validity inputs of one pack revision: its window and its latest extensions (null id = the county's original pack). */
export interface RevisionValidity {
  id: string | null;
  /** 「2025年修订」; null for the original pack. */
  label: string | null;
  window: ValidityWindow;
  packExtension: string | null;
  procedureExtensions: Map<string, string>;
}

/**
 * The validity inputs of a county. `pack`, `packExtension` and
 * `procedureExtensions` are those of the CURRENT revision (the latest
 * published one, else the original pack): what "the pack" means to an admin
 * today, and what a new pack extension targets. `revisions` holds every
 * revision's own inputs, because a version is bounded by the revision it was
 * published under, not by the current one.
 */
export interface ValidityContext {
  pack: ValidityWindow;
  packExtension: string | null;
  procedureExtensions: Map<string, string>;
  /** The current revision's id; null = the original pack. */
  currentRevisionId: string | null;
  /** Every revision by id, the original pack under null. */
  revisions: Map<string | null, RevisionValidity>;
}

/** The county's current revision: the latest published one, or null (the original pack) when none was published. */
export async function currentRevisionId(em: EntityManager, tenantId: string): Promise<string | null> {
  const [row] = await em.execute<{ id: string }[]>("select id from pack_revision where tenant_id = ? and status = 'published' order by published_at desc, id desc limit 1", [tenantId]);
  return row?.id ?? null;
}

/** A published version's row as the validity computations read it. */
interface VersionRow {
  id: string;
  process_key: string;
  version: number;
  name: string;
  effective_from: string | null;
  effective_to: string | null;
  pack_revision_id: string | null;
}

/** Everything about a county's validity, as {@link loadValidity} returns it. */
interface LoadedValidity {
  ctx: ValidityContext;
  versions: VersionRow[];
  tenant: TenantDefaults;
}

/**
 * The county's validity inputs (pack window, every revision with its latest
 * extensions, which revision is current), its deadline defaults, and, unless
 * `versionsOf` is false, its published versions (of one procedure, or all
 * when null), newest first per procedure, in ONE statement. Starting a case
 * runs this on every start and every pushed or called case, and the five
 * separate selects it replaces were a third of a start's round trips.
 * Extensions are limited to the procedure when one is named (pack-level ones
 * always come along), as no other procedure's extension can matter then.
 */
async function loadValidity(em: EntityManager, tenantId: string, versionsOf: string | null | false): Promise<LoadedValidity> {
  const oneProcess = typeof versionsOf === 'string';
  // Placeholders in text order: the extensions' procedure, the versions' procedure, the tenant.
  const params: unknown[] = oneProcess ? [versionsOf, versionsOf, tenantId] : [tenantId];
  const [row] = await em.execute<
    {
      validity: { from?: string; to?: string } | null;
      default_calendar_key: string | null;
      warning_thresholds: { yellow: number; red: number } | null;
      current_revision_id: string | null;
      revisions: { id: string; label: string; effective_from: string; effective_to: string | null }[];
      extensions: { pack_revision_id: string | null; process_key: string | null; extended_to: string }[];
      versions?: VersionRow[];
    }[]
  >(
    `select t.settings->'validity' as validity, t.default_calendar_key, t.settings->'warningThresholds' as warning_thresholds,
            (select r.id from pack_revision r where r.tenant_id = t.id and r.status = 'published' order by r.published_at desc, r.id desc limit 1) as current_revision_id,
            (select coalesce(json_agg(json_build_object('id', r.id, 'label', r.label, 'effective_from', r.effective_from::text, 'effective_to', r.effective_to::text)), '[]'::json)
               from pack_revision r where r.tenant_id = t.id) as revisions,
            (select coalesce(json_agg(e), '[]'::json) from (
               select distinct on (x.pack_revision_id, x.process_key) x.pack_revision_id, x.process_key, x.extended_to::text as extended_to from validity_extension x
                where x.tenant_id = t.id${oneProcess ? ' and (x.process_key is null or x.process_key = ?)' : ''}
                order by x.pack_revision_id, x.process_key, x.granted_at desc, x.id desc) e) as extensions${
              versionsOf === false
                ? ''
                : `,
            (select coalesce(json_agg(v order by v.process_key, v.version desc), '[]'::json) from (
               select d.id, d.process_key, d.version, d.name, d.effective_from::text as effective_from, d.effective_to::text as effective_to, d.pack_revision_id from definition_version d
                where d.tenant_id = t.id and d.status = 'published'${oneProcess ? ' and d.process_key = ?' : ''}) v) as versions`
            }
       from tenant t where t.id = ?`,
    params,
  );
  const validity = row?.validity ?? {};
  const revisions = new Map<string | null, RevisionValidity>([[null, { id: null, label: null, window: { from: validity.from ?? null, to: validity.to ?? null }, packExtension: null, procedureExtensions: new Map() }]]);
  for (const r of row?.revisions ?? []) revisions.set(r.id, { id: r.id, label: r.label, window: { from: r.effective_from, to: r.effective_to }, packExtension: null, procedureExtensions: new Map() });
  for (const r of row?.extensions ?? []) {
    const revision = revisions.get(r.pack_revision_id);
    if (!revision) continue;
    if (r.process_key === null) revision.packExtension = r.extended_to;
    else revision.procedureExtensions.set(r.process_key, r.extended_to);
  }
  const current = row?.current_revision_id ?? null;
  const { window, packExtension, procedureExtensions } = revisions.get(current)!;
  return {
    ctx: { pack: window, packExtension, procedureExtensions, currentRevisionId: current, revisions },
    versions: row?.versions ?? [],
    tenant: { defaultCalendarKey: row?.default_calendar_key ?? null, warningThresholds: row?.warning_thresholds ?? undefined },
  };
}

/** The validity inputs of a county: every revision's window and latest extension per scope, and which revision is current. */
export async function validityContext(em: EntityManager, tenantId: string): Promise<ValidityContext> {
  return (await loadValidity(em, tenantId, false)).ctx;
}

/** The windows of `rows` on `now`'s local date; a version is bounded by the revision it was published under. */
function windowsOf(ctx: ValidityContext, rows: VersionRow[], now: Date): VersionWindow[] {
  const today = localDateOf(now);
  return rows.map((r) => {
    const own = { from: r.effective_from, to: r.effective_to };
    const revision = ctx.revisions.get(r.pack_revision_id) ?? ctx.revisions.get(null)!;
    const effective = effectiveWindow(own, revision.window, { procedure: revision.procedureExtensions.get(r.process_key) ?? null, pack: revision.packExtension });
    return { id: r.id, processKey: r.process_key, version: Number(r.version), name: r.name, own, effective, effectiveToday: windowContains(effective, today) };
  });
}

/**
 * Every published version of the county (or of one procedure) with its own and effective window on `now`'s local date.
 * A version's pack window and extensions are those of the revision it was published under.
 */
export async function versionWindows(em: EntityManager, tenantId: string, now: Date, processKey?: string): Promise<VersionWindow[]> {
  const { ctx, versions } = await loadValidity(em, tenantId, processKey ?? null);
  return windowsOf(ctx, versions, now);
}

/**
 * The version a new case of `processKey` starts on at `now`: the highest
 * published version whose effective window contains today's local date
 * (Asia/Shanghai). Returns null when none is in effect, with the newest
 * version's window so the caller can say when it ended; throws nothing, so
 * timer and message starts can skip quietly while HTTP starts refuse.
 */
export async function findEffectiveVersion(
  em: EntityManager,
  tenantId: string,
  processKey: string,
  now: Date,
): Promise<{ id: string | null; latest?: VersionWindow; tenant: TenantDefaults }> {
  const { ctx, versions, tenant } = await loadValidity(em, tenantId, processKey);
  const windows = windowsOf(ctx, versions, now);
  const hit = windows.find((v) => v.effectiveToday);
  return hit ? { id: hit.id, tenant } : { id: null, latest: windows[0], tenant };
}

/**
 * Like findEffectiveVersion, but refuses with ProcedureNotEffectiveError when
 * nothing is in effect (the start paths where a person is waiting for an answer).
 * Returns undefined when the procedure has no published version at all (the caller's "not found").
 */
export async function effectiveVersion(em: EntityManager, tenantId: string, processKey: string, now: Date): Promise<{ id: string; tenant: TenantDefaults } | undefined> {
  const found = await findEffectiveVersion(em, tenantId, processKey, now);
  if (found.id) return { id: found.id, tenant: found.tenant };
  if (!found.latest) return undefined;
  const { effective, name } = found.latest;
  const today = localDateOf(now);
  const ended = effective.to !== null && effective.to < today;
  throw new ProcedureNotEffectiveError(processKey, name, ended ? effective.to : null, ended ? null : effective.from);
}
