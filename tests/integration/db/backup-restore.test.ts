import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { MikroORM } from '@mikro-orm/postgresql';
import { ManualClock } from '../../../platform/src/clock';
import { openDatabase } from '../../../platform/src/db/database';
import { verifyAllTenants } from '../../../platform/src/domain/audit/verify-all-tenants';
import { completeTask } from '../../../platform/src/engine/commands/task-commands';
import { createServices, type Services } from '../../../platform/src/services';
import { bpmnProcess, endAfter, flow } from '../../helpers/engine-harness';
import { cheapHasher, createTestTenant } from '../../helpers/test-app';
import { createEmptyPostgresDatabase, openTestDatabase, testDbKind } from '../../helpers/test-database';

/**
 * Backup and restore as docs/reliability.md tells operators to do them: a
 * pg_dump/pg_restore round trip of a populated PostgreSQL database, and a copy
 * of a stopped embedded server's data directory. Both must give back every
 * row, a verifying audit chain, and cases that go on working.
 */
const run = promisify(execFile);
const clock = new ManualClock('2024-03-04T02:00:00Z');
const actor = { id: null, label: 'tester' };

const REVIEW = bpmnProcess(
  'review',
  `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'examine')}
   <bpmn:userTask id="examine" name="审查" cm:formKey="review" cm:candidateDepartments="market" cm:deadline="3WD" cm:calendar="cn-statutory"/>
   <bpmn:boundaryEvent id="overdue" attachedToRef="examine" cancelActivity="false"><bpmn:timerEventDefinition cm:atTaskDeadline="true"/></bpmn:boundaryEvent>
   ${endAfter('overdue')}
   ${endAfter('examine')}`,
);

/** A county with a published procedure, three cases waiting with deadline timers and one finished. */
async function populate(orm: MikroORM): Promise<{ services: Services; tenantId: string; openTaskIds: string[] }> {
  const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12 });
  const tenant = await createTestTenant(orm.em.fork(), { clock, ...services }, 'backupcounty');
  await services.forms.publish(orm.em.fork(), { tenantId: tenant.id, formKey: 'review', title: '审查', schema: { type: 'object', properties: { opinion: { type: 'string' } } }, actor });
  await services.definitions.publish(orm.em.fork(), { tenantId: tenant.id, xml: REVIEW, actor });
  for (const name of ['甲公司', '乙公司', '丙公司', '丁公司']) {
    await services.engine.startCase(orm.em.fork(), { tenantId: tenant.id, processKey: 'review', variables: { counterparty: name }, actor });
  }
  const tasks = await openTasks(orm, tenant.id);
  await completeTask(services.engine, orm.em.fork(), await staff(orm, tenant.id), tasks[0]!, { opinion: '同意' });
  return { services, tenantId: tenant.id, openTaskIds: tasks.slice(1) };
}

async function openTasks(orm: MikroORM, tenantId: string): Promise<string[]> {
  const rows = await orm.em.fork().execute<{ id: string }[]>("select id from task where tenant_id = ? and status in ('open', 'claimed') order by created_at, id", [tenantId]);
  return rows.map((r) => r.id);
}

async function staff(orm: MikroORM, tenantId: string) {
  const [u] = await orm.em.fork().execute<{ id: string }[]>("select id from app_user where tenant_id = ? and login = 'market-staff'", [tenantId]);
  return { tenantId, userId: u!.id, actor: { id: u!.id, label: 'market-staff' } };
}

/** Every table's row count and a digest of its rows in a stable order: equal snapshots mean equal data. */
async function snapshot(orm: MikroORM): Promise<Record<string, string>> {
  const em = orm.em.fork();
  const tables = await em.execute<{ table_name: string }[]>("select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name");
  const out: Record<string, string> = {};
  for (const { table_name: t } of tables) {
    const [row] = await em.execute<{ n: string; digest: string | null }[]>(`select count(*) as n, md5(string_agg(x::text, '|' order by x::text)) as digest from "${t}" x`);
    out[t] = `${row!.n}:${row!.digest ?? ''}`;
  }
  return out;
}

/** After a restore: the chains verify and a waiting case can still be finished, which writes tasks, audit and timers. */
async function expectWorking(orm: MikroORM, tenantId: string, openTaskIds: string[]): Promise<void> {
  const chains = await verifyAllTenants(orm.em.fork());
  expect(chains.length).toBeGreaterThan(0);
  expect(chains.every((c) => c.ok && c.rowsChecked > 0)).toBe(true);
  const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12 });
  await completeTask(services.engine, orm.em.fork(), await staff(orm, tenantId), openTaskIds[0]!, { opinion: '恢复后办结' });
  expect(await openTasks(orm, tenantId)).toEqual(openTaskIds.slice(1));
  expect((await verifyAllTenants(orm.em.fork())).every((c) => c.ok)).toBe(true);
}

describe('backup and restore', () => {
  if (testDbKind() === 'postgres') {
    it('given a populated database, when it is dumped with pg_dump and restored with pg_restore into an empty one, then every row is back, the chain verifies and cases go on', async () => {
      const source = await openTestDatabase();
      const target = await createEmptyPostgresDatabase();
      const dumpDir = mkdtempSync(path.join(os.tmpdir(), 'dump-'));
      try {
        const { tenantId, openTaskIds } = await populate(source.orm);
        const before = await snapshot(source.orm);
        expect(Number(before.case_instance!.split(':')[0])).toBe(4);
        expect(Number(before.job!.split(':')[0])).toBeGreaterThan(0);
        const file = path.join(dumpDir, 'backup.dump');
        await run('pg_dump', ['--format=custom', `--file=${file}`, source.url!]);
        await run('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target.url}`, file]);
        const restored = await openDatabase({ kind: 'postgres', url: target.url, poolMax: 2 });
        try {
          expect(await snapshot(restored.orm)).toEqual(before);
          await expectWorking(restored.orm, tenantId, openTaskIds);
        } finally {
          await restored.close();
        }
      } finally {
        await source.close();
        await target.drop();
        rmSync(dumpDir, { recursive: true, force: true });
      }
    });
  } else {
    it('given a stopped embedded server, when its data directory is copied and opened, then every row is back, the chain verifies and cases go on', async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'pglite-backup-'));
      try {
        const original = path.join(root, 'pg');
        const copy = path.join(root, 'pg-copy');
        const db = await openDatabase({ kind: 'pglite', dataDir: original });
        let tenantId = '';
        let openTaskIds: string[] = [];
        let before: Record<string, string> = {};
        try {
          ({ tenantId, openTaskIds } = await populate(db.orm));
          before = await snapshot(db.orm);
        } finally {
          await db.close();
        }
        cpSync(original, copy, { recursive: true });
        const restored = await openDatabase({ kind: 'pglite', dataDir: copy });
        try {
          expect(await snapshot(restored.orm)).toEqual(before);
          await expectWorking(restored.orm, tenantId, openTaskIds);
        } finally {
          await restored.close();
        }
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
