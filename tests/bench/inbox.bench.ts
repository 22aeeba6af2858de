/**
 * Issue 11 items 2 and 6b: inbox latency with 1,000,000 cases and 5,000,000
 * tasks (BENCH_SCALE shrinks both), the EXPLAIN plans of the measured
 * statements (docs/perf/), and the server's RSS with that database.
 *
 *   node_modules/.bin/tsx tests/bench/inbox.bench.ts      (or: npm run bench -- inbox)
 *   BENCH_SCALE=0.01 … for a smoke run; BENCH_KEEP=1 keeps bench_inbox for inspection.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../platform/src/domain/auth/principal';
import { DEMO_PASSWORD } from '../../platform/src/domain/tenant/demo-accounts';
import { CANDIDATE_OF_USER } from '../../platform/src/domain/task/candidate-rule';
import { INBOX_COUNT_CAP, INBOX_VIEWS, type InboxView } from '../../platform/src/domain/task/inbox';
import { emitResult, scaled, type BenchTable, type BenchTarget } from './lib/bench-result';
import { benchDatabaseUrl, dropBenchDatabase, freshBenchDatabase, serverVersion } from './lib/bench-database';
import { openDatabase } from '../../platform/src/db/database';
import { capturingEm, explain } from './lib/inbox-capture';
import { existingInboxData, generateInboxData, type InboxFixture } from './lib/inbox-data';
import { measureServerMemory } from './lib/inbox-server';
import { fmt, latencySummary } from './lib/stats';

const ROOT = path.resolve(__dirname, '../..');
const PLAN_DIR = 'docs/perf';
const ITERATIONS = Number(process.env.BENCH_INBOX_ITERATIONS ?? 300);
const WARMUP = 30;
const PAGE_SIZE = 20;
const TARGET_P95_MS = 10;
const log = (msg: string) => process.stderr.write(`[inbox] ${msg}\n`);

type Call = { kind: 'list'; view: InboxView } | { kind: 'counts' };
const CALLS: Call[] = [...INBOX_VIEWS.map((view) => ({ kind: 'list' as const, view })), { kind: 'counts' }];
const callName = (c: Call) => (c.kind === 'list' ? c.view : 'counts');

async function run(fx: InboxFixture, em: () => EntityManager, principal: Principal, call: Call, target?: EntityManager): Promise<number> {
  const e = target ?? em();
  const now = new Date();
  if (call.kind === 'counts') {
    const counts = await fx.services.inbox.counts(e, principal, now);
    return counts['to-claim'];
  }
  const catalog = await fx.services.catalogs.get(e, principal.tenantId);
  const page = await fx.services.inbox.list(e, principal, catalog, call.view, { page: 1, pageSize: PAGE_SIZE }, now);
  return page.total;
}

/** A kept bench database, opened (and migrated) without dropping it. */
async function openBenchDatabase(dbName: string) {
  const url = benchDatabaseUrl(dbName);
  return { ...(await openDatabase({ kind: 'postgres', url, poolMax: 40 })), url, dbName };
}

async function main(): Promise<void> {
  const cases = scaled(1_000_000, 1000);
  // BENCH_INBOX_REUSE=1 measures a database kept by an earlier run (BENCH_KEEP=1) instead of generating one.
  const reuse = Boolean(process.env.BENCH_INBOX_REUSE);
  const db = reuse ? await openBenchDatabase('bench_inbox') : await freshBenchDatabase('inbox');
  const tables: BenchTable[] = [];
  const targets: BenchTarget[] = [];
  const artifacts: string[] = [];
  try {
    const fx = reuse ? await existingInboxData(db.orm as unknown as { em: EntityManager }) : await generateInboxData(db.orm as unknown as { em: EntityManager }, cases);
    const em = () => db.orm.em.fork() as unknown as EntityManager;
    const [sizes] = await em().execute<{ open: string; claimed: string; task_mb: string; case_mb: string }[]>(
      `select count(*) filter (where status = 'open') as open, count(*) filter (where status = 'claimed') as claimed,
              pg_total_relation_size('task') / 1048576 as task_mb, pg_total_relation_size('case_instance') / 1048576 as case_mb from task`,
    );

    const principals: Record<string, Principal> = {};
    for (const [who, login] of Object.entries(fx.users)) {
      principals[who] = (await fx.services.auth.login(em(), { tenant: fx.tenantCode, login, password: DEMO_PASSWORD, address: '127.0.0.1' })).principal;
    }

    // Latency per user and call, each call on a fresh EntityManager like a request.
    const rows: (string | number)[][] = [];
    let worstP95 = 0;
    let worstName = '';
    for (const [who, principal] of Object.entries(principals)) {
      for (const call of CALLS) {
        const probe = capturingEm(em());
        const total = await run(fx, em, principal, call, probe.em);
        for (let i = 0; i < WARMUP; i++) await run(fx, em, principal, call);
        const samples: number[] = [];
        for (let i = 0; i < ITERATIONS; i++) {
          const t = performance.now();
          await run(fx, em, principal, call);
          samples.push(performance.now() - t);
        }
        const s = latencySummary(samples);
        log(`${who} ${callName(call)}: p50 ${fmt(s.p50)} p95 ${fmt(s.p95)} p99 ${fmt(s.p99)} ms (total ${total}, ${probe.queries.length} statements)`);
        rows.push([`${who} (${fx.users[who as keyof typeof fx.users]})`, callName(call), total, probe.queries.length, fmt(s.p50), fmt(s.p95), fmt(s.p99), fmt(s.max)]);
        if (s.p95 > worstP95) [worstP95, worstName] = [s.p95, `${who} ${callName(call)}`];
      }
    }
    tables.push({
      title: `Inbox first page (page size ${PAGE_SIZE}) and badge counts, ${ITERATIONS} calls each after ${WARMUP} warm-up (ms)`,
      columns: ['User', 'Call', `Total / to-claim badge (capped at ${INBOX_COUNT_CAP})`, 'Statements', 'p50', 'p95', 'p99', 'max'],
      rows,
      notes: [
        'Timed through the service code (FieldCatalogCache.get + InboxService.list, or InboxService.counts), one EntityManager fork per call as a request gets, sequential, on the same machine as PostgreSQL.',
        `Users of the busiest department (${fx.users.staff}: staff; ${fx.users.liaison}: staff + liaison). "Statements" counts what one call sends to the database.`,
      ],
    });

    // The semantics check: the badge agrees with the candidate rule evaluated against the membership table.
    const check: (string | number)[][] = [];
    let agree = true;
    for (const [who, p] of Object.entries(principals)) {
      const [ref] = await em().execute<{ n: string }[]>(`select count(*) as n from task t where t.tenant_id = ? and t.status = 'open' and ${CANDIDATE_OF_USER}`, [p.tenantId, p.userId]);
      const got = (await fx.services.inbox.counts(em(), p, new Date()))['to-claim'];
      // The badge stops counting at INBOX_COUNT_CAP (the UI shows 999+), so it must equal the rule's count capped likewise.
      const expected = Math.min(Number(ref!.n), INBOX_COUNT_CAP);
      agree &&= expected === got;
      check.push([who, Number(ref!.n), got, expected === got ? 'yes' : '**no**']);
    }
    tables.push({ title: `To-claim badge vs. the candidate rule (EXISTS over membership), the badge capped at ${INBOX_COUNT_CAP}`, columns: ['User', 'Rule', 'Badge', 'Equal (after the cap)'], rows: check });

    // EXPLAIN (ANALYZE, BUFFERS) of every statement of each call, for the staff user.
    mkdirSync(path.join(ROOT, PLAN_DIR), { recursive: true });
    for (const call of CALLS) {
      const probe = capturingEm(em());
      await run(fx, em, principals.staff!, call, probe.em);
      const parts: string[] = [
        `-- Inbox ${callName(call)} for ${fx.users.staff} (busiest department), ${fx.cases.toLocaleString('en-US')} cases / ${fx.tasks.toLocaleString('en-US')} tasks, ${await serverVersion()}`,
        `-- Generated by tests/bench/inbox.bench.ts; ${probe.queries.length} statement(s) per call.`,
      ];
      for (const [i, q] of probe.queries.entries()) {
        parts.push('', `-- Statement ${i + 1}:`, q.sql.replace(/\s+/g, ' ').trim(), `-- Parameters: ${JSON.stringify(q.params)}`, '', await explain(em(), q));
      }
      const file = `${PLAN_DIR}/inbox-${callName(call)}.plan.txt`;
      writeFileSync(path.join(ROOT, file), `${parts.join('\n')}\n`);
      artifacts.push(file);
    }

    // Item 6b: the real server's memory with this database.
    const mem = await measureServerMemory(db.url, fx.tenantCode, fx.users.staff, Math.max(50, Math.min(300, ITERATIONS)));
    tables.push({
      title: `Server process with ${fx.cases.toLocaleString('en-US')} cases in the database`,
      columns: ['Measure', 'Value'],
      rows: [
        ['RSS idle after start (MiB)', fmt(mem.idleMiB)],
        [`RSS after ${mem.requests} inbox requests (MiB)`, fmt(mem.afterMiB)],
        ['HTTP GET /api/inbox?view=to-claim p50 / p95 / p99 (ms)', `${fmt(mem.list.p50)} / ${fmt(mem.list.p95)} / ${fmt(mem.list.p99)}`],
        ['HTTP GET /api/inbox/counts p50 / p95 / p99 (ms)', `${fmt(mem.counts.p50)} / ${fmt(mem.counts.p95)} / ${fmt(mem.counts.p99)}`],
      ],
      notes: ['`node --import tsx platform/src/main.ts` as its own process (LOG_LEVEL=warn), logged in as a staff user of the busiest department; sequential requests from this script; RSS from /proc/<pid>/status.'],
    });

    tables.push({
      title: 'Data set',
      columns: ['Measure', 'Value'],
      rows: [
        ['Cases / tasks (two counties; 4/5 in the measured one)', `${fx.cases.toLocaleString('en-US')} / ${fx.tasks.toLocaleString('en-US')}`],
        ['Open / claimed tasks', `${Number(sizes!.open).toLocaleString('en-US')} / ${Number(sizes!.claimed).toLocaleString('en-US')}`],
        ['task / case_instance size with indexes (MiB)', `${sizes!.task_mb} / ${sizes!.case_mb}`],
        ['Generation incl. index build and VACUUM ANALYZE (s)', reuse ? 'reused a kept database' : fmt(fx.generationMs / 1000)],
      ],
      notes: ['Generated with INSERT … SELECT generate_series (tests/bench/lib/inbox-data.ts): 25 departments × 10 staff, 1–3 candidate departments per task skewed towards the busiest, 70% any role / 20% staff / 10% liaison, 1.5% of cases running.'],
    });

    targets.push({ name: 'Inbox first page and badge counts p95 (worst call)', target: `≤ ${TARGET_P95_MS} ms`, actual: `${fmt(worstP95)} ms (${worstName})`, met: worstP95 <= TARGET_P95_MS });
    targets.push({ name: 'To-claim badge equals the candidate rule (capped)', target: 'equal', actual: agree ? 'equal' : 'differs', met: agree });

    emitResult({
      name: 'inbox',
      title: 'Inbox latency at 1M cases / 5M tasks',
      database: `${await serverVersion()} (${new URL(db.url).host})`,
      scale: { cases: fx.cases, tasks: fx.tasks, 'iterations per call': ITERATIONS },
      tables,
      targets,
      artifacts,
    });
  } finally {
    await db.close();
    await dropBenchDatabase(db.dbName);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
