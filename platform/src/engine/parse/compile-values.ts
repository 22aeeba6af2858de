import { parseDurationSpec, type DurationSpec } from '../../calendar';
import { assertFeelParses, isFeel, stripFeelMarker } from '../expressions/feel';
import type { FeelSource, StaticOrFeel } from '../model/compiled-model';
import { DefinitionCompileError } from './definition-errors';
import { parseIsoDateTime, wallAsUtcMs } from './iso-date-time';
import { parseTimerCycle } from './timer-cycle';

/**
 * Attribute values of a diagram turned into compiled-model values, each
 * checked once at compile time and refused with the element id and attribute
 * name, so a typo in a deadline or a condition never reaches a running case.
 *
 * Convention (docs/bpmn-extensions.md): a leading "=" marks FEEL, anything
 * else is a literal. Attributes that can only be FEEL (conditions, mappings,
 * collections) accept the "=" or not.
 */

/** Where a value came from, for error messages: element id and attribute name. */
export interface ValueSite {
  readonly elementId: string;
  readonly attribute: string;
}

/** A FEEL expression with or without its leading "=", checked to parse. */
export function feelSource(text: string, site: ValueSite): FeelSource {
  const source = stripFeelMarker(text).trim();
  if (source === '') throw new DefinitionCompileError(site.elementId, `${site.attribute} is an empty FEEL expression.`);
  try {
    assertFeelParses(source, site.attribute);
  } catch (err) {
    throw new DefinitionCompileError(site.elementId, (err as Error).message, { cause: err });
  }
  return { feel: source };
}

/** Like {@link feelSource}, but undefined in, undefined out (optional attributes). */
export function optionalFeel(text: string | undefined, site: ValueSite): FeelSource | undefined {
  return text === undefined ? undefined : feelSource(text, site);
}

/** A duration in our grammar ("3WD", "P3D", "4h", see parseDurationSpec) or "=FEEL". */
export function durationOrFeel(text: string, site: ValueSite): StaticOrFeel<DurationSpec> {
  if (isFeel(text)) return feelSource(text, site);
  try {
    return { static: parseDurationSpec(text) };
  } catch (err) {
    throw new DefinitionCompileError(site.elementId, `${site.attribute}: ${(err as Error).message}.`, { cause: err });
  }
}

/**
 * A comma-separated list of codes (department codes, roles) or "=FEEL".
 * Blanks around codes and empty items are dropped; both the ASCII comma and
 * the full-width "，" separate, since admins type in Chinese input methods.
 * A literal with no codes at all means "not set" (undefined).
 */
export function codesOrFeel(text: string | undefined, site: ValueSite): StaticOrFeel<readonly string[]> | undefined {
  if (text === undefined) return undefined;
  if (isFeel(text)) return feelSource(text, site);
  const codes = text
    .split(/[,，]/)
    .map((code) => code.trim())
    .filter((code) => code !== '');
  return codes.length === 0 ? undefined : { static: Object.freeze(codes) };
}

/**
 * An instant as ISO 8601 date-time with an explicit offset
 * ("2024-03-01T09:00:00+08:00"), or "=FEEL". The offset is required because
 * a bare local time would be read in whatever zone the server runs in. The
 * text is kept as written when `new Date(text)` reads it to the same
 * instant; forms JavaScript does not read (`+08`, a comma before the
 * fraction) are stored as the equivalent UTC ISO string, so the runtime can
 * always use `new Date(static)`.
 */
export function dateTimeOrFeel(text: string, site: ValueSite): StaticOrFeel<string> {
  if (isFeel(text)) return feelSource(text, site);
  const parsed = parseIsoDateTime(text);
  if (parsed === undefined || parsed.dateOnly || parsed.offsetMinutes === undefined) {
    throw new DefinitionCompileError(
      site.elementId,
      `${site.attribute}: "${text}" is not an ISO 8601 date-time with an offset, e.g. 2024-03-01T09:00:00+08:00 (or "=FEEL").`,
    );
  }
  const instant = wallAsUtcMs(parsed.wall) - parsed.offsetMinutes * 60_000;
  const trimmed = text.trim();
  return { static: Date.parse(trimmed) === instant ? trimmed : new Date(instant).toISOString() };
}

/** A timer cycle, kept as trimmed text after checking it parses (see timer-cycle.ts). */
export function cycleText(text: string, site: ValueSite): string {
  try {
    parseTimerCycle(text);
  } catch (err) {
    throw new DefinitionCompileError(site.elementId, `${site.attribute}: ${(err as Error).message}.`, { cause: err });
  }
  return text.trim();
}

/** A name-like attribute (variable, message, calendar key): trimmed, undefined when blank. */
export function identifier(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * Drops properties whose value is undefined, so compiled objects carry only
 * what the diagram said (they are compared, logged and snapshotted).
 */
export function compact<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) if (v !== undefined) out[key] = v;
  return out as T;
}

/** Freezes plain objects and arrays all the way down: the compiled model is shared by every case of a version. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
