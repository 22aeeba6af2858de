import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ManualClock } from '../../../platform/src/clock';
import { openDatabase, type Database } from '../../../platform/src/db/database';
import { createServices } from '../../../platform/src/services';
import { cheapHasher, createTestTenant } from '../../helpers/test-app';
import { createEmptyPostgresDatabase, testDbKind } from '../../helpers/test-database';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../../..');

/**
 * The audit:verify command as an operator runs it: in a separate process,
 * against a server database, or against an embedded data directory while the
 * server is stopped.
 */
describe(`npm run audit:verify (${testDbKind()})`, () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let open: () => Promise<Database>;

  beforeAll(async () => {
    if (testDbKind() === 'postgres') {
      const { url, drop } = await createEmptyPostgresDatabase();
      env = { DATABASE_URL: url };
      open = () => openDatabase({ kind: 'postgres', url, poolMax: 2 });
      cleanup = drop;
    } else {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'audit-cli-'));
      const dataDir = path.join(dir, 'pg');
      env = { PGLITE_DATA_DIR: dataDir };
      open = () => openDatabase({ kind: 'pglite', dataDir });
      cleanup = () => rm(dir, { recursive: true, force: true });
    }
    const db = await open();
    try {
      const clock = new ManualClock('2024-01-02T03:00:00Z');
      await createTestTenant(db.orm.em.fork(), { clock, ...createServices({ clock, hasher: cheapHasher, sessionTtlHours: 1 }) }, 'testcounty');
    } finally {
      await db.close();
    }
  });
  afterAll(() => cleanup());

  const verify = () => {
    const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '', ...env };
    return run(path.join(repoRoot, 'node_modules/.bin/tsx'), [path.join(repoRoot, 'platform/src/cli/audit-verify.ts')], { env: childEnv, cwd: repoRoot }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );
  };

  it('exits 0 with a verified count for an intact chain, and 1 naming the first broken row after tampering', async () => {
    const ok = await verify();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^testcounty: OK, \d+ events verified$/m);

    const db = await open();
    let victimId: string;
    try {
      const em = db.orm.em.fork();
      const [victim] = await em.execute<{ id: string }[]>('select id from audit_event where seq = 2');
      victimId = String(victim!.id);
      await em.transactional(async (tx) => {
        await tx.execute('alter table audit_event disable trigger audit_event_append_only');
        await tx.execute("update audit_event set actor_label = 'mallory' where id = ?", [victimId]);
        await tx.execute('alter table audit_event enable trigger audit_event_append_only');
      });
    } finally {
      await db.close();
    }
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`testcounty: BROKEN at audit_event id ${victimId} (seq 2)`);
  });
});
