import { parseArgs } from 'node:util';
import { loadConfig } from '../config/config';
import { openDatabase } from '../db/database';
import { verifyAllTenants } from '../domain/audit/verify-all-tenants';

/**
 * `npm run audit:verify [-- --tenant <code>]`: recompute every county's audit
 * hash chain and name the first broken row. Exit code 0 when all verify, 1
 * when one does not, 2 when it could not check. Uses the same DATABASE_URL /
 * PGLITE_DATA_DIR as the server; an embedded data directory can only be
 * opened while the server is stopped (use GET /api/audit/verify meanwhile).
 */
async function main(): Promise<number> {
  const { values } = parseArgs({ options: { tenant: { type: 'string' } } });
  const config = loadConfig(process.env);
  const db = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl, poolMax: 1 } : { kind: 'pglite', dataDir: config.pgliteDataDir },
    undefined,
    { migrate: false },
  );
  try {
    const results = await verifyAllTenants(db.orm.em.fork(), values.tenant);
    if (results.length === 0) {
      process.stderr.write(values.tenant ? `No tenant with code ${values.tenant}.\n` : 'No tenants.\n');
      return 2;
    }
    for (const r of results) {
      process.stdout.write(
        r.ok
          ? `${r.tenantCode}: OK, ${r.rowsChecked} events verified\n`
          : `${r.tenantCode}: BROKEN at audit_event id ${r.firstBroken!.id} (seq ${r.firstBroken!.seq}): ${r.firstBroken!.reason}; ${r.rowsChecked} events before it verified\n`,
      );
    }
    return results.every((r) => r.ok) ? 0 : 1;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`audit:verify failed: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  },
);
