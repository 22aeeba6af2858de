/**
 * Statements per request on the hot API routes, to verify per-request
 * overhead fixes by count rather than by noisy timings. Starts the platform
 * in this process (tsx, on a fresh bench database), counts every query sent
 * through node-postgres, and prints the count and the SQL of one warm
 * request of each kind.
 *
 *   tsx tests/bench/lib/api-statements.ts [--sql]
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { systemClock } from '../../../platform/src/clock';
import { loadConfig } from '../../../platform/src/config/config';
import { createLogger } from '../../../platform/src/logger';
import { startPlatform } from '../../../platform/src/platform';
import { apiJson, apiLogin, authHeaders } from './api-client';
import { dropBenchDatabase, freshBenchDatabase } from './bench-database';

const ROOT = path.resolve(__dirname, '../../..');

/** Patch node-postgres (as the ORM loads it) so every query is recorded while `recording` is on. */
function recordQueries(): { start(): void; stop(): string[] } {
  let recorded: string[] | undefined;
  // knex loads its own copy of pg (the one its queries go through); patch every copy found.
  const copies = new Set([createRequire(require.resolve('knex')).resolve('pg'), createRequire(require.resolve('@mikro-orm/postgresql')).resolve('pg')]);
  for (const pgPath of copies) {
    const { Client } = require(pgPath) as { Client: { prototype: { query: (...args: unknown[]) => unknown } } };
    const original = Client.prototype.query;
    Client.prototype.query = function patched(this: unknown, ...args: unknown[]) {
      const q = args[0];
      const text = typeof q === 'string' ? q : ((q as { text?: string } | undefined)?.text ?? String(q));
      recorded?.push(text.replace(/\s+/g, ' ').trim());
      return original.apply(this, args);
    };
  }
  return {
    start() {
      recorded = [];
    },
    stop() {
      const out = recorded ?? [];
      recorded = undefined;
      return out;
    },
  };
}

async function main(): Promise<void> {
  const showSql = process.argv.includes('--sql');
  const rec = recordQueries();
  const db = await freshBenchDatabase('api_statements', 2);
  await db.orm.close(true);
  const config = loadConfig({ DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ALLOW_DEMO_ACCOUNTS: 'true' }, ROOT);
  const platform = await startPlatform(config, { clock: systemClock, logger: createLogger({ level: 'warn' }) });
  const address = platform.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const admin = await apiLogin(base, 'admin');
    await apiJson(base, admin, 'POST', '/api/admin/procedures/approval-push/extensions', { extendedTo: '2099-12-31', reason: '基准测试' }, 201);
    const bureau = await apiLogin(base, 'xzsp-staff');
    const gaj = await apiLogin(base, 'gaj-staff');
    const variables = {
      itemName: '旅馆业特种行业许可证核发', legalDocNumber: '曲行审特〔2024〕15号', counterpartyName: '曲阜市杏坛酒店管理有限公司', contactPhone: '13805371234',
      address: '山东省济宁市曲阜市鼓楼北街12号', counterpartyKind: '法人或其他组织', uscc: '91370881MA3C12345P', approvalDate: '2024-02-02', validUntil: '长期',
      approvalContent: '准予开办旅馆业。', targetDepartments: ['gaj', 'scjg'], pushChannel: '平台推送',
    };
    for (let i = 0; i < 4; i++) await apiJson(base, bureau, 'POST', '/api/cases', { procedure: 'approval-push', variables }, 201);
    const inboxPath = '/api/inbox?view=to-claim';
    const list = await apiJson<{ items: { id: string }[] }>(base, gaj, 'GET', inboxPath, undefined, 200);
    const form = { data: { claimantName: '孔祥民', claimantPhone: '13905378888' } };
    await apiJson(base, gaj, 'POST', `/api/tasks/${list.items[0]!.id}/complete`, form, 204); // warm-up

    const measure = async (label: string, run: () => Promise<unknown>) => {
      rec.start();
      await run();
      const sql = rec.stop();
      process.stdout.write(`${label}: ${sql.length} statements\n`);
      if (showSql) for (const s of sql) process.stdout.write(`    ${s.slice(0, 220)}\n`);
    };
    await measure('GET /api/me', () => apiJson(base, gaj, 'GET', '/api/me', undefined, 200));
    await measure(`GET ${inboxPath}`, () => apiJson(base, gaj, 'GET', inboxPath, undefined, 200));
    await measure('GET /api/inbox/counts', () => apiJson(base, gaj, 'GET', '/api/inbox/counts', undefined, 200));
    await measure('POST /api/tasks/:id/complete', () => fetch(`${base}/api/tasks/${list.items[1]!.id}/complete`, { method: 'POST', headers: authHeaders(gaj), body: JSON.stringify(form) }).then((r) => { if (r.status !== 204) throw new Error(`complete: ${r.status}`); }));
    await measure('POST /api/cases (start, 2 departments)', () => apiJson(base, bureau, 'POST', '/api/cases', { procedure: 'approval-push', variables }, 201));
  } finally {
    await platform.stop();
    await dropBenchDatabase(db.dbName);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
