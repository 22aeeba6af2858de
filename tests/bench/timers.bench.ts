/**
 * Issue 11 item 3: 100,000 due timers fired by 3 server processes.
 *
 * A procedure start → timer catch event → end is published in a fresh bench
 * database; one case is started through the engine (so its state and its
 * `engine.timer` job are the engine's own), then cloned by SQL to
 * BENCH_SCALE × 100,000 waiting cases whose timers are all due. Three
 * processes (lib/timer-worker-process.ts: production services and job
 * handlers behind a JobWorker with the production defaults) start polling at
 * the same instant; the clock stops at the last fired timer. Then count
 * queries prove zero misses and zero duplicates.
 *
 * Run: node_modules/.bin/tsx tests/bench/timers.bench.ts (BENCH_SCALE=0.05 for a smoke run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { ManualClock } from '../../platform/src/clock';
import { createServices } from '../../platform/src/services';
import { bpmnProcess, endAfter, flow } from '../helpers/engine-harness';
import { cheapHasher, createTestTenant } from '../helpers/test-app';
import { dropBenchDatabase, freshBenchDatabase, serverVersion } from './lib/bench-database';
import { emitResult, scaled, benchScale, type BenchTable } from './lib/bench-result';
import { fmt } from './lib/stats';
import { cloneTimerCases } from './lib/timer-cases';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const WORKER_SCRIPT = path.join(__dirname, 'lib/timer-worker-process.ts');
/** Server processes; the issue asks for 3 (BENCH_TIMER_PROCESSES overrides it for analysis only). */
const PROCESSES = Number(process.env.BENCH_TIMER_PROCESSES ?? 3);
const TIMERS = scaled(100_000, 30);
/** Give up (and report the misses) if the workers have not emptied the queue by then. */
const TIMEOUT_MS = Number(process.env.BENCH_TIMER_TIMEOUT_MS ?? 30 * 60_000);
const ACTOR = { id: null, label: 'bench' };

const log = (message: string): void => void process.stderr.write(`[timers] ${message}\n`);

const PROCESS_XML = bpmnProcess(
  'timerBench',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'wait')}
   <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
   ${endAfter('wait')}`,
);

interface WorkerHandle {
  id: string;
  child: ChildProcess;
  /** The latest FIRED count the worker printed. */
  fired(): number;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
}

function spawnWorker(id: string, url: string): WorkerHandle {
  // BENCH_TIMER_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the workers.
  const nodeArgs = process.env.BENCH_TIMER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(TSX, [...nodeArgs, WORKER_SCRIPT], { env: { ...process.env, WORKER_ID: id, WORKER_DATABASE_URL: url }, stdio: ['pipe', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => void (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`[${id}] ${chunk.toString()}`));
  return {
    id,
    child,
    fired: () => {
      const all = [...output.matchAll(/FIRED (\d+)\n/g)];
      return all.length ? Number(all[all.length - 1]![1]) : 0;
    },
    async waitFor(pattern, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = output.match(pattern);
        if (match) return match;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`worker ${id} never printed ${pattern}; stdout: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
  };
}

const count = async (client: Client, sql: string, params: unknown[] = []): Promise<number> => Number((await client.query<{ n: string }>(sql, params)).rows[0]!.n);

async function main(): Promise<void> {
  const database = await serverVersion();
  log(`${TIMERS.toLocaleString('en-US')} timers, ${PROCESSES} processes`);
  const db = await freshBenchDatabase('timers', 4);
  const client = new Client({ connectionString: db.url });
  await client.connect();
  const workers: WorkerHandle[] = [];
  try {
    // 1. One real case, started by the engine, waiting on a timer that the manual clock set in 2024: due now.
    const clock = new ManualClock('2024-03-04T02:00:00Z');
    const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12 });
    const tenant = await createTestTenant(db.orm.em.fork(), { clock, ...services }, 'benchcounty');
    await services.definitions.publish(db.orm.em.fork(), { tenantId: tenant.id, xml: PROCESS_XML, actor: ACTOR });
    const { caseId } = await services.engine.startCase(db.orm.em.fork(), { tenantId: tenant.id, processKey: 'timerBench', variables: { n: 0 }, actor: ACTOR });
    await db.close();

    // 2. Clone it; every copy has its own due timer job.
    let t = performance.now();
    await cloneTimerCases(client, caseId, TIMERS - 1);
    await client.query('vacuum analyze job');
    await client.query('vacuum analyze case_instance');
    const due = await count(client, "select count(*) as n from job where type = 'engine.timer' and status = 'pending' and due_at <= now()");
    if (due !== TIMERS) throw new Error(`expected ${TIMERS} due timer jobs, found ${due}`);
    log(`generated ${due} waiting cases with due timers in ${fmt((performance.now() - t) / 1000)} s`);

    // 3. Three server processes; polling starts at the same instant.
    for (let i = 1; i <= PROCESSES; i++) workers.push(spawnWorker(`server-${i}`, db.url));
    await Promise.all(workers.map((w) => w.waitFor(/READY/)));
    const statsSql = `select xact_commit, xact_rollback, deadlocks from pg_stat_database where datname = current_database()`;
    await client.query('select pg_stat_clear_snapshot()');
    const before = (await client.query<{ xact_commit: string; xact_rollback: string; deadlocks: string }>(statsSql)).rows[0]!;
    const startedAt = Date.now();
    for (const w of workers) w.child.stdin!.write('GO\n');
    // Progress comes from the workers' FIRED lines; the database is asked only every 5 s (a count scans the queue).
    let lastLog = startedAt;
    let lastDbCheck = startedAt;
    let pending = TIMERS;
    while (Date.now() - startedAt < TIMEOUT_MS) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const done = workers.reduce((sum, w) => sum + w.fired(), 0);
      if (done >= TIMERS) break;
      if (Date.now() - lastDbCheck > 5_000) {
        lastDbCheck = Date.now();
        pending = await count(client, "select count(*) as n from job where status = 'pending'");
        if (pending === 0) break;
      }
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        log(`${done.toLocaleString('en-US')} fired in ${fmt((lastLog - startedAt) / 1000)} s (${fmt(done / ((lastLog - startedAt) / 1000))}/s)`);
      }
    }
    const polledEnd = Date.now();
    for (const w of workers) w.child.stdin!.write('STOP\n');
    const reports = await Promise.all(
      workers.map(async (w) => JSON.parse((await w.waitFor(/DONE (.*)\n/, 120_000))[1]!) as Partial<Record<string, number>> & { firstMs: number; lastMs: number }),
    );
    await client.query('select pg_stat_clear_snapshot()');
    const after = (await client.query<{ xact_commit: string; xact_rollback: string; deadlocks: string }>(statsSql)).rows[0]!;
    const endedAt = Math.max(...reports.map((r) => r.lastMs || 0), 0) || polledEnd;
    const seconds = (endedAt - startedAt) / 1000;

    // 4. Zero misses, zero duplicates: count queries.
    const checks: [string, string, number, number][] = [];
    const check = async (what: string, sql: string, expected: number) => checks.push([what, sql, await count(client, sql), expected]);
    await check('Timer jobs left (pending or failed): misses', 'select count(*) as n from job', 0);
    await check('Incidents', 'select count(*) as n from incident', 0);
    await check("Cases fired ('timer.fired' audit entries)", "select count(*) as n from audit_event where action = 'timer.fired'", TIMERS);
    await check(
      'Cases fired more than once: duplicates',
      "select count(*) as n from (select subject_id from audit_event where action in ('timer.fired', 'case.completed') group by subject_id, action having count(*) > 1) d",
      0,
    );
    await check('Cases completed', "select count(*) as n from case_instance where process_key = 'timerBench' and status = 'completed'", TIMERS);
    await check(
      'Cases not advanced exactly once (version ≠ 2, not completed, or not exactly one timer.fired)',
      `select count(*) as n from case_instance c
         left join (select subject_id, count(*) as fired from audit_event where action = 'timer.fired' group by subject_id) f on f.subject_id = c.id::text
        where c.process_key = 'timerBench' and (c.version <> 2 or c.status <> 'completed' or coalesce(f.fired, 0) <> 1)`,
      0,
    );
    for (const [what, , actual, expected] of checks) log(`${what}: ${actual} (expected ${expected})`);

    const fired = reports.reduce((s, r) => s + (r.fired ?? 0), 0);
    const perProcess = workers.map((w, i) => {
      const r = reports[i]!;
      return [w.id, r.fired ?? 0, fmt((r.fired ?? 0) / seconds), r.lost ?? 0, r.postponed ?? 0, (r.retrying ?? 0) + (r.failed ?? 0), r.claims ?? 0, fmt((r.claimMs ?? 0) / Math.max(1, r.claims ?? 0))];
    });
    const commits = Number(after.xact_commit) - Number(before.xact_commit);
    const rollbacks = Number(after.xact_rollback) - Number(before.xact_rollback);
    const tables: BenchTable[] = [
      {
        title: `Timer throughput: ${TIMERS.toLocaleString('en-US')} due timers, ${PROCESSES} processes`,
        columns: ['Process', 'Timers fired', 'Fired/s', 'Lease lost', 'Postponed (conflict)', 'Failed attempts', 'Claims', 'ms per claim'],
        rows: [
          ...perProcess,
          ['all', fired, fmt(fired / seconds), ...[3, 4, 5, 6].map((c) => perProcess.reduce((s, r) => s + Number(r[c]), 0)), fmt(reports.reduce((s, r) => s + (r.claimMs ?? 0), 0) / Math.max(1, reports.reduce((s, r) => s + (r.claims ?? 0), 0)))],
        ],
        notes: [
          `Wall time from GO to the last fired timer: ${fmt(seconds)} s. Each process runs the production job handlers behind a JobWorker with the production settings (as platform.ts builds it).`,
          `Procedure: start → intermediate timer catch event → end; firing a timer completes the case (one case command: load, advance, save, audit append, job delete).`,
          `All cases belong to one county, so every firing appends to the same audit hash chain, whose head row lock serialises the commits of the 3 processes.`,
          `PostgreSQL transactions during the run: ${commits.toLocaleString('en-US')} commits (${fmt(commits / Math.max(1, fired))} per timer), ${rollbacks} rollbacks, ${Number(after.deadlocks) - Number(before.deadlocks)} deadlocks.`,
        ],
      },
      {
        title: 'Zero misses, zero duplicates',
        columns: ['Check', 'SQL', 'Count', 'Expected'],
        rows: checks.map(([what, sql, actual, expected]) => [what, sql.replace(/\s+/g, ' '), actual, expected]),
      },
    ];
    const ok = (i: number) => checks[i]![2] === checks[i]![3];
    emitResult({
      name: 'timers',
      title: 'Timer throughput',
      database,
      scale: { timers: TIMERS, processes: PROCESSES, BENCH_SCALE: benchScale() },
      tables,
      targets: [
        { name: 'Misses (due timers not fired)', target: '0', actual: String(checks[0]![2] + checks[1]![2] + (TIMERS - checks[2]![2])), met: ok(0) && ok(1) && ok(2) },
        { name: 'Duplicates (cases fired twice)', target: '0', actual: String(checks[3]![2]), met: ok(3) && ok(5) },
        { name: 'Every case advanced exactly once', target: `${TIMERS.toLocaleString('en-US')} completed`, actual: `${checks[4]![2].toLocaleString('en-US')} completed`, met: ok(4) && ok(5) },
      ],
    });
  } finally {
    for (const w of workers) {
      w.child.stdin!.end();
      if (w.child.exitCode === null) w.child.kill('SIGTERM');
    }
    await client.end();
    await dropBenchDatabase(db.dbName);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
