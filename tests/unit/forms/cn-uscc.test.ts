import fc from 'fast-check';
import {
  checkUscc,
  checkUsccStructure,
  computeUsccCheckChar,
  isValidUscc,
  isValidUsccStructure,
  usccFailsOnlyChecksum,
} from '../../../platform/src/forms/formats/cn-uscc';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * Oracle independent of the module's weight table: weights are 3^(i-1) mod 31,
 * so the weighted sum is a polynomial in 3 evaluated by Horner's rule from the
 * right; the check value is 31 − (sum mod 31), with 31 written as 0.
 */
function oracleCheckChar(body17: string): string {
  let p = 0;
  for (let i = 16; i >= 0; i--) p = (p * 3 + CHARSET.indexOf(body17[i]!)) % 31;
  return CHARSET[(31 - p) % 31]!;
}

const SAMPLE = '91350100M000100Y43';

const charArb = fc.constantFrom(...CHARSET);
const validUsccArb = fc
  .tuple(charArb, charArb, fc.stringMatching(/^\d{6}$/), fc.array(charArb, { minLength: 9, maxLength: 9 }))
  .map(([authority, type, division, subject]) => {
    const body = `${authority}${type}${division}${subject.join('')}`;
    return body + oracleCheckChar(body);
  });

describe('cn-uscc (GB 32100-2015)', () => {
  test('given the published sample 91350100M000100Y43, then it passes the strict and the structural check', () => {
    expect(checkUscc(SAMPLE)).toEqual({ ok: true });
    expect(isValidUsccStructure(SAMPLE)).toBe(true);
    expect(computeUsccCheckChar(SAMPLE.slice(0, 17))).toBe('3');
  });

  test('given a wrong check character, then the strict check reports checksum and the structural one accepts', () => {
    const failing = '91350100M000100Y44';
    expect(checkUscc(failing)).toEqual({ ok: false, reason: 'checksum' });
    expect(checkUsccStructure(failing)).toEqual({ ok: true });
    expect(usccFailsOnlyChecksum(failing)).toBe(true);
    expect(usccFailsOnlyChecksum(SAMPLE)).toBe(false);
  });

  test('given a body whose weighted sum is a multiple of 31, then its check character is 0 (31 → 0)', () => {
    // Vary the last body character until the oracle's sum is 0 mod 31 (exactly one value in 0–30 does it).
    const prefix = '9137088100000000';
    const last = [...CHARSET].find((c) => oracleCheckChar(prefix + c) === '0')!;
    expect(computeUsccCheckChar(prefix + last)).toBe('0');
    expect(isValidUscc(`${prefix}${last}0`)).toBe(true);
  });

  test.each(['I', 'O', 'Z', 'S', 'V'])('given the excluded letter %s anywhere in the code, then both checks refuse it as charset', (letter) => {
    for (const index of [0, 1, 9, 17]) {
      const code = SAMPLE.slice(0, index) + letter + SAMPLE.slice(index + 1);
      expect(checkUscc(code)).toEqual({ ok: false, reason: 'charset' });
      expect(checkUsccStructure(code)).toEqual({ ok: false, reason: 'charset' });
    }
  });

  test('given lowercase letters, then the reason is lowercase; given lowercase excluded letters, then it is charset', () => {
    expect(checkUscc('91350100m000100y43')).toEqual({ ok: false, reason: 'lowercase' });
    expect(checkUscc('91350100M000100Y4o')).toEqual({ ok: false, reason: 'charset' });
  });

  test('given a letter in the division code (positions 3–8), then the reason is division', () => {
    const body = '9135A100M000100Y4';
    expect(checkUsccStructure(body + oracleCheckChar(body))).toEqual({ ok: false, reason: 'division' });
  });

  test('given 17 or 19 characters, then the reason is length', () => {
    expect(checkUscc(SAMPLE.slice(0, 17))).toEqual({ ok: false, reason: 'length' });
    expect(checkUsccStructure(`${SAMPLE}0`)).toEqual({ ok: false, reason: 'length' });
  });

  test('given a malformed body, then computeUsccCheckChar throws instead of guessing', () => {
    expect(() => computeUsccCheckChar('91350100M000100Y')).toThrow(RangeError);
    expect(() => computeUsccCheckChar('91350100M000100I4')).toThrow(RangeError);
  });

  test('given any well-formed body with its computed check character, then both checks pass', () => {
    fc.assert(
      fc.property(validUsccArb, (code) => {
        expect(checkUscc(code)).toEqual({ ok: true });
        expect(checkUsccStructure(code)).toEqual({ ok: true });
      }),
    );
  });

  test('given any valid code and any single substitution by another code-set character, then the strict check fails', () => {
    const arb = fc.tuple(validUsccArb, fc.integer({ min: 0, max: 17 }), charArb);
    fc.assert(
      fc.property(arb, ([code, index, replacement]) => {
        fc.pre(code[index] !== replacement);
        const flipped = code.slice(0, index) + replacement + code.slice(index + 1);
        expect(isValidUscc(flipped)).toBe(false);
        // Outside the division code the structure is intact, so only the checksum can object.
        if (index < 2 || index > 7) expect(checkUscc(flipped)).toEqual({ ok: false, reason: 'checksum' });
      }),
      { numRuns: 2000 },
    );
  });

  test('given any valid code with one character replaced by I, O, Z, S or V, then both checks fail', () => {
    const arb = fc.tuple(validUsccArb, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'IOZSV'));
    fc.assert(
      fc.property(arb, ([code, index, letter]) => {
        const flipped = code.slice(0, index) + letter + code.slice(index + 1);
        expect(isValidUsccStructure(flipped)).toBe(false);
        expect(isValidUscc(flipped)).toBe(false);
      }),
    );
  });
});
