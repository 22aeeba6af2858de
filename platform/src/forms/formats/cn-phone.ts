/**
 * Mainland China telephone numbers: mobile (`cn-mobile`), fixed line
 * (`cn-landline`) and either (`cn-phone`).
 *
 * Pure functions with no Node or DOM API, so the browser form validator runs
 * exactly the code the server runs (docs/forms-formats.md).
 *
 * Every format accepts one canonical spelling per number, because phone
 * numbers are personal data that is masked, matched and sent SMS reminders
 * (DESIGN.md §3, §4): two spellings of one number break masking
 * (`138****8000`), duplicate checks and the SMS gateway. Decisions:
 * - Mobile: exactly 11 ASCII digits `1[3-9]xxxxxxxxx` (the numbering plan's
 *   mobile blocks 13x–19x). A `+86` / `0086` / `86` prefix is refused with its
 *   own reason (`countryCode`) rather than accepted: the platform only reaches
 *   mainland numbers, and the form can tell the user to drop the prefix.
 *   Spaces and hyphens inside a mobile number are refused for the same reason.
 * - Fixed line: the long-distance area code is required (a bare local number
 *   means nothing to a supervising department in another county): `010` or
 *   `02x` followed by an 8-digit local number, or a 4-digit `0[3-9]xx` code
 *   followed by a 7- or 8-digit local number; local numbers never start with
 *   0 (trunk prefix) or 1 (service numbers). One optional `-` between area
 *   code and number, and an optional extension of 1–6 digits after `-` or `转`.
 * - Service numbers (12345, 95xxx, 400/800) are neither, and are refused.
 */

/** Why a string is not a mainland mobile number. */
export type CnMobileFailure = 'countryCode' | 'charset' | 'length' | 'prefix';
/** Why a string is not a mainland fixed-line number. */
export type CnLandlineFailure = 'countryCode' | 'charset' | 'areaCode' | 'number';

/** Result of {@link checkCnMobile}. */
export type CnMobileCheck = { ok: true } | { ok: false; reason: CnMobileFailure };
/** Result of {@link checkCnLandline}. */
export type CnLandlineCheck = { ok: true } | { ok: false; reason: CnLandlineFailure };
/** Result of {@link checkCnPhone}: which kind matched, or the reason for the kind it looked like. */
export type CnPhoneCheck = { ok: true; kind: 'mobile' | 'landline' } | { ok: false; reason: CnMobileFailure | CnLandlineFailure };

const COUNTRY_CODE = /^(?:\+|00)86|^86\d{11}$/;
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^(?:(?:010|02\d)-?[2-9]\d{7}|0[3-9]\d{2}-?[2-9]\d{6,7})(?:(?:-|转)\d{1,6})?$/;
const AREA_CODE = /^(?:010|02\d|0[3-9]\d{2})/;
const LANDLINE_CHARS = /^[0-9\-转]+$/;

/** Checks a mainland mobile number and says which rule failed first. */
export function checkCnMobile(value: string): CnMobileCheck {
  if (COUNTRY_CODE.test(value)) return { ok: false, reason: 'countryCode' };
  if (!/^\d*$/.test(value)) return { ok: false, reason: 'charset' };
  if (value.length !== 11) return { ok: false, reason: 'length' };
  if (!MOBILE.test(value)) return { ok: false, reason: 'prefix' };
  return { ok: true };
}

/** Checks a mainland fixed-line number (area code required) and says which part is wrong. */
export function checkCnLandline(value: string): CnLandlineCheck {
  if (COUNTRY_CODE.test(value)) return { ok: false, reason: 'countryCode' };
  if (!LANDLINE_CHARS.test(value)) return { ok: false, reason: 'charset' };
  if (!AREA_CODE.test(value)) return { ok: false, reason: 'areaCode' };
  if (!LANDLINE.test(value)) return { ok: false, reason: 'number' };
  return { ok: true };
}

/**
 * Either kind. On failure the reason is that of the kind the value resembles,
 * so the form can say the useful thing: a leading `1`, `+` or `00` means a
 * mobile (or an international prefix); anything else a fixed line, which makes
 * a bare local number `4412345` an `areaCode` failure.
 */
export function checkCnPhone(value: string): CnPhoneCheck {
  const mobile = checkCnMobile(value);
  if (mobile.ok) return { ok: true, kind: 'mobile' };
  const landline = checkCnLandline(value);
  if (landline.ok) return { ok: true, kind: 'landline' };
  return /^(?:1|\+|00)/.test(value) ? mobile : landline;
}

/** The `cn-mobile` format. */
export function isValidCnMobile(value: string): boolean {
  return checkCnMobile(value).ok;
}

/** The `cn-landline` format. */
export function isValidCnLandline(value: string): boolean {
  return checkCnLandline(value).ok;
}

/** The `cn-phone` format: a mobile or a fixed-line number. */
export function isValidCnPhone(value: string): boolean {
  return checkCnPhone(value).ok;
}
