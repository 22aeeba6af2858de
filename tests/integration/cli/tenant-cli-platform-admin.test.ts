import path from 'node:path';
import { runCli, useCliDatabase } from '../../helpers/cli-database';
import { testDbKind } from '../../helpers/test-database';

const repoRoot = path.resolve(__dirname, '../../..');
const miniPack = path.join(repoRoot, 'tests/fixtures/packs/mini-county');

/**
 * `npm run tenant -- create` makes ordinary county admins; `--platform-admin`
 * is how an operator gives a CLI-made county's admin the designer's 县区管理
 * (for an installation whose first county came from the CLI).
 */
describe(`npm run tenant -- create --platform-admin (${testDbKind()})`, () => {
  const db = useCliDatabase('tenant-cli-pa-');
  const tenant = (...args: string[]) => runCli('tenant.ts', args, db.env).then(({ code, stderr }) => ({ code, stderr }));

  it('given --platform-admin, only that county admin is a platform admin; without it, none is', async () => {
    expect(await tenant('create', '--pack', miniPack, '--code', 'plain', '--admin-password', 'a-long-admin-secret', '--skip-scenarios')).toEqual({ code: 0, stderr: '' });
    expect(await tenant('create', '--pack', miniPack, '--code', 'operator', '--demo-accounts', '--skip-scenarios', '--platform-admin')).toEqual({ code: 0, stderr: '' });
    const opened = await db.open();
    try {
      const rows = await opened.orm.em.fork().execute<{ code: string; login: string }[]>(
        'select t.code, u.login from app_user u join tenant t on t.id = u.tenant_id where u.platform_admin order by t.code, u.login',
      );
      expect(rows).toEqual([{ code: 'operator', login: 'admin' }]);
    } finally {
      await opened.close();
    }
  }, 120_000);
});
