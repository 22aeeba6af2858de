import type { EntityManager } from '@mikro-orm/postgresql';
import { auditHash, auditRowDigest, GENESIS_HASH, sealedHash } from './audit-hash';

/** Outcome of checking one tenant's chain. `firstBroken` names the earliest row that does not verify. */
export interface ChainVerification {
  tenantId: string;
  ok: boolean;
  rowsChecked: number;
  firstBroken?: { id: string; seq: number; reason: string };
}

interface AuditRow {
  id: string;
  seq: string;
  at: Date;
  actor_id: string | null;
  actor_label: string;
  action: string;
  subject_type: string;
  subject_id: string;
  payload: Record<string, unknown>;
  prev_hash: string;
  hash: string;
  row_digest: string | null;
}

const BATCH = 5_000;

/**
 * Recompute a tenant's chain from the genesis hash and report the first row
 * whose content, link, or position does not match; a truncated tail shows up
 * as a head that points past the last row. Reads in keyset-paged batches so
 * millions of rows need constant memory.
 */
export async function verifyAuditChain(em: EntityManager, tenantId: string): Promise<ChainVerification> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let lastSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await em.execute<AuditRow[]>(
      `select id, seq, at, actor_id, actor_label, action, subject_type, subject_id, payload, prev_hash, hash, row_digest
         from audit_event where tenant_id = ? and seq > ? order by seq limit ?`,
      [tenantId, lastSeq, BATCH],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      const broken = (reason: string): ChainVerification => ({ tenantId, ok: false, rowsChecked: checked, firstBroken: { id: String(row.id), seq, reason } });
      if (seq !== expectedSeq) return broken(`sequence gap: expected ${expectedSeq}, found ${seq} (a row was deleted)`);
      if (row.prev_hash !== expectedPrev) return broken('prev_hash does not match the previous row');
      const fields = {
        tenantId,
        at: new Date(row.at),
        actorId: row.actor_id,
        actorLabel: row.actor_label,
        action: row.action,
        subjectType: row.subject_type,
        subjectId: row.subject_id,
        payload: row.payload,
      };
      // Rows sealed at commit carry a digest of their content; older rows were hashed whole by the appender.
      if (row.row_digest !== null && auditRowDigest(fields) !== row.row_digest) return broken('content does not match its digest (the row was modified)');
      const recomputed = row.row_digest !== null ? sealedHash(row.prev_hash, seq, row.row_digest) : auditHash(row.prev_hash, { ...fields, seq });
      if (recomputed !== row.hash) return broken('content does not match its hash (the row was modified)');
      expectedPrev = row.hash;
      expectedSeq += 1;
      checked += 1;
    }
    if (rows.length < BATCH) break;
    lastSeq = Number(rows[rows.length - 1]!.seq);
  }
  // Sealing happens at commit, so a committed row outside the chain was put there by hand (or the trigger was dropped).
  const [unsealed] = await em.execute<{ id: string }[]>('select id from audit_event where tenant_id = ? and seq is null order by id limit 1', [tenantId]);
  if (unsealed) return { tenantId, ok: false, rowsChecked: checked, firstBroken: { id: String(unsealed.id), seq: checked + 1, reason: 'a committed row was never sealed into the chain (the seal trigger is missing?)' } };
  const [head] = await em.execute<{ seq: string; hash: string }[]>('select seq, hash from audit_chain_head where tenant_id = ?', [tenantId]);
  if (head && (Number(head.seq) !== checked || head.hash !== expectedPrev)) {
    return { tenantId, ok: false, rowsChecked: checked, firstBroken: { id: '-', seq: checked + 1, reason: `chain head points to seq ${head.seq} but the log ends at ${checked} (rows were removed from the end)` } };
  }
  return { tenantId, ok: true, rowsChecked: checked };
}
