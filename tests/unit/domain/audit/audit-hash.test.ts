import { auditHash, GENESIS_HASH, normalisePayload, type HashedAuditFields } from '../../../../platform/src/domain/audit/audit-hash';

const row: HashedAuditFields = {
  tenantId: '7f1d7c3e-0000-4000-8000-000000000001',
  seq: 1,
  at: new Date('2024-02-02T08:30:00.123Z'),
  actorId: null,
  actorLabel: 'system',
  action: 'tenant.created',
  subjectType: 'tenant',
  subjectId: 'x',
  payload: { b: 1, a: { d: [1, 2], c: '中文' } },
};

describe('auditHash', () => {
  it('is a hex SHA-256 and deterministic', () => {
    expect(auditHash(GENESIS_HASH, row)).toMatch(/^[0-9a-f]{64}$/);
    expect(auditHash(GENESIS_HASH, row)).toBe(auditHash(GENESIS_HASH, { ...row }));
  });

  it('does not depend on payload key order (jsonb reorders keys)', () => {
    expect(auditHash(GENESIS_HASH, { ...row, payload: { a: { c: '中文', d: [1, 2] }, b: 1 } })).toBe(auditHash(GENESIS_HASH, row));
  });

  it.each<[string, Partial<HashedAuditFields>]>([
    ['payload', { payload: { b: 2, a: { d: [1, 2], c: '中文' } } }],
    ['array order', { payload: { b: 1, a: { d: [2, 1], c: '中文' } } }],
    ['time', { at: new Date('2024-02-02T08:30:00.124Z') }],
    ['actor', { actorLabel: 'mallory' }],
    ['sequence', { seq: 2 }],
    ['action', { action: 'tenant.deleted' }],
  ])('changes when the %s changes', (_, change) => {
    expect(auditHash(GENESIS_HASH, { ...row, ...change })).not.toBe(auditHash(GENESIS_HASH, row));
  });

  it('covers the previous hash, which is what chains the rows', () => {
    expect(auditHash('1'.repeat(64), row)).not.toBe(auditHash(GENESIS_HASH, row));
  });
});

describe('normalisePayload', () => {
  it('does what a JSON round trip does: dates to strings, undefined members dropped', () => {
    expect(normalisePayload({ at: new Date('2024-01-01T00:00:00Z'), gone: undefined, n: 1 })).toEqual({ at: '2024-01-01T00:00:00.000Z', n: 1 });
    expect(normalisePayload(undefined)).toEqual({});
  });
});
