import { createAjv } from '../../../platform/src/forms/ajv-factory';
import { UsccOverrideSchemaError } from '../../../platform/src/forms/formats/uscc-checksum-override';

const VALID = '91350100M000100Y43';
const CHECKSUM_FAILS = '91350100M000100Y44';

function holder(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'object',
    properties: {
      uscc: { type: 'string', format: 'cn-uscc-structure' },
      usccChecksumOverrideReason: { type: 'string' },
    },
    'x-uscc-checksum-override': { uscc: 'usccChecksumOverrideReason' },
    ...extra,
  };
}

describe('x-uscc-checksum-override', () => {
  const ajv = createAjv();
  const validate = ajv.compile(holder());

  test('given a code that passes its checksum, then no reason is needed', () => {
    expect(validate({ uscc: VALID })).toBe(true);
  });

  test('given a code that fails only its checksum and no reason, then one error points at the code and names the reason field', () => {
    expect(validate({ uscc: CHECKSUM_FAILS })).toBe(false);
    expect(validate.errors).toEqual([
      {
        keyword: 'x-uscc-checksum-override',
        instancePath: '/uscc',
        schemaPath: '#/x-uscc-checksum-override',
        params: { overrideProperty: 'usccChecksumOverrideReason' },
        message: 'fails the GB 32100 check character; it is accepted only with a reason in "usccChecksumOverrideReason"',
      },
    ]);
  });

  test('given a code that fails only its checksum and a blank reason, then it is still refused', () => {
    expect(validate({ uscc: CHECKSUM_FAILS, usccChecksumOverrideReason: ' \u3000 ' })).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/uscc']);
  });

  test('given a code that fails only its checksum and a written reason, then it is accepted', () => {
    expect(validate({ uscc: CHECKSUM_FAILS, usccChecksumOverrideReason: '2016 年早期赋码，营业执照原件已核验' })).toBe(true);
  });

  test('given a malformed code with a reason, then the reason does not excuse it: the format refuses it', () => {
    expect(validate({ uscc: '91350100M000100I43', usccChecksumOverrideReason: 'please' })).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([['/uscc', 'format']]);
  });

  test('given the holder nested in an array, then the error path includes the array index', () => {
    const nested = ajv.compile({ type: 'object', properties: { parties: { type: 'array', items: holder() } } });
    expect(nested({ parties: [{ uscc: VALID }, { uscc: CHECKSUM_FAILS }] })).toBe(false);
    expect(nested.errors?.map((e) => e.instancePath)).toEqual(['/parties/1/uscc']);
  });

  test('given two codes in one object, then each is judged with its own reason field and a property name is escaped in the pointer', () => {
    const two = ajv.compile({
      type: 'object',
      properties: {
        'a/b': { type: 'string', format: 'cn-uscc-structure' },
        aReason: { type: 'string' },
        other: { type: 'string', format: 'cn-uscc-structure' },
        otherReason: { type: 'string' },
      },
      'x-uscc-checksum-override': { 'a/b': 'aReason', other: 'otherReason' },
    });
    expect(two({ 'a/b': CHECKSUM_FAILS, other: CHECKSUM_FAILS, otherReason: 'checked' })).toBe(false);
    expect(two.errors?.map((e) => e.instancePath)).toEqual(['/a~1b']);
  });

  test('given a property the keyword names but the object does not declare, then compiling fails with UsccOverrideSchemaError', () => {
    const schema = holder({ 'x-uscc-checksum-override': { uscc: 'reason' } });
    expect(() => createAjv().compile(schema)).toThrow(UsccOverrideSchemaError);
    expect(() => createAjv().compile(schema)).toThrow('"reason" is not declared');
  });

  test('given a code property with the strict cn-uscc format or no format, then compiling fails and says which format is needed', () => {
    const strict = holder({ properties: { uscc: { type: 'string', format: 'cn-uscc' }, r: { type: 'string' } }, 'x-uscc-checksum-override': { uscc: 'r' } });
    const none = holder({ properties: { uscc: { type: 'string' }, r: { type: 'string' } }, 'x-uscc-checksum-override': { uscc: 'r' } });
    expect(() => createAjv().compile(strict)).toThrow('"uscc" must declare "format": "cn-uscc-structure" (found "cn-uscc")');
    expect(() => createAjv().compile(none)).toThrow(UsccOverrideSchemaError);
  });

  test('given a code that is its own reason, then compiling fails', () => {
    expect(() => createAjv().compile(holder({ 'x-uscc-checksum-override': { uscc: 'uscc' } }))).toThrow('cannot be its own override reason');
  });

  test('given a keyword value that is not a non-empty map of names, then compiling fails', () => {
    expect(() => createAjv().compile(holder({ 'x-uscc-checksum-override': {} }))).toThrow(UsccOverrideSchemaError);
    expect(() => createAjv().compile(holder({ 'x-uscc-checksum-override': { uscc: '' } }))).toThrow('the reason property for "uscc" must be a non-empty property name');
    expect(() => createAjv().compile(holder({ 'x-uscc-checksum-override': { uscc: 1 } }))).toThrow(UsccOverrideSchemaError);
    expect(() => createAjv().compile(holder({ 'x-uscc-checksum-override': 'usccChecksumOverrideReason' }))).toThrow('x-uscc-checksum-override value must be ["object"]');
  });

  test('given the keyword on a schema without type object, then strict mode refuses it when compiling', () => {
    const { type: _untyped, ...schema } = holder();
    expect(() => createAjv().compile(schema)).toThrow(/strict mode/);
  });
});
