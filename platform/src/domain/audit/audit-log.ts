import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { auditRowDigest, GENESIS_HASH, normalisePayload } from './audit-hash';

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
 * The append itself is one insert of unsealed rows (no sequence number, no
 * hash, only a digest of their content) and takes no lock. PostgreSQL seals
 * them at commit, in a deferred trigger (`audit_seal`,
 * Migration20261126040000AuditSealAtCommit): it locks the tenant's chain
 * head, numbers the transaction's rows in insertion order and links each to
 * the previous hash. So the chain stays gap-free and ordered, every committed
 * change has its entries in it, and the head's lock is held only for the
 * sealing and the commit, never across a round trip to this process: commands
 * of one county no longer queue behind each other's network and event-loop
 * latency (docs/performance.md). A rolled-back transaction leaves nothing.
 */
export class AuditLog {
  constructor(private readonly clock: Clock) {}

  /** Create the empty chain of a new tenant. */
  async startChain(em: EntityManager, tenantId: string): Promise<void> {
    await em.execute('insert into audit_chain_head (tenant_id, seq, hash) values (?, 0, ?)', [tenantId, GENESIS_HASH]);
  }

  /** Add entries, in order; they join the chain when the caller's transaction commits. */
  async append(em: EntityManager, tenantId: string, entries: AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const at = this.clock.now();
    const values: unknown[] = [];
    for (const entry of entries) {
      const payload = normalisePayload(entry.payload);
      const digest = auditRowDigest({
        tenantId,
        at,
        actorId: entry.actor.id,
        actorLabel: entry.actor.label,
        action: entry.action,
        subjectType: entry.subject.type,
        subjectId: entry.subject.id,
        payload,
      });
      values.push(tenantId, at, entry.actor.id, entry.actor.label, entry.action, entry.subject.type, entry.subject.id, JSON.stringify(payload), digest);
    }
    const placeholders = entries.map(() => '(?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)').join(', ');
    await em.execute(`insert into audit_event (tenant_id, at, actor_id, actor_label, action, subject_type, subject_id, payload, row_digest) values ${placeholders}`, values);
  }
}
