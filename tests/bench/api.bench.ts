/**
 * Issue 11 items 4 and 6a: the HTTP API under autocannon load, and the
 * server's memory under that load.
 *
 * The built platform (node platform/dist/main.js) runs as its own process on
 * a fresh PostgreSQL database with the Qufu pack and its demo accounts. Setup
 * goes through the API as people would: the admin grants 延期适用 to
 * approval-push (the pack's window ended 2025-01-10), the bureau's staff start
 * approval-push cases pushed to all 11 supervising departments (one 认领 task
 * per department and case). Then, with 50 connections:
 *   1. GET /api/inbox?view=to-claim (first page, 20 items) as gaj-staff, for 15 s;
 *   2. POST /api/tasks/:id/complete with the 认领 form, each request on a
 *      different open task, as the staff user of the task's department
 *      (completing an open task claims it implicitly, as the UI's one-click
 *      "认领并完成" does), until the pre-created tasks are used up.
 * The server's RSS is sampled idle, during each load (peak) and after.
 *
 * BENCH_SCALE shrinks the number of cases and the inbox duration.
 * BENCH_API_CPU_PROF=1 runs the server with --cpu-prof (profile in
 * tests/bench/results/api-profile/; summarise with
 * `tsx tests/bench/lib/api-cpu-profile.ts <file>`).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { monotonicMicros, type Window } from './lib/api-cpu-profile';
import { cannon, requestsPerSecond, type CannonRequest, type CannonResult } from './lib/api-autocannon';
import { apiJson, apiLogin, authHeaders, type ApiSession } from './lib/api-client';
import { buildPlatform, cpuMs, sampleRss, startServerProcess, type ServerProcess } from './lib/api-server';
import { benchScale, emitResult, scaled, type BenchTable } from './lib/bench-result';
import { dropBenchDatabase, freshBenchDatabase, serverVersion } from './lib/bench-database';
import { fmt, rssMiB, runConcurrently } from './lib/stats';

const CONNECTIONS = 50;
const SUPERVISING = ['scjg', 'wsjk', 'jtys', 'zjj', 'sthj', 'yjgl', 'whly', 'jyj', 'nync', 'zrzy', 'gaj'];
const INBOX_USER = 'gaj-staff';

const log = (msg: string) => process.stderr.write(`[api] ${msg}\n`);

function approval(i: number) {
  return {
    itemName: '旅馆业特种行业许可证核发',
    legalDocNumber: `曲行审特〔2024〕${1000 + i}号`,
    counterpartyName: `曲阜市杏坛酒店管理有限公司${i}`,
    contactPhone: '13805371234',
    address: '山东省济宁市曲阜市鼓楼北街12号',
    counterpartyKind: '法人或其他组织',
    uscc: '91370881MA3C12345P',
    approvalDate: '2024-02-02',
    validUntil: '长期',
    approvalContent: '准予开办旅馆业，客房48间。',
    targetDepartments: SUPERVISING,
    pushChannel: '平台推送',
  };
}

const CLAIM_FORM = JSON.stringify({ data: { claimantName: '孔祥民', claimantPhone: '13905378888', claimNote: '已纳入本部门日常监管名录。' } });

function loadRow(name: string, what: string, r: CannonResult, serverCpuMs: number): (string | number)[] {
  return [name, what, r.requests.total, fmt(requestsPerSecond(r)), fmt(r.latency.p50), fmt(r.latency.p99), fmt(r.latency.max), r.non2xx, r.errors + r.timeouts, fmt(serverCpuMs / r.requests.total)];
}

async function main(): Promise<void> {
  const cases = scaled(300, 10);
  const inboxSeconds = Math.max(3, Math.round(15 * Math.min(1, benchScale() * 10)));
  log(`scale ${benchScale()}: ${cases} cases × ${SUPERVISING.length} departments, inbox load ${inboxSeconds} s`);

  log('building the platform (tsc)…');
  buildPlatform();
  const db = await freshBenchDatabase('api', 2);
  await db.orm.close(true);
  const profileDir = process.env.BENCH_API_CPU_PROF ? path.resolve(__dirname, 'results/api-profile') : undefined;
  if (profileDir) mkdirSync(profileDir, { recursive: true });

  let server: ServerProcess | undefined;
  const pg = new Client({ connectionString: db.url });
  try {
    // First start on the empty database: migrations, the Qufu pack, demo accounts. Its RSS keeps
    // the residue of that seeding, so the measured server is a warm restart, as in production.
    let started = performance.now();
    server = await startServerProcess({ databaseUrl: db.url });
    const firstStartSeconds = (performance.now() - started) / 1000;
    await new Promise((r) => setTimeout(r, 2000));
    const rssFirstStart = await rssMiB(server.pid);
    await server.stop();
    started = performance.now();
    server = await startServerProcess({ databaseUrl: db.url, ...(profileDir ? { cpuProfDir: profileDir } : {}) });
    const base = server.url;
    log(`first start (seeding) ${fmt(firstStartSeconds)} s, RSS ${fmt(rssFirstStart)} MiB; warm restart: pid ${server.pid} up at ${base} after ${fmt((performance.now() - started) / 1000)} s`);
    await new Promise((r) => setTimeout(r, 2000));
    const rssIdle = await rssMiB(server.pid);

    // Setup through the API.
    const admin = await apiLogin(base, 'admin');
    await apiJson(base, admin, 'POST', '/api/admin/procedures/approval-push/extensions', { extendedTo: '2099-12-31', reason: '基准测试：延期适用' }, 201);
    const bureau = await apiLogin(base, 'xzsp-staff');
    const staff = new Map<string, ApiSession>();
    for (const d of SUPERVISING) staff.set(d, await apiLogin(base, `${d}-staff`));
    const phases: Record<string, Window> = {};
    const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
      const from = monotonicMicros();
      try {
        return await run();
      } finally {
        phases[name] = [from, monotonicMicros()];
        if (profileDir) writeFileSync(path.join(profileDir, 'phases.json'), JSON.stringify(phases));
      }
    };
    const setupStart = performance.now();
    await phase('setup', () =>
      runConcurrently(cases, 4, async (i) => {
        await apiJson(base, bureau, 'POST', '/api/cases', { procedure: 'approval-push', variables: approval(i), idempotencyKey: `bench-api-${i}` }, 201);
        if ((i + 1) % 100 === 0) log(`  ${i + 1}/${cases} cases started`);
      }),
    );
    const setupSeconds = (performance.now() - setupStart) / 1000;
    log(`${cases} cases started in ${fmt(setupSeconds)} s`);
    const rssAfterSetup = await rssMiB(server.pid);

    await pg.connect();
    // Department order, then case order: the 50 requests in flight are for 50 different cases.
    const tasks = (
      await pg.query<{ id: string; code: string }>(
        `select t.id, d.code from task t join department d on d.id = t.candidate_department_ids[1]
          where t.status = 'open' and t.element_id = 'Task_Claim' order by d.code, t.case_id`,
      )
    ).rows;
    log(`${tasks.length} open 认领 tasks`);

    // 1. Inbox.
    const inboxUser = staff.get('gaj')!;
    log(`GET /api/inbox?view=to-claim as ${INBOX_USER}, ${CONNECTIONS} connections, ${inboxSeconds} s…`);
    let sampler = sampleRss(server.pid);
    let cpuBefore = await cpuMs(server.pid);
    const inbox = await phase('inbox', () => cannon({ url: `${base}/api/inbox?view=to-claim`, connections: CONNECTIONS, duration: inboxSeconds, headers: { cookie: inboxUser.cookie } }));
    const inboxRss = await sampler.stop();
    const inboxCpu = (await cpuMs(server.pid)) - cpuBefore;
    log(`  ${fmt(requestsPerSecond(inbox))} req/s, server CPU ${fmt(inboxCpu / inbox.requests.total)} ms/request, p50 ${inbox.latency.p50} ms, p99 ${inbox.latency.p99} ms, non-2xx ${inbox.non2xx}, errors ${inbox.errors}`);

    // 2. Complete, one distinct task per request.
    const amount = tasks.length - CONNECTIONS; // autocannon builds one request ahead per connection
    let next = 0;
    const setupRequest = (req: CannonRequest): CannonRequest => {
      const task = tasks[Math.min(next++, tasks.length - 1)]!;
      const s = staff.get(task.code)!;
      return { ...req, method: 'POST', path: `/api/tasks/${task.id}/complete`, headers: authHeaders(s), body: CLAIM_FORM };
    };
    log(`POST /api/tasks/:id/complete over ${amount} distinct tasks, ${CONNECTIONS} connections…`);
    sampler = sampleRss(server.pid);
    cpuBefore = await cpuMs(server.pid);
    const complete = await phase('complete', () => cannon({ url: base, connections: CONNECTIONS, amount, requests: [{ setupRequest }] }));
    const completeRss = await sampler.stop();
    const completeCpu = (await cpuMs(server.pid)) - cpuBefore;
    log(`  ${fmt(requestsPerSecond(complete))} req/s, server CPU ${fmt(completeCpu / complete.requests.total)} ms/request, p50 ${complete.latency.p50} ms, p99 ${complete.latency.p99} ms, non-2xx ${complete.non2xx}, errors ${complete.errors}`);
    const completed = Number((await pg.query<{ n: string }>("select count(*) as n from task where element_id = 'Task_Claim' and status = 'completed'")).rows[0]!.n);

    await new Promise((r) => setTimeout(r, 3000));
    const rssAfter = await rssMiB(server.pid);

    const tables: BenchTable[] = [
      {
        title: 'Throughput and latency (autocannon, 50 connections)',
        columns: ['Route', 'What a request does', 'Requests', 'Requests/s', 'p50 ms', 'p99 ms', 'max ms', 'Non-2xx', 'Errors', 'Server CPU ms/request'],
        rows: [
          loadRow('GET /api/inbox?view=to-claim', `first page (20) of ${INBOX_USER}'s 待认领 tab among ${cases} open tasks, sorted by due date`, inbox, inboxCpu),
          loadRow('POST /api/tasks/:id/complete', 'completes a different open 认领 task with the push-claim form (implicit claim), as the staff user of its department', complete, completeCpu),
        ],
        notes: [
          `The built server (node platform/dist/main.js, LOG_LEVEL=warn, DB_POOL_MAX=10) on PostgreSQL on the same 2 cores as autocannon. Inbox load ran ${inboxSeconds} s; the complete load ran until ${amount} distinct tasks were done (${fmt(complete.duration)} s); ${completed} 认领 tasks were completed in the database afterwards.`,
          'Server CPU ms/request is the node process\'s user+system CPU time during the load (from /proc) divided by the responses: steadier than latency on a shared machine, and it excludes PostgreSQL\'s own CPU.',
          `Setup through the API: the admin granted 延期适用 to approval-push, and xzsp-staff started ${cases} approval-push cases pushed to all ${SUPERVISING.length} supervising departments (${tasks.length} tasks) in ${fmt(setupSeconds)} s (${fmt(cases / setupSeconds)} cases/s at concurrency 4).`,
        ],
      },
      {
        title: 'Server memory (RSS of the node process)',
        columns: ['Moment', 'RSS MiB'],
        rows: [
          ['Idle 2 s after the first start (migrations, pack and demo accounts seeded)', fmt(rssFirstStart)],
          ['Idle 2 s after a warm restart (the server measured below)', fmt(rssIdle)],
          [`After setup (${cases} cases started)`, fmt(rssAfterSetup)],
          ['Peak during the inbox load', fmt(inboxRss.peak)],
          ['Peak during the complete load', fmt(completeRss.peak)],
          ['3 s after the load', fmt(rssAfter)],
        ],
        notes: ['Sampled from /proc/<pid>/status every 250 ms. The first start keeps the residue of seeding the county (V8 heap and allocator arenas not given back), so the loads run against a warm restart, as a production server would be after its first start.'],
      },
    ];
    emitResult({
      name: 'api',
      title: 'HTTP API under load',
      database: await serverVersion(),
      scale: { benchScale: benchScale(), cases, tasks: tasks.length, connections: CONNECTIONS, inboxSeconds, completeRequests: amount },
      tables,
      targets: [
        { name: 'GET inbox: no failed requests', target: '0 non-2xx, 0 errors', actual: `${inbox.non2xx} non-2xx, ${inbox.errors + inbox.timeouts} errors`, met: inbox.non2xx === 0 && inbox.errors + inbox.timeouts === 0 },
        { name: 'POST complete: no failed requests', target: '0 non-2xx, 0 errors', actual: `${complete.non2xx} non-2xx, ${complete.errors + complete.timeouts} errors`, met: complete.non2xx === 0 && complete.errors + complete.timeouts === 0 },
      ],
    });
  } finally {
    await pg.end().catch(() => undefined);
    await server?.stop();
    await dropBenchDatabase(db.dbName);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
