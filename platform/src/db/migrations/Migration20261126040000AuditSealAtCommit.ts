import { Migration } from '@mikro-orm/migrations';

/**
 * The audit chain is sealed by PostgreSQL at commit instead of by the
 * application mid-transaction (docs/performance.md, "Engine throughput").
 *
 * Before, an appender locked the tenant's `audit_chain_head`, computed hashes
 * in Node, inserted, and held the lock until its commit: every command of a
 * county queued behind the previous one's round trips and event-loop delays.
 * Now an appender inserts rows without seq/prev_hash/hash, carrying
 * `row_digest` (sha256 of the row's canonical content, computed in Node), and
 * a deferred constraint trigger seals the transaction's rows at commit: lock
 * the head, number the rows in insertion (id) order, hash each as
 * sha256(prev_hash || '\n' || seq || '\n' || row_digest), move the head. The
 * lock is held only for that and the commit itself.
 *
 * Rows written before keep their hash (no digest; verified with the old
 * formula). Unsealed rows are never visible to other transactions, and the
 * append-only trigger admits no update but the sealing of an unsealed row.
 */
export class Migration20261126040000AuditSealAtCommit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "audit_event" alter column "seq" drop not null, alter column "prev_hash" drop not null, alter column "hash" drop not null, add column "row_digest" varchar(64) null;`);
    this.addSql(`create index "audit_event_unsealed_index" on "audit_event" ("tenant_id") where "seq" is null;`);
    this.addSql(`create or replace function audit_event_append_only() returns trigger language plpgsql as $$
begin
  if tg_op = 'UPDATE' and old.seq is null and old.hash is null and new.seq is not null and new.hash is not null
     and (new.id, new.tenant_id, new.at, new.actor_id, new.actor_label, new.action, new.subject_type, new.subject_id, new.payload, new.row_digest)
         is not distinct from (old.id, old.tenant_id, old.at, old.actor_id, old.actor_label, old.action, old.subject_type, old.subject_id, old.payload, old.row_digest) then
    return new;
  end if;
  raise exception 'audit_event is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create function audit_seal() returns trigger language plpgsql as $$
declare
  head_seq bigint;
  head_hash text;
  pending record;
begin
  -- Fires at commit once per inserted row; the first firing seals all of the transaction's rows of the tenant.
  perform 1 from audit_event where id = new.id and seq is null;
  if not found then
    return null;
  end if;
  select seq, hash into head_seq, head_hash from audit_chain_head where tenant_id = new.tenant_id for update;
  if not found then
    raise exception 'audit chain of tenant % was never started', new.tenant_id;
  end if;
  for pending in select id, row_digest from audit_event where tenant_id = new.tenant_id and seq is null order by id loop
    if pending.row_digest is null then
      raise exception 'audit_event % has no digest to seal', pending.id;
    end if;
    head_seq := head_seq + 1;
    update audit_event
       set seq = head_seq, prev_hash = head_hash,
           hash = encode(sha256(convert_to(head_hash || E'\\n' || head_seq::text || E'\\n' || pending.row_digest, 'UTF8')), 'hex')
     where id = pending.id
    returning hash into head_hash;
  end loop;
  update audit_chain_head set seq = head_seq, hash = head_hash where tenant_id = new.tenant_id;
  return null;
end $$;`);
    this.addSql(`create constraint trigger audit_event_seal after insert on "audit_event" deferrable initially deferred for each row execute function audit_seal();`);
  }
}
