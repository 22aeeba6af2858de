/**
 * 统一社会信用代码 (unified social credit code) per GB 32100-2015.
 *
 * Pure functions with no Node or DOM API, so the browser form validator runs
 * exactly the code the server runs (docs/forms-formats.md).
 *
 * Structure of the 18 characters, each from the code set
 * `0-9 A-H J-N P Q R T U W X Y` (no I, O, Z, S, V: they read like 1, 0, 2, 5, U):
 *
 * | positions | meaning |
 * |---|---|
 * | 1 | registration authority (登记管理部门), e.g. 1 机构编制, 5 民政, 9 市场监管, Y 其他 |
 * | 2 | entity type within that authority, e.g. 91 企业, 92 个体工商户, 93 农民专业合作社 |
 * | 3–8 | division code (GB/T 2260) of the registering authority: six digits |
 * | 9–17 | subject identifier (the GB 11714 organisation code) |
 * | 18 | check character, MOD 31 over positions 1–17 |
 *
 * Decisions (DESIGN.md §4 "Rules that are easy to get wrong"):
 * - Positions 1 and 2 are only checked against the code set. The table of
 *   authorities and entity types is kept by the national code centre, not by
 *   the text of the standard, and has grown since 2015 (外交, 司法行政, 宗教,
 *   工会, 农业 collective organisations, ...); a table frozen in this code would
 *   refuse lawful codes, and unlike the checksum there is no override for that.
 * - Some codes issued early fail the check character and are still lawful, so
 *   there are two levels: {@link checkUsccStructure} (code set and positions)
 *   and {@link checkUscc} (also the check character). Forms that must accept
 *   such codes use the structure-only format plus the
 *   `x-uscc-checksum-override` keyword, which demands a written reason.
 * - Lowercase letters are refused with their own reason: the code is printed
 *   in capitals and is a lookup key, so two spellings of one code would break
 *   matching against registration data.
 */

/** Why a string is not a 统一社会信用代码; lets a form say what to fix. */
export type UsccFailure = 'length' | 'charset' | 'lowercase' | 'division' | 'checksum';

/** Result of {@link checkUscc} / {@link checkUsccStructure}: success, or the first rule that failed. */
export type UsccCheck = { ok: true } | { ok: false; reason: UsccFailure };

/** The 31 characters of the GB 32100 code set, in value order (character → its value 0–30). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** MOD 31 weights for positions 1–17 (3^(i-1) mod 31), as tabulated in GB 32100. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const CODE_SET = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const DIVISION = /^\d{6}$/;

/**
 * The GB 32100 check character for the first 17 characters:
 * 31 − (Σ value × weight mod 31), where 31 is written `0`. Exported for data
 * migration and for the form UI, not only for validation.
 *
 * @throws {RangeError} when `body17` is not 17 characters of the code set.
 */
export function computeUsccCheckChar(body17: string): string {
  if (!/^[0-9A-HJ-NPQRTUWXY]{17}$/.test(body17)) throw new RangeError('a 统一社会信用代码 body is 17 characters of 0-9A-HJ-NPQRTUWXY');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(body17.charAt(i)) * WEIGHTS[i]!;
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31);
}

/**
 * Checks the code set and the positional structure but not the check
 * character: the test for codes whose checksum failure has been overridden
 * with a reason (format `cn-uscc-structure`).
 */
export function checkUsccStructure(value: string): UsccCheck {
  if (value.length !== 18) return { ok: false, reason: 'length' };
  if (!CODE_SET.test(value)) {
    const upper = value.toUpperCase();
    return { ok: false, reason: upper !== value && CODE_SET.test(upper) ? 'lowercase' : 'charset' };
  }
  if (!DIVISION.test(value.slice(2, 8))) return { ok: false, reason: 'division' };
  return { ok: true };
}

/** Checks everything GB 32100 defines, including the MOD 31 check character (format `cn-uscc`). */
export function checkUscc(value: string): UsccCheck {
  const structure = checkUsccStructure(value);
  if (!structure.ok) return structure;
  if (computeUsccCheckChar(value.slice(0, 17)) !== value.charAt(17)) return { ok: false, reason: 'checksum' };
  return { ok: true };
}

/** The `cn-uscc` format: well-formed and the check character matches. */
export function isValidUscc(value: string): boolean {
  return checkUscc(value).ok;
}

/** The `cn-uscc-structure` format: well-formed, check character not verified. */
export function isValidUsccStructure(value: string): boolean {
  return checkUsccStructure(value).ok;
}

/**
 * True only for a well-formed code whose check character is wrong: the one
 * case a written override reason may excuse. Malformed codes are never
 * excusable, so this is false for them.
 */
export function usccFailsOnlyChecksum(value: string): boolean {
  const result = checkUscc(value);
  return !result.ok && result.reason === 'checksum';
}
