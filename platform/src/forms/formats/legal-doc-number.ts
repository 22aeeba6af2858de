/**
 * 法律文书编号: the number of a licence, approval decision, penalty decision or
 * other legal document, e.g. `曲行审〔2024〕15号`,
 * `鲁（2023）曲阜市不动产权第0001234号`, `JY13708810012345` (食品经营许可证).
 *
 * Pure functions with no Node or DOM API, so the browser form validator runs
 * exactly the code the server runs (docs/forms-formats.md).
 *
 * Every issuing body numbers its documents its own way, so the format is a
 * permissive default plus hygiene, and narrowing is the pack's business:
 * - Always (baseline): not empty or blank, no leading, trailing or repeated
 *   whitespace, at most {@link LEGAL_DOC_NUMBER_MAX_LENGTH} characters. The
 *   number is a lookup key that staff retype from paper, so invisible
 *   differences must not create two spellings of one document.
 * - Default rule: Han characters, ASCII letters and digits, single spaces and
 *   the brackets, dashes, slashes and dots documents use (〔〕 [] () （） 【】
 *   ［］ ﹝﹞ - ‐ – — － / ／ . · ・), with at least one ASCII digit: GB/T
 *   9704-2012 §7.2.4 writes year and serial number in Arabic numerals, and
 *   every licence number carries digits. Full-width digits and letters are
 *   refused so that one document is never stored as both `15号` and `１５号`.
 * - A jurisdiction-wide replacement for the default rule can be passed as a
 *   RegExp (`formatOptions.legalDocNumberPattern` of `createAjv`); it must
 *   match the whole value and the baseline still applies. A pack that wants a
 *   stricter shape for one field adds the standard `pattern` keyword next to
 *   `format` in its form schema (see docs/forms-formats.md for why this is not
 *   a factory option per pack).
 */

/** Why a string is not an acceptable 法律文书编号. */
export type LegalDocNumberFailure = 'blank' | 'whitespace' | 'tooLong' | 'charset' | 'noDigit' | 'pattern';

/** Result of {@link checkLegalDocNumber}: success, or the first rule that failed. */
export type LegalDocNumberCheck = { ok: true } | { ok: false; reason: LegalDocNumberFailure };

/** Longest accepted number, in characters (code points); real numbers stay well under 40. */
export const LEGAL_DOC_NUMBER_MAX_LENGTH = 64;

/** The default character rule; `u` for \p{Script=Han}. */
const DEFAULT_CHARS = /^[\p{Script=Han}A-Za-z0-9 〔〕[\]()（）【】［］﹝﹞\-‐–—－/／.·・]+$/u;
const ASCII_DIGIT = /[0-9]/;

/**
 * Checks a document number against the baseline and then against `pattern`
 * (when given) or the default rule, and says which rule failed first.
 *
 * @param pattern a jurisdiction-wide rule replacing the default one; it is
 *   applied to the whole value whatever its anchors or flags (see
 *   {@link wholeValuePattern}).
 */
export function checkLegalDocNumber(value: string, pattern?: RegExp): LegalDocNumberCheck {
  return checkWith(value, pattern === undefined ? undefined : wholeValuePattern(pattern));
}

/** The `legal-doc-number` format with the default rule. */
export function isValidLegalDocNumber(value: string): boolean {
  return checkWith(value, undefined).ok;
}

/**
 * A `legal-doc-number` validator bound to an optional replacement rule,
 * prepared once so each call does no RegExp construction.
 */
export function createLegalDocNumberValidator(pattern?: RegExp): (value: string) => boolean {
  const whole = pattern === undefined ? undefined : wholeValuePattern(pattern);
  return (value) => checkWith(value, whole).ok;
}

/**
 * `pattern` rewritten to match only the whole value: wrapped in `^(?:…)$` and
 * stripped of the `g` and `y` flags (which make `test` stateful through
 * `lastIndex`, so the same value would alternate between valid and invalid)
 * and of `m` (which would let `^`/`$` match at a line break inside the value).
 */
export function wholeValuePattern(pattern: RegExp): RegExp {
  return new RegExp(`^(?:${pattern.source})$`, pattern.flags.replace(/[gym]/g, ''));
}

function checkWith(value: string, whole: RegExp | undefined): LegalDocNumberCheck {
  if (value.trim() === '') return { ok: false, reason: 'blank' };
  if (value !== value.trim() || /\s{2,}/.test(value)) return { ok: false, reason: 'whitespace' };
  if (codePointLength(value) > LEGAL_DOC_NUMBER_MAX_LENGTH) return { ok: false, reason: 'tooLong' };
  if (whole !== undefined) return whole.test(value) ? { ok: true } : { ok: false, reason: 'pattern' };
  if (!DEFAULT_CHARS.test(value)) return { ok: false, reason: 'charset' };
  if (!ASCII_DIGIT.test(value)) return { ok: false, reason: 'noDigit' };
  return { ok: true };
}

function codePointLength(value: string): number {
  let n = 0;
  for (const _ of value) n++;
  return n;
}
