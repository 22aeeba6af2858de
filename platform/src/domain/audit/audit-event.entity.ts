import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import { Tenant } from '../tenant/tenant.entity';

/**
 * One entry of a tenant's append-only, hash-chained audit log. `hash` covers
 * the previous row's hash, so editing or deleting any row breaks every later
 * link, which `npm run audit:verify` reports. Written only by AuditLog, and
 * sealed (seq, prevHash, hash) by the database at commit; see AuditLog.
 */
export const AuditEvent = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  uniques: [{ properties: ['tenantId', 'seq'] }],
  // The rows a transaction is about to seal (Migration20261126040000AuditSealAtCommit).
  indexes: [{ name: 'audit_event_unsealed_index', expression: 'create index "audit_event_unsealed_index" on "audit_event" ("tenant_id") where "seq" is null' }],
  properties: {
    id: p.bigint('string').primary().autoincrement(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    /** Position in the tenant's chain, 1-based and gap-free; null only inside the appending transaction. */
    seq: p.bigint('number').nullable(),
    at: p.datetime(),
    actorId: p.uuid().nullable(),
    /** Who acted, readable without a join: a login name, or "system". */
    actorLabel: p.string().length(100),
    action: p.string().length(100),
    subjectType: p.string().length(50),
    subjectId: p.string().length(100),
    payload: p.json<Record<string, unknown>>(),
    prevHash: p.string().length(64).nullable(),
    hash: p.string().length(64).nullable(),
    /** sha256 of the row's content without its place in the chain; null on rows hashed before sealing at commit. */
    rowDigest: p.string().length(64).nullable(),
  },
});
export type AuditEvent = InferEntity<typeof AuditEvent>;

/** The tail of each tenant's chain; its row lock serialises appenders of one tenant. */
export const AuditChainHead = defineEntity({
  name: 'AuditChainHead',
  tableName: 'audit_chain_head',
  properties: {
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id').primary(),
    seq: p.bigint('number'),
    hash: p.string().length(64),
  },
});
export type AuditChainHead = InferEntity<typeof AuditChainHead>;
