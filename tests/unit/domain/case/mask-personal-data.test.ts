import type { FieldCatalog, PiiKind } from '../../../../platform/src/domain/case/field-catalog';
import { maskPersonalData, maskValue } from '../../../../platform/src/domain/case/mask-personal-data';

const catalog = (pii: Record<string, PiiKind>): FieldCatalog => ({ pii: new Map(Object.entries(pii)), counterparty: [], documentNumber: [], identifier: [] });
const qufu = catalog({ idNumber: 'id-number', uscc: 'uscc', contactPhone: 'phone', address: 'other', applicant: 'other' });

describe('maskValue', () => {
  it.each<[PiiKind, string, string]>([
    ['id-number', '37088119900101123X', '370881********123X'],
    ['id-number', '370881900101123', '370881*****1123'],
    ['uscc', '91370881MA3C12345X', '91370881********5X'],
    ['phone', '13812345678', '138****5678'],
    ['phone', '0537-4441567', '0537-****567'],
    ['phone', '053744415678', '0537*****678'],
    ['phone', '010-12345678', '010-*****678'],
    ['phone', '0537-4441567转123', '0537-****567转***'],
    ['phone', '+8613812345678', '**********5678'],
    ['phone', '4412345', '*******'],
    ['other', '张三丰', '张**'],
    ['other', '欧阳', '欧*'],
    ['other', '王', '*'],
    ['other', '山东省曲阜市鼓楼北街1号', '山东省***'],
    ['other', 'Zhang San', 'Zha***'],
  ])('given a %s value %s, when masked, then it reads %s', (kind, value, expected) => {
    expect(maskValue(kind, value)).toBe(expected);
  });

  it('given values no longer than the kept parts, when masked, then they are starred whole', () => {
    expect(maskValue('id-number', '3708811234')).toBe('**********');
    expect(maskValue('uscc', '9137')).toBe('****');
    expect(maskValue('phone', '138')).toBe('***');
    expect(maskValue('other', '')).toBe('');
  });

  it('given a name with a character outside the BMP, when masked, then no surrogate half is left', () => {
    expect(maskValue('other', '𠀀明')).toBe('𠀀*');
    expect(maskValue('other', '张𠀀')).toBe('张*');
  });

  it('given non-strings from untyped callers, when masked, then it stringifies and never throws', () => {
    expect(maskValue('phone', 13812345678 as unknown as string)).toBe('138****5678');
    expect(maskValue('other', null as unknown as string)).toBe('');
    const hostile = { toString: () => { throw new Error('no'); } };
    expect(maskValue('other', hostile as unknown as string)).toBe('');
  });
});

describe('maskPersonalData', () => {
  it('given case variables, when masked, then PII values are masked, others kept, and pointers listed', () => {
    const input = { itemName: '食品经营许可', idNumber: '37088119900101123X', contactPhone: '13812345678', address: '山东省曲阜市鼓楼北街1号', approved: true };
    const { value, masked } = maskPersonalData(input, qufu);
    expect(value).toEqual({ itemName: '食品经营许可', idNumber: '370881********123X', contactPhone: '138****5678', address: '山东省***', approved: true });
    expect(masked).toEqual(['/idNumber', '/contactPhone', '/address']);
    expect(input.idNumber).toBe('37088119900101123X');
  });

  it('given arrays of objects and PII containers, when masked, then leaves are masked with their own kind or the container kind', () => {
    const input = {
      items: [{ idNumber: '37088119900101123X', note: 'ok' }, { contactPhone: '05374441567' }],
      applicant: { name: '李四', contactPhone: '13812345678', age: 42, tags: ['a', 'bb'], ok: false, none: null },
    };
    const { value, masked } = maskPersonalData(input, qufu);
    expect(value).toEqual({
      items: [{ idNumber: '370881********123X', note: 'ok' }, { contactPhone: '0537****567' }],
      applicant: { name: '李*', contactPhone: '138****5678', age: '4*', tags: ['*', 'b*'], ok: false, none: null },
    });
    expect(masked).toEqual(['/items/0/idNumber', '/items/1/contactPhone', '/applicant/name', '/applicant/contactPhone', '/applicant/age', '/applicant/tags/0', '/applicant/tags/1']);
    expect(value.items).not.toBe(input.items);
  });

  it('given keys needing JSON-pointer escapes and a __proto__ key, when masked, then pointers are escaped and no prototype changes', () => {
    const input = JSON.parse('{"a/b": {"idNumber": "37088119900101123X"}, "m~n": [{"uscc": "91370881MA3C12345X"}], "__proto__": {"x": 1}}') as Record<string, unknown>;
    const { value, masked } = maskPersonalData(input, qufu);
    expect(masked).toEqual(['/a~1b/idNumber', '/m~0n/0/uscc']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
  });

  it('given scalars, empty strings and a cycle, when masked, then nothing throws and nothing is reported needlessly', () => {
    expect(maskPersonalData('37088119900101123X', qufu)).toEqual({ value: '37088119900101123X', masked: [] });
    expect(maskPersonalData({ idNumber: '' }, qufu)).toEqual({ value: { idNumber: '' }, masked: [] });
    const cyclic: Record<string, unknown> = { idNumber: '37088119900101123X' };
    cyclic.self = cyclic;
    expect(maskPersonalData(cyclic, qufu).value).toEqual({ idNumber: '370881********123X', self: null });
  });

  it('given a 100-row list with nested arrays, then every personal value of every row is masked and counted', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: i, idNumber: '37088119900101123X', contactPhone: '13812345678', address: '山东省曲阜市鼓楼北街1号', items: [{ uscc: '91370881MA3C12345X' }] }));
    const { value, masked } = maskPersonalData(rows, qufu);
    expect(masked).toHaveLength(400);
    expect(masked).toContain('/99/items/0/uscc');
    expect(JSON.stringify(value)).not.toMatch(/13812345678|37088119900101123X|91370881MA3C12345X/);
    expect(rows[0]!.idNumber).toBe('37088119900101123X'); // the input is not changed
  });
});
