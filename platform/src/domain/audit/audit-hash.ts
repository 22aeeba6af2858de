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
  const canonical = stableStringify({
    tenantId: row.tenantId,
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorLabel: row.actorLabel,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    payload: row.payload,
  });
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

/**
 * Payloads are stored as jsonb and hashed as JSON, so normalise them the way
 * a JSON round trip would (Dates to strings, undefined members dropped) before
 * hashing; otherwise a row would not verify after being read back.
 */
export function normalisePayload(payload: Record<string, unknown> | undefined): Record<string, unknown> {
  return payload === undefined ? {} : (JSON.parse(JSON.stringify(payload)) as Record<string, unknown>);
}
