import type { FieldCatalog, PiiKind } from './field-catalog';

/**
 * Masking of personal data in case lists, details and logs (DESIGN.md §4:
 * seeing it in full is a permission, and every reveal is audited).
 *
 * The conventions follow what Chinese government systems print, so staff
 * recognise a masked value and can still tell two records apart:
 * - 公民身份号码: first 6 (the region of issue) and last 4 (sequence and
 *   check digit) kept, the birth date hidden: `370881********123X`.
 * - 统一社会信用代码: first 8 kept (registration authority, organisation type
 *   and the 6-digit region; public facts about any organisation) and the last
 *   2, the organisation code in the middle hidden: `91370881********XX`.
 * - Mobile: first 3 (the carrier block) and last 4: `138****5678`. Fixed
 *   line: the area code and the last 3 of the local number:
 *   `0537-****567`; an extension is hidden whole. A phone in neither shape
 *   keeps only its last 4 (and nothing when shorter than 8).
 * - Other (names, addresses, free text): up to 6 characters reads as a name,
 *   the first character kept (`张**`); longer keeps the first 3 and a fixed
 *   `***`, hiding the length too (`山东省***`).
 * A value no longer than the parts a rule keeps is starred whole, one star per
 * character. Characters are code points, so a rare CJK character (outside the
 * BMP) is never split into half a surrogate pair.
 */

const MOBILE = /^1\d{10}$/;
const LANDLINE = /^(010|02\d|0[3-9]\d{2})(-?)(\d+)((?:-|转).*)?$/s;
const NAME_LENGTH = 6;

/** Masks one value of a known kind. Never throws; a non-string is stringified first. */
export function maskValue(kind: PiiKind, value: string): string {
  const text = stringOf(value);
  if (text === '') return '';
  switch (kind) {
    case 'id-number':
      return keepEnds(text, 6, 4);
    case 'uscc':
      return keepEnds(text, 8, 2);
    case 'phone':
      return maskPhone(text);
    default:
      return maskOther(text);
  }
}

/**
 * Masks every personal-data value in a copy of `value` (case variables, a
 * task submission, an audit payload): a property whose name the catalog marks
 * as personal data has its leaves masked, however deep, including inside
 * arrays of objects (`items/0/idNumber`); a nested property with its own kind
 * uses that kind. Numbers under such a name are stringified and masked;
 * booleans, null and empty strings are left as they are.
 *
 * `masked` lists the JSON pointers (RFC 6901) of the values masked, so the
 * client can offer "reveal" for exactly those. The input is never modified; a
 * circular reference (impossible in JSON data) becomes null. Never throws.
 */
export function maskPersonalData<T>(value: T, catalog: FieldCatalog): { value: T; masked: string[] } {
  const masked: string[] = [];
  const out = copy(value, null, '', catalog.pii, masked, new Set());
  return { value: out as T, masked };
}

function copy(value: unknown, kind: PiiKind | null, pointer: string, pii: Map<string, PiiKind>, masked: string[], ancestors: Set<object>): unknown {
  if (typeof value === 'string') {
    if (kind === null || value === '') return value;
    masked.push(pointer);
    return maskValue(kind, value);
  }
  if (typeof value === 'number' || typeof value === 'bigint') {
    if (kind === null) return value;
    masked.push(pointer);
    return maskValue(kind, String(value));
  }
  if (typeof value !== 'object' || value === null) return value;
  if (ancestors.has(value)) return null;
  if (value instanceof Date) {
    if (kind === null) return new Date(value.getTime());
    masked.push(pointer);
    return maskValue(kind, Number.isNaN(value.getTime()) ? '' : value.toISOString());
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const out = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) out[i] = copy(value[i], kind, `${pointer}/${i}`, pii, masked, ancestors);
      return out;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value; // not JSON data (a Buffer, a Map): passed through
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const child = copy((value as Record<string, unknown>)[key], pii.get(key) ?? kind, `${pointer}/${escapePointer(key)}`, pii, masked, ancestors);
      // A JSON "__proto__" key is an own property; plain assignment would set the prototype instead.
      if (key === '__proto__') Object.defineProperty(out, key, { value: child, enumerable: true, writable: true, configurable: true });
      else out[key] = child;
    }
    return out;
  } finally {
    ancestors.delete(value);
  }
}

function maskPhone(text: string): string {
  if (MOBILE.test(text)) return keepEnds(text, 3, 4);
  const landline = LANDLINE.exec(text);
  if (landline) {
    const [, area = '', separator = '', local = '', extension = ''] = landline;
    return `${area}${separator}${keepEnds(local, 0, 3)}${extension ? extension[0] + '*'.repeat(codePoints(extension).length - 1) : ''}`;
  }
  const chars = codePoints(text);
  return chars.length < 8 ? '*'.repeat(chars.length) : keepEnds(text, 0, 4);
}

function maskOther(text: string): string {
  const chars = codePoints(text);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (chars.length <= NAME_LENGTH) return chars[0] + '*'.repeat(chars.length - 1);
  return `${chars.slice(0, 3).join('')}***`;
}

/** Keeps `head` leading and `tail` trailing characters, one star for each hidden one; all stars when nothing would be hidden. */
function keepEnds(text: string, head: number, tail: number): string {
  const chars = codePoints(text);
  if (chars.length <= head + tail) return '*'.repeat(chars.length);
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

function codePoints(text: string): string[] {
  return Array.from(text);
}

function escapePointer(key: string): string {
  if (!key.includes('~') && !key.includes('/')) return key;
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  try {
    return String(value);
  } catch {
    return '';
  }
}
