import { randomInt } from 'node:crypto';

/**
 * Characters of a receipt code: digits and capitals without 0/O, 1/I/L, which
 * people misread when they copy a code from a screen or read it over the phone.
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Characters of randomness in a code: 31^16 ≈ 2^79, far beyond guessing even without the lookup limits. */
export const RECEIPT_LENGTH = 16;

const GROUP = 4;
const VALID = new RegExp(`^[${RECEIPT_ALPHABET}]{${RECEIPT_LENGTH}}$`);

/**
 * A new receipt code, e.g. `7KQ3-M9XW-2HPT-RZ4C`. The code is the
 * submitter's only handle on their report (no login), so it comes from the
 * CSPRNG, never from the case id or a counter that would let one receipt
 * reveal another.
 */
export function generateReceiptCode(): string {
  let raw = '';
  // randomInt draws without modulo bias, so every character is equally likely.
  for (let i = 0; i < RECEIPT_LENGTH; i++) raw += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  return formatReceiptCode(raw);
}

/** Groups of four separated by hyphens: the stored and displayed form. */
function formatReceiptCode(raw: string): string {
  return raw.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/**
 * The stored form of what someone typed, or null when it cannot be a code.
 * People type codes in lower case, with spaces or without the hyphens;
 * all of those find the receipt. Anything else is rejected before the
 * database is asked.
 */
export function normaliseReceiptCode(input: string): string | null {
  const raw = input.toUpperCase().replace(/[\s-]/g, '');
  return VALID.test(raw) ? formatReceiptCode(raw) : null;
}
