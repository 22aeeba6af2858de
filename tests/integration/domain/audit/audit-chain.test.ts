import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ManualClock } from '../../../../platform/src/clock';
import { auditHash, GENESIS_HASH } from '../../../../platform/src/domain/audit/audit-hash';
import { AuditLog, SYSTEM_ACTOR } from '../../../../platform/src/domain/audit/audit-log';
import { verifyAuditChain } from '../../../../platform/src/domain/audit/verify-audit-chain';
import { openTestDatabase, testDbKind, type TestDatabase } from '../../../helpers/test-database';

describe(`audit chain (${testDbKind()})`, () => {
  let db: TestDatabase;
  const clock = new ManualClock('2024-05-06T01:00:00Z');
  const audit = new AuditLog(clock);

  async function newTenantWithEvents(count: number): Promise<string> {
    const tenantId = randomUUID();
    await db.orm.em.fork().transactional(async (em) => {
      await em.execute('insert into tenant (id, code, name, pack_id, created_at) values (?, ?, ?, ?, now())', [tenantId, `t${tenantId.slice(0, 8)}`, 'T', 'p']);
      await audit.startChain(em, tenantId);
    });
    for (let i = 0; i < count; i++) {
      clock.advance(1000);
      await db.orm.em.fork().transactional((em) =>
        audit.append(em, tenantId, [
          { actor: { id: null, label: 'tester' }, action: 'test.event', subject: { type: 'thing', id: String(i) }, payload: { i, note: `第${i}条`, nested: { b: 2, a: [1, 'x'] } } },
        ]),
      );
    }
    return tenantId;
  }

  /** Stand-in for a DBA with superuser rights: the append-only trigger stops everyone else. */
  async function asSuperuser(em: EntityManager, sql: string, params: unknown[]): Promise<void> {
    await em.transactional(async (tx) => {
      await tx.execute('alter table audit_event disable trigger audit_event_append_only');
      await tx.execute(sql, params);
      await tx.execute('alter table audit_event enable trigger audit_event_append_only');
    });
  }

  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(() => db.close());

  it('given events appended one command at a time, the chain verifies', async () => {
    const tenantId = await newTenantWithEvents(12);
    const result = await verifyAuditChain(db.orm.em.fork(), tenantId);
    expect(result).toEqual({ tenantId, ok: true, rowsChecked: 12 });
  });

  it('given several entries in one append, they get consecutive seqs and link to each other', async () => {
    const tenantId = await newTenantWithEvents(1);
    await db.orm.em.fork().transactional((em) =>
      audit.append(em, tenantId, [1, 2, 3].map((n) => ({ actor: SYSTEM_ACTOR, action: 'batch', subject: { type: 'x', id: String(n) } }))),
    );
    const rows = await db.orm.em.fork().execute<{ seq: string }[]>('select seq from audit_event where tenant_id = ? order by seq', [tenantId]);
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4]);
    expect((await verifyAuditChain(db.orm.em.fork(), tenantId)).ok).toBe(true);
  });

  it('refuses UPDATE and DELETE on audit rows (append-only)', async () => {
    const tenantId = await newTenantWithEvents(1);
    const em = db.orm.em.fork();
    await expect(em.execute("update audit_event set action = 'x' where tenant_id = ?", [tenantId])).rejects.toThrow(/append-only/);
    await expect(em.execute('delete from audit_event where tenant_id = ?', [tenantId])).rejects.toThrow(/append-only/);
  });

  it('when a row is tampered with, verification names that row as the first broken one', async () => {
    const tenantId = await newTenantWithEvents(10);
    const em = db.orm.em.fork();
    const [victim] = await em.execute<{ id: string }[]>('select id from audit_event where tenant_id = ? and seq = 4', [tenantId]);
    await asSuperuser(em, `update audit_event set payload = jsonb_set(payload, '{note}', '"altered"') where id = ?`, [victim!.id]);
    const result = await verifyAuditChain(db.orm.em.fork(), tenantId);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toMatchObject({ id: String(victim!.id), seq: 4, reason: expect.stringMatching(/modified/) });
    expect(result.rowsChecked).toBe(3);
  });

  it('when a row is deleted from the middle, verification reports the gap', async () => {
    const tenantId = await newTenantWithEvents(6);
    await asSuperuser(db.orm.em.fork(), 'delete from audit_event where tenant_id = ? and seq = 3', [tenantId]);
    const result = await verifyAuditChain(db.orm.em.fork(), tenantId);
    expect(result.firstBroken).toMatchObject({ seq: 4, reason: expect.stringMatching(/gap/) });
  });

  it('when the newest rows are deleted, the chain head exposes the truncation', async () => {
    const tenantId = await newTenantWithEvents(5);
    await asSuperuser(db.orm.em.fork(), 'delete from audit_event where tenant_id = ? and seq >= 4', [tenantId]);
    const result = await verifyAuditChain(db.orm.em.fork(), tenantId);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.reason).toMatch(/removed from the end/);
  });

  it('given concurrent appenders on one tenant, the chain stays gap-free and verifies', async () => {
    const tenantId = await newTenantWithEvents(0);
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        db.orm.em.fork().transactional((em) => audit.append(em, tenantId, [{ actor: SYSTEM_ACTOR, action: 'race', subject: { type: 'x', id: String(i) } }])),
      ),
    );
    expect(await verifyAuditChain(db.orm.em.fork(), tenantId)).toEqual({ tenantId, ok: true, rowsChecked: 20 });
  });

  it('when the transaction that appended rolls back, the chain does not keep its entries', async () => {
    const tenantId = await newTenantWithEvents(2);
    await expect(
      db.orm.em.fork().transactional(async (em) => {
        await audit.append(em, tenantId, [{ actor: SYSTEM_ACTOR, action: 'doomed', subject: { type: 'x', id: '1' } }]);
        throw new Error('command failed');
      }),
    ).rejects.toThrow('command failed');
    expect(await verifyAuditChain(db.orm.em.fork(), tenantId)).toEqual({ tenantId, ok: true, rowsChecked: 2 });
  });

  it('given concurrent commands of several entries each, each command\'s entries are sealed consecutively, in the order it appended them', async () => {
    const tenantId = await newTenantWithEvents(0);
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        db.orm.em.fork().transactional((em) =>
          audit.append(em, tenantId, ['a', 'b', 'c'].map((step) => ({ actor: SYSTEM_ACTOR, action: `race.${step}`, subject: { type: 'cmd', id: String(i) } }))),
        ),
      ),
    );
    const rows = await db.orm.em.fork().execute<{ seq: string; action: string; subject_id: string }[]>('select seq, action, subject_id from audit_event where tenant_id = ? order by seq', [tenantId]);
    expect(rows).toHaveLength(36);
    for (let k = 0; k < 36; k += 3) {
      expect(rows.slice(k, k + 3).map((r) => r.action)).toEqual(['race.a', 'race.b', 'race.c']);
      expect(new Set(rows.slice(k, k + 3).map((r) => r.subject_id)).size).toBe(1);
    }
    expect(await verifyAuditChain(db.orm.em.fork(), tenantId)).toEqual({ tenantId, ok: true, rowsChecked: 36 });
  });

  it('given an open transaction that appended, its rows are unsealed inside it, invisible to others, and sealed onto the chain at commit', async () => {
    const tenantId = await newTenantWithEvents(2);
    const other = db.orm.em.fork();
    await db.orm.em.fork().transactional(async (em) => {
      await audit.append(em, tenantId, [{ actor: SYSTEM_ACTOR, action: 'pending', subject: { type: 'x', id: '1' } }]);
      const [inside] = await em.execute<{ seq: string | null; hash: string | null; row_digest: string }[]>("select seq, hash, row_digest from audit_event where tenant_id = ? and action = 'pending'", [tenantId]);
      expect(inside).toMatchObject({ seq: null, hash: null, row_digest: expect.stringMatching(/^[0-9a-f]{64}$/) });
      if (testDbKind() === 'postgres') {
        // PGlite has one connection, so "another transaction" exists only on a server.
        expect(await other.execute("select 1 from audit_event where tenant_id = ? and action = 'pending'", [tenantId])).toEqual([]);
      }
    });
    const [sealed] = await other.execute<{ seq: string; prev_hash: string }[]>("select seq, prev_hash from audit_event where tenant_id = ? and action = 'pending'", [tenantId]);
    const [head] = await other.execute<{ seq: string; hash: string }[]>('select seq, hash from audit_chain_head where tenant_id = ?', [tenantId]);
    expect(Number(sealed!.seq)).toBe(3);
    expect(Number(head!.seq)).toBe(3);
    expect(await verifyAuditChain(db.orm.em.fork(), tenantId)).toEqual({ tenantId, ok: true, rowsChecked: 3 });
  });

  it('given rows hashed whole by the appender before sealing at commit existed, the rows sealed after them continue the same chain', async () => {
    const tenantId = await newTenantWithEvents(0);
    const em = db.orm.em.fork();
    // Two rows as the earlier appender wrote them: seq and hash computed in Node, no digest.
    let prev = GENESIS_HASH;
    for (const seq of [1, 2]) {
      const at = new Date(`2024-05-0${seq}T00:00:00.000Z`);
      const hash = auditHash(prev, { tenantId, seq, at, actorId: null, actorLabel: 'system', action: 'legacy', subjectType: 'x', subjectId: String(seq), payload: { seq } });
      await em.execute('insert into audit_event (tenant_id, seq, at, actor_id, actor_label, action, subject_type, subject_id, payload, prev_hash, hash) values (?, ?, ?, null, ?, ?, ?, ?, ?::jsonb, ?, ?)', [
        tenantId, seq, at, 'system', 'legacy', 'x', String(seq), JSON.stringify({ seq }), prev, hash,
      ]);
      prev = hash;
    }
    await em.execute('update audit_chain_head set seq = 2, hash = ? where tenant_id = ?', [prev, tenantId]);
    await db.orm.em.fork().transactional((tx) => audit.append(tx, tenantId, [{ actor: SYSTEM_ACTOR, action: 'sealed', subject: { type: 'x', id: '3' } }]));
    const [third] = await em.execute<{ seq: string; prev_hash: string }[]>("select seq, prev_hash from audit_event where tenant_id = ? and action = 'sealed'", [tenantId]);
    expect(third).toEqual({ seq: '3', prev_hash: prev });
    expect(await verifyAuditChain(db.orm.em.fork(), tenantId)).toEqual({ tenantId, ok: true, rowsChecked: 3 });
  });

  it('refuses to re-seal a sealed row, and reports a committed row that escaped sealing', async () => {
    const tenantId = await newTenantWithEvents(2);
    const em = db.orm.em.fork();
    await expect(em.execute("update audit_event set seq = seq + 100, hash = repeat('0', 64) where tenant_id = ?", [tenantId])).rejects.toThrow(/append-only/);
    await em.transactional(async (tx) => {
      await tx.execute('alter table audit_event disable trigger audit_event_seal');
      await audit.append(tx, tenantId, [{ actor: SYSTEM_ACTOR, action: 'smuggled', subject: { type: 'x', id: '9' } }]);
      await tx.execute('alter table audit_event enable trigger audit_event_seal');
    });
    const result = await verifyAuditChain(db.orm.em.fork(), tenantId);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.reason).toMatch(/never sealed/);
  });
});
