import { DurationSpecError } from './calendar-errors';

/**
 * A deadline length as a pack states it. Working days are the statutory unit
 * (行政许可法 art. 82); calendar days and hours exist for packs whose
 * regulation uses them. Discriminated on `unit` so each is computed by its own
 * rule in `computeDue`.
 */
export type DurationSpec =
  | { readonly unit: 'workingDays'; readonly amount: number }
  | { readonly unit: 'calendarDays'; readonly amount: number }
  | { readonly unit: 'hours'; readonly amount: number };

export type DurationUnit = DurationSpec['unit'];

const NUMBER = '(\\d+(?:\\.\\d+)?)';
const SHORTHANDS: ReadonlyArray<{ unit: DurationUnit; pattern: RegExp }> = [
  { unit: 'workingDays', pattern: new RegExp(`^${NUMBER}\\s*(?:wd|working\\s*days?|work\\s*days?|business\\s*days?|个?工作日)$`, 'i') },
  { unit: 'calendarDays', pattern: new RegExp(`^${NUMBER}\\s*(?:cd|calendar\\s*days?|natural\\s*days?|个?自然日)$`, 'i') },
  { unit: 'hours', pattern: new RegExp(`^${NUMBER}\\s*(?:h|hrs?|hours?|个?小时)$`, 'i') },
];
const AMBIGUOUS_DAYS = new RegExp(`^${NUMBER}\\s*(?:d|days?|日|天)$`, 'i');
const ISO = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+(?:[.,]\d+)?)H)?(?:(\d+(?:[.,]\d+)?)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;

/**
 * Parses a deadline length written by an admin or found in a pack.
 *
 * Accepted grammar (case-insensitive, surrounding blanks ignored, optional
 * blank between number and unit):
 *
 * | text | result |
 * |---|---|
 * | `3WD`, `3 working days`, `1 working day`, `3 workdays`, `3 business days`, `3工作日`, `3个工作日` | `{ unit: 'workingDays', amount: 3 }` |
 * | `3CD`, `3 calendar days`, `3 natural days`, `3自然日`, `3个自然日` | `{ unit: 'calendarDays', amount: 3 }` |
 * | `4h`, `4 hours`, `1.5 hrs`, `4小时`, `4个小时` | `{ unit: 'hours', amount: 4 }` |
 * | ISO 8601 `P3D` / `P2W` | calendar days (3 / 14) |
 * | ISO 8601 `PT4H`, `PT1H30M`, `PT90M`, `PT0.5H` | hours (4 / 1.5 / 1.5 / 0.5) |
 *
 * Day amounts must be whole numbers; hours may be fractional. Refused, with a
 * reason: bare `3 days` / `3d` / `3日` / `3天` (ambiguous between working and
 * calendar days — the classic mistake in transcribing a regulation), ISO
 * years and months (variable length, not used for statutory deadlines), ISO
 * durations mixing days with hours (`P1DT2H`: say which unit counts), and
 * negative or empty durations.
 *
 * @throws DurationSpecError naming the text and the reason.
 */
export function parseDurationSpec(text: string): DurationSpec {
  const trimmed = text.trim();
  for (const { unit, pattern } of SHORTHANDS) {
    const m = pattern.exec(trimmed);
    if (m !== null) return makeSpec(unit, Number(m[1]), text);
  }
  if (AMBIGUOUS_DAYS.test(trimmed)) {
    throw new DurationSpecError(text, 'ambiguous; write "N working days" (NWD) or "N calendar days" (NCD / PND)');
  }
  const iso = ISO.exec(trimmed);
  if (iso === null || trimmed.length <= 1 || /T$/i.test(trimmed)) {
    throw new DurationSpecError(text, 'expected e.g. "3WD", "3 working days", "3CD", "4h", "P3D" or "PT4H"');
  }
  const [, years, months, weeks, days, hours, minutes, seconds] = iso;
  if (years !== undefined || months !== undefined) {
    throw new DurationSpecError(text, 'years and months are not supported; use days');
  }
  const hasDate = weeks !== undefined || days !== undefined;
  const hasTime = hours !== undefined || minutes !== undefined || seconds !== undefined;
  if (hasDate && hasTime) {
    throw new DurationSpecError(text, 'mixes days and hours; use a single unit such as "P3D" or "PT76H"');
  }
  if (hasDate) return makeSpec('calendarDays', 7 * num(weeks) + num(days), text);
  return makeSpec('hours', num(hours) + num(minutes) / 60 + num(seconds) / 3600, text);
}

/**
 * Canonical text of a spec (`3 working days`, `1 calendar day`, `1.5 hours`);
 * `parseDurationSpec` reads it back to an equal spec.
 */
export function formatDurationSpec(spec: DurationSpec): string {
  assertDurationSpec(spec);
  const label = { workingDays: 'working day', calendarDays: 'calendar day', hours: 'hour' }[spec.unit];
  return `${spec.amount} ${label}${spec.amount === 1 ? '' : 's'}`;
}

/**
 * Checks a spec that arrived as data (pack JSON, a stored clock), since the
 * type system cannot vouch for it.
 * @throws RangeError for an unknown unit or an amount that is negative, not finite, or fractional for days.
 */
export function assertDurationSpec(spec: unknown): asserts spec is DurationSpec {
  const s = spec as { unit?: unknown; amount?: unknown } | null;
  if (typeof s !== 'object' || s === null) throw new RangeError('duration spec must be an object');
  if (s.unit !== 'workingDays' && s.unit !== 'calendarDays' && s.unit !== 'hours') {
    throw new RangeError(`duration unit must be workingDays, calendarDays or hours, got ${String(s.unit)}`);
  }
  const amount = s.amount;
  const ok =
    typeof amount === 'number' &&
    Number.isFinite(amount) &&
    amount >= 0 &&
    (s.unit === 'hours' || Number.isSafeInteger(amount));
  if (!ok) {
    const kind = s.unit === 'hours' ? 'a non-negative number' : 'a non-negative integer';
    throw new RangeError(`duration amount for ${s.unit} must be ${kind}, got ${String(amount)}`);
  }
}

function makeSpec(unit: DurationUnit, amount: number, text: string): DurationSpec {
  if (unit !== 'hours' && !Number.isSafeInteger(amount)) {
    throw new DurationSpecError(text, 'days must be a whole number');
  }
  if (!Number.isFinite(amount)) throw new DurationSpecError(text, 'amount is too large');
  return { unit, amount };
}

function num(part: string | undefined): number {
  return part === undefined ? 0 : Number(part.replace(',', '.'));
}
