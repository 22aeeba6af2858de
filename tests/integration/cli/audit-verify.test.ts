import { ManualClock } from '../../../platform/src/clock';
import { createServices } from '../../../platform/src/services';
import { runCli, useCliDatabase } from '../../helpers/cli-database';
import { cheapHasher, createTestTenant } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

/**
 * The audit:verify command as an operator runs it: in a separate process,
 * against a server database, or against an embedded data directory while the
 * server is stopped.
 */
describe(`npm run audit:verify (${testDbKind()})`, () => {
  const db = useCliDatabase('audit-cli-');
  const verify = () => runCli('audit-verify.ts', [], db.env);

  beforeAll(async () => {
    const opened = await db.open();
    try {
      const clock = new ManualClock('2024-01-02T03:00:00Z');
      await createTestTenant(opened.orm.em.fork(), { clock, ...createServices({ clock, hasher: cheapHasher, sessionTtlHours: 1 }) }, 'testcounty');
    } finally {
      await opened.close();
    }
  });

  it('exits 0 with a verified count for an intact chain, and 1 naming the first broken row after tampering', async () => {
    const ok = await verify();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^testcounty: OK, \d+ events verified$/m);

    const opened = await db.open();
    let victimId: string;
    try {
      const em = opened.orm.em.fork();
      const [victim] = await em.execute<{ id: string }[]>('select id from audit_event where seq = 2');
      victimId = String(victim!.id);
      await em.transactional(async (tx) => {
        await tx.execute('alter table audit_event disable trigger audit_event_append_only');
        await tx.execute("update audit_event set actor_label = 'mallory' where id = ?", [victimId]);
        await tx.execute('alter table audit_event enable trigger audit_event_append_only');
      });
    } finally {
      await opened.close();
    }
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain(`testcounty: BROKEN at audit_event id ${victimId} (seq 2)`);
  });
});
