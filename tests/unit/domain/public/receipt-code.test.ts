import { generateReceiptCode, normaliseReceiptCode, RECEIPT_ALPHABET, RECEIPT_LENGTH } from '../../../../platform/src/domain/public/receipt-code';

describe('receipt codes', () => {
  it('given the alphabet, then it has no characters people confuse (0/O, 1/I/L) and no repeats', () => {
    for (const c of '0O1IL') expect(RECEIPT_ALPHABET).not.toContain(c);
    expect(new Set(RECEIPT_ALPHABET).size).toBe(RECEIPT_ALPHABET.length);
    expect(RECEIPT_ALPHABET).toHaveLength(31);
  });

  it('when a code is generated, then it is 16 alphabet characters in four hyphenated groups', () => {
    const code = generateReceiptCode();
    expect(code).toMatch(/^[23456789A-HJKMNP-Z]{4}(-[23456789A-HJKMNP-Z]{4}){3}$/);
    expect(code.replace(/-/g, '')).toHaveLength(RECEIPT_LENGTH);
  });

  it('when 10,000 codes are generated, then all are distinct and every alphabet character occurs', () => {
    const codes = Array.from({ length: 10_000 }, generateReceiptCode);
    expect(new Set(codes).size).toBe(codes.length);
    const seen = new Set(codes.join('').replace(/-/g, ''));
    expect([...seen].sort().join('')).toBe([...RECEIPT_ALPHABET].sort().join(''));
    // 160,000 draws over 31 characters: each near 5,161; a biased generator would stray far from that.
    const counts = new Map<string, number>();
    for (const c of codes.join('').replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    for (const n of counts.values()) expect(Math.abs(n - 160_000 / 31)).toBeLessThan(500);
  });

  it('given what a person typed (lower case, spaces, no hyphens), when normalised, then it is the stored form', () => {
    const code = generateReceiptCode();
    expect(normaliseReceiptCode(code)).toBe(code);
    expect(normaliseReceiptCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    expect(normaliseReceiptCode(code.replace(/-/g, ''))).toBe(code);
  });

  it('given something that cannot be a code, when normalised, then it is null', () => {
    expect(normaliseReceiptCode('')).toBeNull();
    expect(normaliseReceiptCode('ABCD-EFGH-JKMN-PQR')).toBeNull();
    expect(normaliseReceiptCode('ABCD-EFGH-JKMN-PQR0')).toBeNull();
    expect(normaliseReceiptCode("ABCD-EFGH-JKMN-PQRS' or 1=1")).toBeNull();
  });
});
