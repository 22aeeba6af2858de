import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { buildFieldCatalog } from '../../../../platform/src/domain/case/field-catalog';

const formsDir = path.resolve(__dirname, '../../../../definitions/qufu-2023/forms');

function qufuSchemas(): unknown[] {
  return readdirSync(formsDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(formsDir, f), 'utf8')) as unknown);
}

const form = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  properties,
  ...extra,
});

describe('buildFieldCatalog', () => {
  it('given the real Qufu forms, when the catalog is built, then ID, USCC, phone and address are personal data and the search keys are found', () => {
    const catalog = buildFieldCatalog(qufuSchemas());
    expect(catalog.pii.get('idNumber')).toBe('id-number');
    expect(catalog.pii.get('uscc')).toBe('uscc');
    expect(catalog.pii.get('contactPhone')).toBe('phone');
    expect(catalog.pii.get('address')).toBe('other');
    expect(catalog.counterparty).toContain('counterpartyName');
    expect(catalog.documentNumber).toContain('legalDocNumber');
    expect(catalog.identifier).toEqual(expect.arrayContaining(['idNumber', 'uscc']));
    expect(catalog.pii.has('itemName')).toBe(false);
    expect(catalog.titles?.get('idNumber')).toBe('公民身份号码');
  });

  it('given the same forms in another order, when built twice, then the catalog is identical and sorted', () => {
    const schemas = qufuSchemas();
    const a = buildFieldCatalog(schemas);
    const b = buildFieldCatalog([...schemas].reverse());
    expect([...b.pii.entries()]).toEqual([...a.pii.entries()]);
    expect(b.counterparty).toEqual(a.counterparty);
    expect(b.documentNumber).toEqual(a.documentNumber);
    expect(b.identifier).toEqual(a.identifier);
    const keys = [...a.pii.keys()];
    expect(keys).toEqual([...keys].sort());
    expect(a.identifier).toEqual([...a.identifier].sort());
  });

  it('given formats and annotations, when classified, then each maps to its kind and search role', () => {
    const catalog = buildFieldCatalog([
      form({
        personId: { type: 'string', format: 'cn-id-number' },
        orgCode: { type: 'string', format: 'cn-uscc' },
        mobile: { type: 'string', format: 'cn-mobile' },
        office: { type: 'string', format: 'cn-landline' },
        licenceNo: { type: 'string', 'x-search': 'identifier' },
        caseNo: { type: 'string', 'x-search': 'document-number' },
        decisionNo: { type: 'string', format: 'legal-doc-number' },
        holder: { type: 'string', 'x-search': 'counterparty' },
        applicantName: { type: 'string', 'x-pii': true },
        notes: { type: 'string', 'x-pii': false },
      }),
    ]);
    expect(Object.fromEntries(catalog.pii)).toEqual({
      applicantName: 'other', licenceNo: 'other', mobile: 'phone', office: 'phone', orgCode: 'uscc', personId: 'id-number',
    });
    expect(catalog.identifier).toEqual(['licenceNo', 'orgCode', 'personId']);
    expect(catalog.documentNumber).toEqual(['caseNo', 'decisionNo']);
    expect(catalog.counterparty).toEqual(['holder']);
  });

  it('given fields inside arrays, combinators, conditionals and $defs, when walked, then nested PII is found but only top-level fields are search keys', () => {
    const catalog = buildFieldCatalog([
      form(
        {
          items: { type: 'array', items: { type: 'object', properties: { contactPhone: { format: 'cn-phone' }, innerDocNo: { format: 'legal-doc-number' } } } },
          pair: { type: 'array', prefixItems: [{ type: 'object', properties: { firstId: { format: 'cn-id-number' } } }] },
          holder: { $ref: '#/$defs/holder' },
          validUntil: { anyOf: [{ format: 'date' }, { const: '长期' }] },
          phones: { type: 'array', items: { type: 'string', format: 'cn-mobile' } },
        },
        {
          allOf: [{ if: { properties: { kind: { const: 'a' } } }, then: { properties: { thenDoc: { format: 'legal-doc-number' } } }, else: { properties: { elseId: { format: 'cn-uscc-structure' } } } }],
          oneOf: [{ properties: { oneOfName: { 'x-pii': true, 'x-search': 'counterparty' } } }],
          $defs: {
            holder: { type: 'object', properties: { holderName: { type: 'string', 'x-pii': true } } },
            unused: { type: 'object', properties: { secret: { 'x-pii': true } } },
          },
        },
      ),
    ]);
    expect(Object.fromEntries(catalog.pii)).toEqual({
      contactPhone: 'phone', elseId: 'uscc', firstId: 'id-number', holderName: 'other', oneOfName: 'other', phones: 'phone', secret: 'other',
    });
    expect(catalog.documentNumber).toEqual(['thenDoc']);
    expect(catalog.identifier).toEqual(['elseId']);
    expect(catalog.counterparty).toEqual(['oneOfName']);
    expect(catalog.pii.has('validUntil')).toBe(false);
  });

  it('given one name marked differently in two forms, when merged, then PII anywhere wins and conflicting kinds fall back to other', () => {
    const catalog = buildFieldCatalog([
      form({ contact: { type: 'string' }, code: { format: 'cn-id-number' }, idNumber: { 'x-pii': true } }),
      form({ contact: { type: 'string', format: 'cn-phone' }, code: { format: 'cn-mobile' }, idNumber: { format: 'cn-id-number' } }),
    ]);
    expect(catalog.pii.get('contact')).toBe('phone');
    expect(catalog.pii.get('code')).toBe('other');
    expect(catalog.pii.get('idNumber')).toBe('id-number');
  });

  it('given garbage, self-referencing and boolean schemas, when built, then it does not throw', () => {
    const loop: Record<string, unknown> = form({ child: { $ref: '#' }, tag: { format: 'cn-mobile' }, bad: { $ref: '#/$defs/missing' }, odd: { $ref: '#/%E0%A4%A' } });
    expect(() => buildFieldCatalog([null, 42, 'x', true, [], { properties: 'no' }, { properties: { a: true, b: null } }, loop])).not.toThrow();
    expect(buildFieldCatalog([loop]).pii.get('tag')).toBe('phone');
    expect(buildFieldCatalog(undefined as unknown as unknown[]).pii.size).toBe(0);
  });

  it('given a field marked x-search and another found by format alone, the marked one comes first (lists show the first a case has)', () => {
    const catalog = buildFieldCatalog([
      { type: 'object', properties: { deliveryDocNumber: { type: 'string', format: 'legal-doc-number' } } },
      { type: 'object', properties: { legalDocNumber: { type: 'string', format: 'legal-doc-number', 'x-search': 'document-number' } } },
    ]);
    expect(catalog.documentNumber).toEqual(['legalDocNumber', 'deliveryDocNumber']);
  });
});
