import { createHash } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';

/** The chain's anchor: the `prevHash` of every tenant's first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an audit row that its hash covers (everything but the database id). */
export interface HashedAuditFields {
  tenantId: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

/**
 * sha256(prevHash + canonical JSON of the row). Keys are sorted so the hash
 * survives PostgreSQL's jsonb key reordering; the instant is hashed as an ISO
 * string with milliseconds, which timestamptz stores exactly.
 */
export function auditHash(prevHash: string, row: HashedAuditFields): string {
  const canonical = stableStringify({ ...hashedContent(row), seq: row.seq });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/** The fields a sealed row's digest covers: everything but the database id and its place in the chain. */
export type DigestedAuditFields = Omit<HashedAuditFields, 'seq'>;

/**
 * sha256 of the canonical JSON of a row without its place in the chain,
 * computed by the appender. The database seals the row at commit from this
 * digest alone (see {@link sealedHash}), so the chain's lock is taken and
 * released inside PostgreSQL, without a round trip to the application.
 */
export function auditRowDigest(row: DigestedAuditFields): string {
  return createHash('sha256').update(stableStringify(hashedContent(row))).digest('hex');
}

/** What both hashes cover of a row besides its place in the chain; stableStringify sorts the keys. */
function hashedContent(row: DigestedAuditFields): Record<string, unknown> {
  return {
    tenantId: row.tenantId,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    payload: row.payload,
  };
}

/**
 * The hash of a row sealed at commit: sha256(prevHash + "\n" + seq + "\n" +
 * digest), exactly what the database's `audit_seal()` trigger computes
 * (Migration20261126040000AuditSealAtCommit). Rows written before that
 * migration keep {@link auditHash}; verification tells them apart by their
 * digest column.
 */
export function sealedHash(prevHash: string, seq: number, digest: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${digest}`, 'utf8').digest('hex');
}

/**
 * Payloads are stored as jsonb and hashed as JSON, so normalise them the way
 * a JSON round trip would (Dates to strings, undefined members dropped) before
 * hashing; otherwise a row would not verify after being read back.
 */
export function normalisePayload(payload: Record<string, unknown> | undefined): Record<string, unknown> {
  return payload === undefined ? {} : (JSON.parse(JSON.stringify(payload)) as Record<string, unknown>);
}
