import type { EntityManager } from '@mikro-orm/postgresql';
import { formatLocalDate, parseLocalDate } from '../../calendar/local-date';
import { localDateOf, packValidityStatus } from '../../domain/pack/pack-validity';
import { validityContext, versionWindows, windowContains, type VersionWindow } from './effective-version';

/** How loudly an end is announced: at most 60, 30 or 7 days left (loudest wins), or already past. */
export type ExpiryLevel = '60' | '30' | '7' | 'expired';

/** One thing that stops (or stopped) accepting new cases soon: the whole pack or one procedure. */
export interface ExpiryWarning {
  scope: 'pack' | 'procedure';
  /** The procedure; null for the pack. */
  processKey: string | null;
  /** The pack's title or the procedure's name, as people know it. */
  name: string;
  /** The last local date (Asia/Shanghai, inclusive) on which new cases may start. */
  effectiveTo: string;
  /** Whole days from today to effectiveTo: 0 on the last day, negative once it has passed. */
  daysLeft: number;
  level: ExpiryLevel;
}

/** What the computation reads: the pack's end (its extension already applied) and every published version's effective window. */
export interface ExpiryInput {
  now: Date;
  packName: string;
  /** `validity.to`, or the pack-level extension's date; null = the pack never ends. */
  packEnd: string | null;
  versions: readonly Pick<VersionWindow, 'processKey' | 'version' | 'name' | 'effective'>[];
}

const nextDay = (day: string) => formatLocalDate(parseLocalDate(day) + 1);

/** The level of an end at `now`, or undefined while more than 60 days are left (thresholds shared with the designer's pack banner). */
export function expiryLevel(effectiveTo: string, now: Date): { daysLeft: number; level: ExpiryLevel } | undefined {
  const status = packValidityStatus({ to: effectiveTo }, now);
  return status.warning === 'none' || status.daysLeft === null ? undefined : { daysLeft: status.daysLeft, level: status.warning };
}

type Versioned = ExpiryInput['versions'][number];

/** The highest version whose effective window contains `day`. */
const inEffectOn = (versions: readonly Versioned[], day: string) => versions.filter((v) => windowContains(v.effective, day)).sort((a, b) => b.version - a.version)[0];

/**
 * The last day of the unbroken run of days, starting today, on which some
 * version of one procedure is in effect; null when the run never ends.
 * Following the run (not only today's version) is what lets a successor
 * published to start the day after the end silence the warning, while its
 * own end, if near, is still announced.
 */
function lastCoveredDay(versions: readonly Versioned[], today: string): { end: string | null; version: Versioned } | undefined {
  let version = inEffectOn(versions, today);
  if (!version) return undefined;
  let end = version.effective.to;
  // Each step moves strictly later (the next version contains the day after `end`), so versions.length steps suffice.
  for (let i = 0; i < versions.length && end !== null; i++) {
    const successor = inEffectOn(versions, nextDay(end));
    if (!successor) break;
    version = successor;
    end = successor.effective.to;
  }
  return { end, version };
}

/** A procedure that has versions but none in effect today because their windows ended: the latest end that passed. */
function lastEnded(versions: readonly Versioned[], today: string): Versioned | undefined {
  return versions
    .filter((v) => v.effective.to !== null && v.effective.to < today)
    .sort((a, b) => (a.effective.to! < b.effective.to! ? 1 : a.effective.to! > b.effective.to! ? -1 : b.version - a.version))[0];
}

/**
 * The county's expiry warnings at `now`: the pack when its end (or its
 * extension) is at most 60 days away or past, and each procedure whose
 * versions stop covering the days ahead within 60 days, or that has nothing
 * in effect today because its window ended.
 *
 * Why a pure function: the API, the banner and the daily notification job
 * must agree on what is announced, and tests move the clock across the
 * 60/30/7-day edges. A procedure that simply ends with the pack (same date)
 * is not listed again: the pack's warning already says every procedure
 * stops then, and ten identical lines would drown the one that differs.
 */
export function computeExpiryWarnings(input: ExpiryInput): ExpiryWarning[] {
  const today = localDateOf(input.now);
  const warnings: ExpiryWarning[] = [];
  const packLevel = input.packEnd === null ? undefined : expiryLevel(input.packEnd, input.now);
  if (packLevel) warnings.push({ scope: 'pack', processKey: null, name: input.packName, effectiveTo: input.packEnd!, ...packLevel });

  const byKey = new Map<string, Versioned[]>();
  for (const v of input.versions) byKey.set(v.processKey, [...(byKey.get(v.processKey) ?? []), v]);
  for (const [processKey, versions] of byKey) {
    const covered = lastCoveredDay(versions, today);
    let warning: ExpiryWarning | undefined;
    if (covered) {
      const level = covered.end === null ? undefined : expiryLevel(covered.end, input.now);
      if (level) warning = { scope: 'procedure', processKey, name: covered.version.name, effectiveTo: covered.end!, ...level };
    } else {
      const ended = lastEnded(versions, today);
      if (ended) warning = { scope: 'procedure', processKey, name: ended.name, effectiveTo: ended.effective.to!, ...expiryLevel(ended.effective.to!, input.now)! };
    }
    if (warning && !(packLevel && warning.effectiveTo === input.packEnd)) warnings.push(warning);
  }
  return warnings.sort((a, b) => (a.effectiveTo < b.effectiveTo ? -1 : a.effectiveTo > b.effectiveTo ? 1 : a.scope !== b.scope ? (a.scope === 'pack' ? -1 : 1) : (a.processKey ?? '').localeCompare(b.processKey ?? '')));
}

/** computeExpiryWarnings for one county, read from its pack window, extensions and published versions. */
export async function expiryWarnings(em: EntityManager, tenantId: string, now: Date): Promise<ExpiryWarning[]> {
  const ctx = await validityContext(em, tenantId);
  const versions = await versionWindows(em, tenantId, now);
  const [tenant] = await em.execute<{ name: string; title: string | null }[]>(`select name, settings #>> '{pack,title}' as title from tenant where id = ?`, [tenantId]);
  return computeExpiryWarnings({ now, packName: tenant?.title ?? tenant?.name ?? '', packEnd: ctx.packExtension ?? ctx.pack.to, versions });
}
