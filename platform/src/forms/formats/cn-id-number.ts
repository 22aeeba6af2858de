/**
 * 公民身份号码 (citizen identity number) per GB 11643-1999.
 *
 * Pure functions with no Node or DOM API, so the browser form validator runs
 * exactly the code the server runs (docs/forms-formats.md).
 *
 * Structure of the 18 characters:
 *
 * | positions | meaning |
 * |---|---|
 * | 1–6 | address code (GB/T 2260 division where the number was first issued) |
 * | 7–14 | birth date YYYYMMDD |
 * | 15–17 | sequence code; position 17 is odd for men, even for women |
 * | 18 | check character, ISO 7064 MOD 11-2 over positions 1–17 |
 *
 * Decisions (DESIGN.md §4 "Rules that are easy to get wrong"):
 * - Only 18-character numbers. The 15-digit numbers of 1984–1999 carry no
 *   check character and no century, so a typo cannot be detected and the birth
 *   year is ambiguous; every one of them was re-issued as an 18-character
 *   number, and first-generation cards stopped being valid on 2013-01-01.
 * - The check character `X` must be uppercase, as printed on the card and as
 *   GB 11643 writes it; a lowercase `x` is refused with its own reason so a
 *   form can say "use a capital X" instead of storing two spellings of one
 *   person, which would break look-ups and duplicate checks.
 * - The birth date must be a real calendar date between 1900-01-01 and
 *   2099-12-31. These functions cannot read the clock (time is injected), so
 *   "not in the future" is a server rule that compares with its Clock.
 * - Only the province (first two digits) of the address code is checked: an
 *   identity number keeps its address code for life, while GB/T 2260 retires
 *   and reuses prefecture and county codes, so no current list of six-digit
 *   codes can judge every lawful number.
 */

/** Why a string is not a 公民身份号码; lets a form say what to fix. */
export type CnIdNumberFailure = 'length' | 'charset' | 'lowercase' | 'region' | 'birthDate' | 'checksum';

/** Result of {@link checkCnIdNumber}: success, or the first rule that failed. */
export type CnIdNumberCheck = { ok: true } | { ok: false; reason: CnIdNumberFailure };

/** ISO 7064 MOD 11-2 weights for positions 1–17 (2^(18-i) mod 11), as tabulated in GB 11643. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character indexed by (weighted sum mod 11). */
const CHECK_CHARS = '10X98765432';

/**
 * Province-level codes of GB/T 2260 (11 北京 … 65 新疆, 71 台湾, 81 香港, 82 澳门),
 * plus 83: the 港澳台居民居住证 (国办发〔2018〕81号) carry GB 11643 numbers whose
 * address code is 810000 (Hong Kong), 820000 (Macao) or 830000 (Taiwan). 83 is
 * not a GB/T 2260 code, but holders of those permits use the number wherever a
 * 公民身份号码 is asked for, so refusing it would lock them out of the forms.
 * The 2023 foreigners' permanent residence number (leading 9) is not a citizen
 * number and is refused.
 */
export const CN_ID_PROVINCE_CODES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);

/** Earliest and latest birth years accepted; see the module note on the clock. */
export const CN_ID_MIN_BIRTH_YEAR = 1900;
export const CN_ID_MAX_BIRTH_YEAR = 2099;

const BODY = /^\d{17}$/;
const LAST = /^[0-9X]$/;

/**
 * The GB 11643 check character for the first 17 digits. Exported because data
 * migration (re-checking imported numbers) and the form UI ("the last
 * character should be …") need it, not only validation.
 *
 * @throws {RangeError} when `body17` is not exactly 17 ASCII digits.
 */
export function computeCnIdCheckChar(body17: string): string {
  if (!BODY.test(body17)) throw new RangeError('a 公民身份号码 body is exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (body17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Checks every GB 11643 rule and says which one failed first, in the order a
 * person would fix them: length, characters, case of X, province, birth date,
 * check character.
 */
export function checkCnIdNumber(value: string): CnIdNumberCheck {
  if (value.length !== 18) return { ok: false, reason: 'length' };
  const body = value.slice(0, 17);
  const last = value.charAt(17);
  if (!BODY.test(body)) return { ok: false, reason: 'charset' };
  if (last === 'x') return { ok: false, reason: 'lowercase' };
  if (!LAST.test(last)) return { ok: false, reason: 'charset' };
  if (!CN_ID_PROVINCE_CODES.has(body.slice(0, 2))) return { ok: false, reason: 'region' };
  if (!isBirthDate(Number(body.slice(6, 10)), Number(body.slice(10, 12)), Number(body.slice(12, 14)))) {
    return { ok: false, reason: 'birthDate' };
  }
  if (computeCnIdCheckChar(body) !== last) return { ok: false, reason: 'checksum' };
  return { ok: true };
}

/** The `cn-id-number` format: true when {@link checkCnIdNumber} finds nothing wrong. */
export function isValidCnIdNumber(value: string): boolean {
  return checkCnIdNumber(value).ok;
}

/** A real proleptic-Gregorian date inside the accepted birth-year window (no Date object, no time zone). */
function isBirthDate(year: number, month: number, day: number): boolean {
  if (year < CN_ID_MIN_BIRTH_YEAR || year > CN_ID_MAX_BIRTH_YEAR) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
