import fc from 'fast-check';
import {
  checkCnIdNumber,
  computeCnIdCheckChar,
  isValidCnIdNumber,
} from '../../../platform/src/forms/formats/cn-id-number';

/**
 * Oracle independent of the module's weight table: ISO 7064 MOD 11-2 by its
 * recursive (Horner) method, P ← 2·(P + digit) mod 11, check ≡ 1 − P (mod 11).
 */
function oracleCheckChar(body17: string): string {
  let p = 0;
  for (const ch of body17) p = ((p + Number(ch)) * 2) % 11;
  const c = (12 - p) % 11;
  return c === 10 ? 'X' : String(c);
}

/** Province codes as the brief lists them from GB/T 2260, plus 83 (港澳台居民居住证). */
const PROVINCES = ['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83'];

/** Date oracle via the platform Date (UTC), independent of the module's month-length arithmetic. */
function oracleDateOk(yyyymmdd: string): boolean {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (y < 1900 || y > 2099) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A synthetic number (no real person's): region + birth date + sequence + computed check character. */
function synthesise(region6: string, birth: string, sequence: string): string {
  const body = `${region6}${birth}${sequence}`;
  return body + oracleCheckChar(body);
}

const toYmd = (d: Date): string => d.toISOString().slice(0, 10).replace(/-/g, '');

const validIdArb = fc
  .tuple(
    fc.constantFrom(...PROVINCES),
    fc.stringMatching(/^\d{4}$/),
    fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }),
    fc.stringMatching(/^\d{3}$/),
  )
  .map(([province, rest, birth, sequence]) => synthesise(province + rest, toYmd(birth), sequence));

describe('cn-id-number (GB 11643-1999)', () => {
  test('given the example from GB 11643 itself, then it is valid with an uppercase X check character', () => {
    expect(checkCnIdNumber('11010519491231002X')).toEqual({ ok: true });
  });

  test('given synthesised numbers with computed check characters, then each is valid', () => {
    for (const id of [synthesise('370881', '19850612', '123'), synthesise('110105', '20000229', '004'), synthesise('830000', '19700101', '018')]) {
      expect(isValidCnIdNumber(id)).toBe(true);
    }
  });

  test('given a 17-digit body, then computeCnIdCheckChar agrees with the recursive MOD 11-2 oracle', () => {
    expect(computeCnIdCheckChar('11010519491231002')).toBe('X');
    expect(computeCnIdCheckChar('44052418800101001')).toBe('4');
    expect(() => computeCnIdCheckChar('1101051949123100')).toThrow(RangeError);
    expect(() => computeCnIdCheckChar('1101051949123100A')).toThrow(RangeError);
  });

  test('given a wrong check character, then the reason is checksum', () => {
    expect(checkCnIdNumber('110105194912310021')).toEqual({ ok: false, reason: 'checksum' });
  });

  test('given a lowercase x check character, then it is refused with its own reason', () => {
    expect(checkCnIdNumber('11010519491231002x')).toEqual({ ok: false, reason: 'lowercase' });
  });

  test('given a 15-digit legacy number, then it is refused for its length', () => {
    expect(checkCnIdNumber('110105491231002')).toEqual({ ok: false, reason: 'length' });
  });

  test('given letters, full-width digits or an X before the last place, then the reason is charset', () => {
    expect(checkCnIdNumber('1101051949123100A2')).toEqual({ ok: false, reason: 'charset' });
    expect(checkCnIdNumber('１10105194912310021')).toEqual({ ok: false, reason: 'charset' });
    expect(checkCnIdNumber('X10105194912310021')).toEqual({ ok: false, reason: 'charset' });
    expect(checkCnIdNumber('11010519491231002Y')).toEqual({ ok: false, reason: 'charset' });
  });

  test.each(['19990230', '20991232', '19000229', '20231301', '20230100', '18991231', '21000101'])(
    'given the impossible or out-of-range birth date %s, then the reason is birthDate even with a correct check character',
    (birth) => {
      expect(checkCnIdNumber(synthesise('370881', birth, '123'))).toEqual({ ok: false, reason: 'birthDate' });
    },
  );

  test('given 29 February of leap years 2000 and 2024 and the window edges, then the birth date is accepted', () => {
    for (const birth of ['20000229', '20240229', '19000101', '20991231']) {
      expect(checkCnIdNumber(synthesise('370881', birth, '123'))).toEqual({ ok: true });
    }
  });

  test('given the standard\'s 1880 example, then it is refused as outside the 1900–2099 window although its check character is right', () => {
    expect(checkCnIdNumber('440524188001010014')).toEqual({ ok: false, reason: 'birthDate' });
  });

  test.each(['99', '00', '10', '16', '72', '84', '90'])('given the province prefix %s, then the reason is region', (province) => {
    expect(checkCnIdNumber(synthesise(`${province}0101`, '19850612', '123'))).toEqual({ ok: false, reason: 'region' });
  });

  test('given a foreigner\'s permanent residence number (leading 9), then it is refused as not a citizen number', () => {
    expect(checkCnIdNumber(synthesise('911156', '19850612', '123'))).toEqual({ ok: false, reason: 'region' });
  });

  test('given any valid region, date and sequence with the computed check character, then it is valid', () => {
    fc.assert(fc.property(validIdArb, (id) => checkCnIdNumber(id).ok));
  });

  test('given any valid number and any single-character substitution, then it is no longer valid', () => {
    const arb = fc.tuple(validIdArb, fc.integer({ min: 0, max: 17 }), fc.constantFrom(...'0123456789XxA '));
    fc.assert(
      fc.property(arb, ([id, index, replacement]) => {
        fc.pre(id[index] !== replacement);
        const flipped = id.slice(0, index) + replacement + id.slice(index + 1);
        expect(isValidCnIdNumber(flipped)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  test('given any 17 digits with their computed check character, then it is valid exactly when the region and date are', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (body) => {
        const expected = PROVINCES.includes(body.slice(0, 2)) && oracleDateOk(body.slice(6, 14));
        expect(isValidCnIdNumber(body + oracleCheckChar(body))).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
