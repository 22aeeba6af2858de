import type { EntityManager } from '@mikro-orm/postgresql';
import { localDateOf } from '../../domain/pack/pack-validity';
import { ProblemError } from '../../errors/problem-error';

/** A validity window of local dates (YYYY-MM-DD, inclusive); a missing bound is open. */
export interface ValidityWindow {
  from: string | null;
  to: string | null;
}

/**
 * The window in which new cases may start on a version: the intersection of
 * the version's own window and the pack's, with the end replaced by an
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

/** The validity inputs of a county: its pack window and the latest extension per scope. */
export async function validityContext(em: EntityManager, tenantId: string): Promise<{ pack: ValidityWindow; packExtension: string | null; procedureExtensions: Map<string, string> }> {
  const [tenant] = await em.execute<{ settings: { validity?: { from?: string; to?: string } } | null }[]>('select settings from tenant where id = ?', [tenantId]);
  const validity = tenant?.settings?.validity ?? {};
  const rows = await em.execute<{ process_key: string | null; extended_to: string }[]>(
    'select distinct on (process_key) process_key, extended_to::text as extended_to from validity_extension where tenant_id = ? order by process_key, granted_at desc, id desc',
    [tenantId],
  );
  const procedureExtensions = new Map<string, string>();
  let packExtension: string | null = null;
  for (const r of rows) {
    if (r.process_key === null) packExtension = r.extended_to;
    else procedureExtensions.set(r.process_key, r.extended_to);
  }
  return { pack: { from: validity.from ?? null, to: validity.to ?? null }, packExtension, procedureExtensions };
}

/** Every published version of the county (or of one procedure) with its own and effective window on `now`'s local date. */
export async function versionWindows(em: EntityManager, tenantId: string, now: Date, processKey?: string): Promise<VersionWindow[]> {
  const ctx = await validityContext(em, tenantId);
  const today = localDateOf(now);
  const rows = await em.execute<{ id: string; process_key: string; version: number; name: string; effective_from: string | null; effective_to: string | null }[]>(
    `select id, process_key, version, name, effective_from::text as effective_from, effective_to::text as effective_to from definition_version
      where tenant_id = ? and status = 'published'${processKey ? ' and process_key = ?' : ''} order by process_key, version desc`,
    processKey ? [tenantId, processKey] : [tenantId],
  );
  return rows.map((r) => {
    const own = { from: r.effective_from, to: r.effective_to };
    const effective = effectiveWindow(own, ctx.pack, { procedure: ctx.procedureExtensions.get(r.process_key) ?? null, pack: ctx.packExtension });
    return { id: r.id, processKey: r.process_key, version: Number(r.version), name: r.name, own, effective, effectiveToday: windowContains(effective, today) };
  });
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
): Promise<{ id: string | null; latest?: VersionWindow }> {
  const versions = await versionWindows(em, tenantId, now, processKey);
  const hit = versions.find((v) => v.effectiveToday);
  return hit ? { id: hit.id } : { id: null, latest: versions[0] };
}

/**
 * Like findEffectiveVersion, but refuses with ProcedureNotEffectiveError when
 * nothing is in effect (the start paths where a person is waiting for an answer).
 * Returns undefined when the procedure has no published version at all (the caller's "not found").
 */
export async function effectiveVersion(em: EntityManager, tenantId: string, processKey: string, now: Date): Promise<string | undefined> {
  const found = await findEffectiveVersion(em, tenantId, processKey, now);
  if (found.id) return found.id;
  if (!found.latest) return undefined;
  const { effective, name } = found.latest;
  const today = localDateOf(now);
  const ended = effective.to !== null && effective.to < today;
  throw new ProcedureNotEffectiveError(processKey, name, ended ? effective.to : null, ended ? null : effective.from);
}
