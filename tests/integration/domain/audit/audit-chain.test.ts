import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ManualClock } from '../../../../platform/src/clock';
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
});
