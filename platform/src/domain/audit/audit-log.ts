import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { auditHash, GENESIS_HASH, normalisePayload, type HashedAuditFields } from './audit-hash';

/** Who did something: a user, or the platform itself ("system", a job, the seeder). */
export interface AuditActor {
  id: string | null;
  label: string;
}

/** One thing that happened, as a caller describes it. The log adds time, sequence and hashes. */
export interface AuditEntry {
  actor: AuditActor;
  /** Dotted verb, e.g. "auth.login", "org.liaison.designated", "task.completed". */
  action: string;
  subject: { type: string; id: string };
  payload?: Record<string, unknown>;
}

export const SYSTEM_ACTOR: AuditActor = { id: null, label: 'system' };

/**
 * Appends to a tenant's hash chain inside the caller's transaction, so an
 * audit entry commits or rolls back with the change it describes.
 *
 * Appenders of one tenant serialise on the chain-head row lock. Callers
 * should append once, at the end of a command, with all its entries: the lock
 * is then held only from that statement to the commit.
 */
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  /** Create the empty chain of a new tenant. */
  async startChain(em: EntityManager, tenantId: string): Promise<void> {
    await em.execute('insert into audit_chain_head (tenant_id, seq, hash) values (?, 0, ?)', [tenantId, GENESIS_HASH]);
  }

  async append(em: EntityManager, tenantId: string, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const [head] = await em.execute<{ seq: string; hash: string }[]>(
      'select seq, hash from audit_chain_head where tenant_id = ? for update',
      [tenantId],
    );
    if (!head) throw new Error(`audit chain of tenant ${tenantId} was never started`);
    let seq = Number(head.seq);
    let prevHash = head.hash;
    const at = this.clock.now();
    const values: unknown[] = [];
    for (const entry of entries) {
      seq += 1;
      const row: HashedAuditFields = {
        tenantId,
        seq,
        at,
        actorId: entry.actor.id,
        actorLabel: entry.actor.label,
        action: entry.action,
        subjectType: entry.subject.type,
        subjectId: entry.subject.id,
        payload: normalisePayload(entry.payload),
      };
      const hash = auditHash(prevHash, row);
      values.push(tenantId, seq, at, row.actorId, row.actorLabel, row.action, row.subjectType, row.subjectId, JSON.stringify(row.payload), prevHash, hash);
      prevHash = hash;
    }
    const placeholders = entries.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?)').join(', ');
    await em.execute(
      `insert into audit_event (tenant_id, seq, at, actor_id, actor_label, action, subject_type, subject_id, payload, prev_hash, hash) values ${placeholders}`,
      values,
    );
    await em.execute('update audit_chain_head set seq = ?, hash = ? where tenant_id = ?', [seq, prevHash, tenantId]);
  }
}
