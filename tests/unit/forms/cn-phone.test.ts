import fc from 'fast-check';
import {
  checkCnLandline,
  checkCnMobile,
  checkCnPhone,
  isValidCnLandline,
  isValidCnMobile,
  isValidCnPhone,
} from '../../../platform/src/forms/formats/cn-phone';

describe('cn-mobile', () => {
  test.each(['13800138000', '14712345678', '16612345678', '19912345678'])('given the mobile number %s, then it is valid', (n) => {
    expect(checkCnMobile(n)).toEqual({ ok: true });
  });

  test.each([
    ['+8613800138000', 'countryCode'],
    ['+86 13800138000', 'countryCode'],
    ['008613800138000', 'countryCode'],
    ['8613800138000', 'countryCode'],
    ['138-0013-8000', 'charset'],
    ['138 0013 8000', 'charset'],
    ['１３８００１３８０００', 'charset'],
    ['1380013800', 'length'],
    ['138001380001', 'length'],
    ['12345678901', 'prefix'],
    ['10086100860', 'prefix'],
  ])('given %s, then it is refused with reason %s', (n, reason) => {
    expect(checkCnMobile(n)).toEqual({ ok: false, reason });
  });

  test('given any 1[3-9] prefix and 9 more digits, then it is valid; given 1[0-2], then it is not', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.stringMatching(/^\d{9}$/), (second, rest) => {
        expect(isValidCnMobile(`1${second}${rest}`)).toBe(second >= 3);
      }),
    );
  });
});

describe('cn-landline', () => {
  test.each(['0537-4412345', '05374412345', '0537-44123456', '010-62345678', '01062345678', '021-52345678', '0537-4412345-801', '0537-4412345转801', '05374412345-8'])(
    'given the fixed-line number %s with its area code, then it is valid',
    (n) => {
      expect(checkCnLandline(n)).toEqual({ ok: true });
    },
  );

  test.each([
    ['4412345', 'areaCode'],
    ['44123456', 'areaCode'],
    ['537-4412345', 'areaCode'],
    ['011-62345678', 'areaCode'],
    ['0012345678', 'areaCode'],
    ['0537 4412345', 'charset'],
    ['(0537)4412345', 'charset'],
    ['0537－4412345', 'charset'],
    ['+86-537-4412345', 'countryCode'],
    ['010-2345678', 'number'],
    ['021-12345678', 'number'],
    ['0537-0412345', 'number'],
    ['0537-441234', 'number'],
    ['0537-441234567', 'number'],
    ['0537-4412345-1234567', 'number'],
    ['0537-4412345-', 'number'],
    ['0537--4412345', 'number'],
  ])('given %s, then it is refused with reason %s', (n, reason) => {
    expect(checkCnLandline(n)).toEqual({ ok: false, reason });
  });
});

describe('cn-phone', () => {
  test('given a mobile or a fixed line, then it is valid and says which', () => {
    expect(checkCnPhone('13800138000')).toEqual({ ok: true, kind: 'mobile' });
    expect(checkCnPhone('0537-4412345')).toEqual({ ok: true, kind: 'landline' });
    expect(isValidCnPhone('010-62345678-12')).toBe(true);
  });

  test('given a fixed line without its area code, then it is refused as a missing area code', () => {
    expect(checkCnPhone('4412345')).toEqual({ ok: false, reason: 'areaCode' });
    expect(checkCnPhone('44123456')).toEqual({ ok: false, reason: 'areaCode' });
    expect(isValidCnLandline('44123456')).toBe(false);
  });

  test('given a broken number, then the reason is that of the kind it resembles', () => {
    expect(checkCnPhone('0537-441234')).toEqual({ ok: false, reason: 'number' });
    expect(checkCnPhone('1380013800')).toEqual({ ok: false, reason: 'length' });
    expect(checkCnPhone('+8613800138000')).toEqual({ ok: false, reason: 'countryCode' });
    expect(checkCnPhone('+86-537-4412345')).toEqual({ ok: false, reason: 'countryCode' });
  });

  test.each(['12345', '95588', '400-123-4567', '4001234567', '800-810-8888'])('given the service number %s, then it is refused', (n) => {
    expect(isValidCnPhone(n)).toBe(false);
  });
});
