import Ajv from 'ajv';
import { createAjv } from '../../../platform/src/forms/ajv-factory';
import { cnFormatValidators, registerCnFormats } from '../../../platform/src/forms/formats/register-formats';
import { toFieldErrors } from '../../../platform/src/http/validate-request';

/** A cut-down 审批信息推送 form (第二十条 fields) using every custom format and the override keyword. */
const approvalPushForm = {
  $id: 'urn:test:forms:approval-push',
  type: 'object',
  properties: {
    legalDocNumber: { type: 'string', format: 'legal-doc-number' },
    applicantIdNumber: { type: 'string', format: 'cn-id-number' },
    uscc: { type: 'string', format: 'cn-uscc-structure' },
    usccChecksumOverrideReason: { type: 'string' },
    issuerUscc: { type: 'string', format: 'cn-uscc' },
    mobile: { type: 'string', format: 'cn-mobile' },
    officeLine: { type: 'string', format: 'cn-landline' },
    contact: { type: 'string', format: 'cn-phone' },
  },
  required: ['legalDocNumber', 'contact'],
  additionalProperties: false,
  'x-uscc-checksum-override': { uscc: 'usccChecksumOverrideReason' },
};

const validSubmission = {
  legalDocNumber: '曲行审〔2024〕15号',
  applicantIdNumber: '11010519491231002X',
  uscc: '91350100M000100Y43',
  issuerUscc: '91350100M000100Y43',
  mobile: '13800138000',
  officeLine: '0537-4412345',
  contact: '0537-4412345转801',
};

describe('createAjv with the Chinese formats', () => {
  const ajv = createAjv();
  const validate = ajv.compile(approvalPushForm);

  test('given a form using every format and a valid submission, then it passes', () => {
    expect(validate(validSubmission)).toBe(true);
  });

  test('given one bad value per field, then each error names its field and format', () => {
    const bad = {
      legalDocNumber: '   ',
      applicantIdNumber: '110105194902300021',
      uscc: '91350100M000100Y44',
      issuerUscc: '91350100M000100Y44',
      mobile: '+8613800138000',
      officeLine: '4412345',
      contact: '12345',
    };
    expect(validate(bad)).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.message])).toEqual([
      ['/legalDocNumber', 'must match format "legal-doc-number"'],
      ['/applicantIdNumber', 'must match format "cn-id-number"'],
      ['/issuerUscc', 'must match format "cn-uscc"'],
      ['/mobile', 'must match format "cn-mobile"'],
      ['/officeLine', 'must match format "cn-landline"'],
      ['/contact', 'must match format "cn-phone"'],
      ['/uscc', 'fails the GB 32100 check character; it is accepted only with a reason in "usccChecksumOverrideReason"'],
    ]);
  });

  test('given a checksum-failing code with an override reason, then only the strict field still objects', () => {
    const data = { ...validSubmission, uscc: '91350100M000100Y44', usccChecksumOverrideReason: '早期赋码，经登记机关核实', issuerUscc: '91350100M000100Y44' };
    expect(validate(data)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(['/issuerUscc']);
  });

  test('given errors from a form submission, then the field pointers a client sees are /body/data/<field>', () => {
    validate({ ...validSubmission, uscc: '91350100M000100Y44', mobile: '1380013800' });
    expect(toFieldErrors('body/data', validate.errors).map((e) => e.pointer)).toEqual(['/body/data/mobile', '/body/data/uscc']);
  });

  test('given a format value that is not a string, then the format leaves it to the type keyword', () => {
    expect(validate({ ...validSubmission, mobile: 13800138000 })).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([['/mobile', 'type']]);
  });

  test('given the existing behaviour, then ajv-formats still work and strict mode still refuses unknown keywords', () => {
    expect(ajv.validate({ type: 'string', format: 'date' }, '2024-02-30')).toBe(false);
    expect(() => createAjv().compile({ type: 'string', 'x-unknown': true })).toThrow(/strict mode/);
  });
});

describe('createAjv formatOptions', () => {
  test('given a jurisdiction-wide legal document pattern, then legal-doc-number uses it instead of the default rule', () => {
    const ajv = createAjv({ formatOptions: { legalDocNumberPattern: /JY\d{14}/g } });
    const validate = ajv.compile({ type: 'string', format: 'legal-doc-number' });
    expect([validate('JY13708810012345'), validate('JY13708810012345')]).toEqual([true, true]);
    expect(validate('曲行审〔2024〕15号')).toBe(false);
    expect(createAjv().validate({ type: 'string', format: 'legal-doc-number' }, '曲行审〔2024〕15号')).toBe(true);
  });

  test('given formatOptions and Ajv options together, then Ajv gets its own options and not ours', () => {
    const ajv = createAjv({ coerceTypes: true, formatOptions: {} });
    expect(ajv.opts.coerceTypes).toBe(true);
    expect('formatOptions' in ajv.opts).toBe(false);
  });

  test('given a pack that narrows one field with the standard pattern keyword, then both the format and the pattern apply', () => {
    const validate = createAjv().compile({ type: 'string', format: 'legal-doc-number', pattern: '^曲' });
    expect(validate('曲行审〔2024〕15号')).toBe(true);
    expect(validate('鲁（2023）曲阜市不动产权第0001234号')).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('pattern');
    expect(validate('曲')).toBe(false);
    expect(validate.errors?.[0]?.keyword).toBe('format');
  });
});

describe('registerCnFormats outside the factory (the browser path)', () => {
  test('given a draft-07 Ajv instance, then the same formats and keyword register and validate', () => {
    const ajv = registerCnFormats(new Ajv({ strict: true, allErrors: true }));
    const { $id: _id, ...draft07Form } = approvalPushForm;
    const validate = ajv.compile(draft07Form);
    expect(validate(validSubmission)).toBe(true);
    expect(validate({ ...validSubmission, uscc: '91350100M000100Y44' })).toBe(false);
  });

  test('given the validators map, then it lists exactly the registered format names', () => {
    expect(Object.keys(cnFormatValidators()).sort()).toEqual(['cn-id-number', 'cn-landline', 'cn-mobile', 'cn-phone', 'cn-uscc', 'cn-uscc-structure', 'legal-doc-number']);
    expect(cnFormatValidators()['cn-uscc']('91350100M000100Y43')).toBe(true);
  });

  test('given an instance that already has the keyword, then registering again throws instead of silently replacing it', () => {
    expect(() => registerCnFormats(createAjv())).toThrow(/already defined/);
  });
});
