import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, type Database } from '../../../platform/src/db/database';
import { createEmptyPostgresDatabase, testDbKind } from '../../helpers/test-database';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');
const miniPack = path.join(repoRoot, 'tests/fixtures/packs/mini-county');

/**
 * `npm run tenant -- create` makes ordinary county admins; `--platform-admin`
 * is how an operator gives a CLI-made county's admin the designer's 县区管理
 * (for an installation whose first county came from the CLI).
 */
describe(`npm run tenant -- create --platform-admin (${testDbKind()})`, () => {
  let env: Record<string, string>;
  let dir: string;
  let cleanup: () => Promise<void>;
  let open: () => Promise<Database>;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tenant-cli-pa-'));
    if (testDbKind() === 'postgres') {
      const { url, drop } = await createEmptyPostgresDatabase();
      env = { DATABASE_URL: url };
      open = () => openDatabase({ kind: 'postgres', url, poolMax: 2 });
      cleanup = drop;
    } else {
      env = { PGLITE_DATA_DIR: path.join(dir, 'pg') };
      open = () => openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'pg') });
      cleanup = async () => undefined;
    }
  });
  afterAll(async () => {
    await cleanup();
    await rm(dir, { recursive: true, force: true });
  });

  const tenant = (...args: string[]) =>
    run(path.join(repoRoot, 'node_modules/.bin/tsx'), [path.join(repoRoot, 'platform/src/cli/tenant.ts'), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: repoRoot }).then(
      (r) => ({ code: 0, stderr: r.stderr }),
      (e: { code: number; stderr: string }) => ({ code: e.code, stderr: e.stderr }),
    );

  it('given --platform-admin, only that county admin is a platform admin; without it, none is', async () => {
    expect(await tenant('create', '--pack', miniPack, '--code', 'plain', '--admin-password', 'a-long-admin-secret', '--skip-scenarios')).toEqual({ code: 0, stderr: '' });
    expect(await tenant('create', '--pack', miniPack, '--code', 'operator', '--demo-accounts', '--skip-scenarios', '--platform-admin')).toEqual({ code: 0, stderr: '' });
    const db = await open();
    try {
      const rows = await db.orm.em.fork().execute<{ code: string; login: string }[]>(
        'select t.code, u.login from app_user u join tenant t on t.id = u.tenant_id where u.platform_admin order by t.code, u.login',
      );
      expect(rows).toEqual([{ code: 'operator', login: 'admin' }]);
    } finally {
      await db.close();
    }
  }, 120_000);
});
