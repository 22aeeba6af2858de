import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runCli, useCliDatabase } from '../../helpers/cli-database';
import { testDbKind } from '../../helpers/test-database';

const repoRoot = path.resolve(__dirname, '../../..');
const miniPack = path.join(repoRoot, 'tests/fixtures/packs/mini-county');

/**
 * `npm run tenant` as an operator runs it, in its own process against a
 * server database or an embedded data directory: a county created from a
 * pack (scenarios rehearsed first), listed, exported as a folder that is
 * itself a loadable pack, and imported into another county.
 */
describe(`npm run tenant (${testDbKind()})`, () => {
  const db = useCliDatabase('tenant-cli-');
  const tenant = (...args: string[]) => runCli('tenant.ts', args, db.env);
  const query = async <T extends object>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const opened = await db.open();
    try {
      return await opened.orm.em.fork().execute<T[]>(sql, params);
    } finally {
      await opened.close();
    }
  };

  it('creates a county from a pack after rehearsing its scenarios, with a real admin account, and refuses the same code twice', async () => {
    const created = await tenant('create', '--pack', miniPack, '--code', 'countya', '--name', '甲县', '--admin-password', 'a-long-admin-secret');
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    expect(created.stdout).toContain('ok   scenario push-counts-as-claim.json');
    expect(created.stdout).toContain('created county countya (甲县) from pack mini-county-2024: 1 procedures, 2 forms; accounts: admin');
    const users = await query<{ login: string }>("select u.login from app_user u join tenant t on t.id = u.tenant_id where t.code = 'countya'");
    expect(users.map((u) => u.login)).toEqual(['admin']);

    const again = await tenant('create', '--pack', miniPack, '--code', 'countya', '--demo-accounts', '--skip-scenarios');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('A county with code "countya" already exists.');
  });

  it('refuses a pack whose scenario does not hold, writing nothing, and a create without accounts as a usage error', async () => {
    const broken = path.join(db.dir, 'broken-pack');
    await cp(miniPack, broken, { recursive: true });
    const file = path.join(broken, 'scenarios/push-counts-as-claim.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"status": "completed"', '"status": "active"'));
    const refused = await tenant('create', '--pack', broken, '--code', 'countyb', '--demo-accounts');
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/^FAIL scenario push-counts-as-claim\.json: /m);
    expect(await query("select id from tenant where code = 'countyb'")).toEqual([]);
    expect((await tenant('create', '--pack', miniPack, '--code', 'countyb')).code).toBe(2);
  });

  it('lists counties, exports one as a pack folder, and dry-runs importing that folder into another county', async () => {
    expect((await tenant('create', '--pack', miniPack, '--code', 'countyc', '--demo-accounts', '--skip-scenarios')).code).toBe(0);
    const list = await tenant('list');
    expect(list.stdout).toMatch(/^countya\t甲县\tpack mini-county-2024\t1 users\t0 cases$/m);
    expect(list.stdout).toMatch(/^countyc\t/m);

    const out = path.join(db.dir, 'exported');
    const exported = await tenant('export', '--tenant', 'countya', '--out', out);
    expect(exported.code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['calendars', 'forms', 'pack.json', 'processes']);

    const imported = await tenant('import', '--tenant', 'countyc', '--pack', out, '--dry-run');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('unchanged procedure push-claim');
    expect(imported.stdout).toContain('dry run: nothing was written');
    expect((await tenant('export', '--tenant', 'nowhere', '--out', path.join(db.dir, 'x'))).code).toBe(1);
  });
});
