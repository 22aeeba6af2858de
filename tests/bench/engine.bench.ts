/**
 * Engine throughput (issue 11 items 1 and 5c): approval-push cases and
 * single-task cases per second through the production engine, compared in
 * the same run with the raw PostgreSQL ceiling (same statements, plain pg)
 * and with bpmn-engine in memory; and the approval-push throughput on
 * embedded PGlite.
 *
 *   node_modules/.bin/tsx tests/bench/engine.bench.ts     (BENCH_SCALE=0.05 for a smoke run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase } from '../../platform/src/db/database';
import { completeTask } from '../../platform/src/engine/commands/task-commands';
import { verifyAllTenants } from '../../platform/src/domain/audit/verify-all-tenants';
import { emitResult, scaled, benchScale, type BenchTable, type BenchTarget } from './lib/bench-result';
import { dropBenchDatabase, freshBenchDatabase, serverVersion } from './lib/bench-database';
import { RawCeiling, type CommandShape } from './lib/engine-ceiling';
import { BpmnEngineReference } from './lib/engine-reference';
import { countStatements, statementDelta, statementSnapshot, type StatementCounts } from './lib/engine-statements';
import { approvalPayload, assertAllDone, fixture, runApprovalCase, runSingleTaskCase, setUpEngineWorkload, type ApprovalStep, type EngineWorkload } from './lib/engine-workload';
import { fmt, runConcurrently } from './lib/stats';

countStatements();
const log = (msg: string) => process.stderr.write(`[engine] ${msg}\n`);

/** Run `n` items at `concurrency` and return items per second. */
async function rate(n: number, concurrency: number, work: (i: number) => Promise<void>): Promise<{ perSecond: number; seconds: number }> {
  const t0 = performance.now();
  await runConcurrently(n, concurrency, work);
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: n / seconds, seconds };
}

/** Statements per command of one approval-push case and one single-task case, run alone. */
async function measureStatements(w: EngineWorkload): Promise<{ approval: { step: ApprovalStep; counts: StatementCounts }[]; single: StatementCounts }> {
  const approval: { step: ApprovalStep; counts: StatementCounts }[] = [];
  let before = statementSnapshot();
  await runApprovalCase(w, 999_999, (step) => {
    approval.push({ step, counts: statementDelta(before) });
    before = statementSnapshot();
  });
  const s0 = statementSnapshot();
  await runSingleTaskCase(w);
  return { approval, single: statementDelta(s0) };
}

const shapeOf = (c: StatementCounts): CommandShape => ({ select: c.select, insert: c.insert, update: c.update, delete: c.delete });
const describe = (c: StatementCounts) => `${c.total} (${c.select} select, ${c.insert} insert, ${c.update} update${c.delete ? `, ${c.delete} delete` : ''}, ${c.control} begin/commit)`;

/**
 * Sample pg_stat_activity while `work` runs: how often a backend of the
 * bench database waited on a lock, and on which statement. Shows whether the
 * per-county audit chain head serialises commands.
 */
async function sampleWaits<T>(url: string, work: () => Promise<T>): Promise<{ result: T; samples: number; busy: number; lockWaits: number; onAuditHead: number }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  let samples = 0;
  let busy = 0;
  let lockWaits = 0;
  let onAuditHead = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const { rows } = await client.query<{ wait_event_type: string | null; query: string; state: string }>(
        "select wait_event_type, query, state from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'",
      );
      samples += 1;
      for (const r of rows) {
        if (r.state !== 'idle') busy += 1;
        if (r.wait_event_type === 'Lock') {
          lockWaits += 1;
          if (/audit_chain_head/.test(r.query)) onAuditHead += 1;
        }
      }
      await new Promise((res) => setTimeout(res, 25));
    }
  })();
  try {
    const result = await work();
    return { result, samples, busy, lockWaits, onAuditHead };
  } finally {
    running = false;
    await sampler;
    await client.end();
  }
}

async function main(): Promise<void> {
  const scale = benchScale();
  const n = {
    approval: { 1: scaled(60, 3), 8: scaled(240, 8), 32: scaled(320, 32) } as Record<number, number>,
    single: { 8: scaled(1500, 16), 32: scaled(1500, 32) } as Record<number, number>,
    reference: scaled(300, 10),
    pglite: { 1: scaled(30, 2), 8: scaled(60, 8) } as Record<number, number>,
  };
  const database = await serverVersion();
  log(`scale ${scale}; ${database}`);
  const db = await freshBenchDatabase('engine', 40);
  const tables: BenchTable[] = [];
  const targets: BenchTarget[] = [];
  let ceiling: RawCeiling | undefined;
  try {
    const w = await setUpEngineWorkload(db.orm);
    log('warm-up');
    await runConcurrently(scaled(20, 3), 4, (i) => runApprovalCase(w, i));
    await runConcurrently(scaled(40, 4), 4, () => runSingleTaskCase(w));
    const stmts = await measureStatements(w);
    const approvalShapes = stmts.approval.map((s) => shapeOf(s.counts));
    const perStep = (step: ApprovalStep) => stmts.approval.find((s) => s.step === step)!.counts;
    log(`statements: start ${describe(perStep('start'))}; claim ${describe(perStep('claim'))}; complete ${describe(perStep('complete'))}; single case ${describe(stmts.single)}`);

    // The single-task case's two commands: measure them apart for the ceiling.
    const singleStart = statementSnapshot();
    const { caseId } = await w.services.engine.startCase(w.em(), { tenantId: w.tenantId, processKey: 'bench-single', variables: { applicant: '某某', amount: 1 }, actor: w.actor });
    const singleStartCounts = statementDelta(singleStart);
    const [task] = await w.em().execute<{ id: string }[]>("select id from task where case_id = ? and status = 'open'", [caseId]);
    const singleComplete = statementSnapshot();
    await completeTask(w.services.engine, w.em(), w.staff.get('market')!, task!.id, { decision: 'claimed' });
    const singleCompleteCounts = statementDelta(singleComplete);

    tables.push({
      title: 'Statements per command (counted at the pg driver, one case run alone)',
      columns: ['Command', 'Statements', 'select', 'insert', 'update', 'begin/commit'],
      rows: [
        ['approval start (+ push: 3 linked claim cases)', perStep('start').total, perStep('start').select, perStep('start').insert, perStep('start').update, perStep('start').control],
        ['claim', perStep('claim').total, perStep('claim').select, perStep('claim').insert, perStep('claim').update, perStep('claim').control],
        ['complete claim task', perStep('complete').total, perStep('complete').select, perStep('complete').insert, perStep('complete').update, perStep('complete').control],
        ['single-task start', singleStartCounts.total, singleStartCounts.select, singleStartCounts.insert, singleStartCounts.update, singleStartCounts.control],
        ['single-task complete', singleCompleteCounts.total, singleCompleteCounts.select, singleCompleteCounts.insert, singleCompleteCounts.update, singleCompleteCounts.control],
      ],
      notes: [
        'Every statement the process sent through the `pg` driver, including the harness reads the bench does between commands (finding the open task ids) and begin/commit.',
        'The raw ceiling below replays exactly these select/insert/update counts per command transaction.',
      ],
    });

    // ---- 1. approval-push on PostgreSQL, 3(a) ceiling, 3(b) bpmn-engine ----
    ceiling = await RawCeiling.open(db.url, 40);
    const reference = new BpmnEngineReference(fixture('bpmn-engine-claims.bpmn'));
    const referenceSingle = new BpmnEngineReference(fixture('bpmn-engine-single.bpmn'));
    const approvalRows: (string | number)[][] = [];
    let waits32: Awaited<ReturnType<typeof sampleWaits>> | undefined;
    let ratioWorst = Infinity;
    let refRatioWorst = Infinity;
    for (const c of [1, 8, 32]) {
      const count = n.approval[c]!;
      log(`approval-push: ${count} cases at concurrency ${c}`);
      let ours: { perSecond: number; seconds: number };
      if (c === 32) {
        waits32 = await sampleWaits(db.url, () => rate(count, c, (i) => runApprovalCase(w, 10_000 * c + i)));
        ours = waits32.result as { perSecond: number; seconds: number };
      } else {
        ours = await rate(count, c, (i) => runApprovalCase(w, 10_000 * c + i));
      }
      log(`  ceiling`);
      const raw = await rate(count, c, () => ceiling!.runCase(approvalShapes));
      log(`  bpmn-engine`);
      const ref = await rate(n.reference, c, (i) => reference.runCase(approvalPayload(i), 3));
      const pct = (100 * ours.perSecond) / raw.perSecond;
      const times = ours.perSecond / ref.perSecond;
      ratioWorst = Math.min(ratioWorst, pct);
      refRatioWorst = Math.min(refRatioWorst, times);
      approvalRows.push([c, count, fmt(ours.perSecond), fmt(ours.perSecond * 3), fmt(ours.perSecond * 7), fmt(raw.perSecond), `${fmt(pct)}%`, fmt(ref.perSecond), `${fmt(times)}×`]);
    }
    await assertAllDone(w);
    tables.push({
      title: 'Approval-push cases on PostgreSQL, against the raw ceiling and bpmn-engine',
      columns: ['Concurrency', 'Cases', 'Cases/s', 'Task completions/s', 'Commands/s', 'Raw ceiling cases/s', 'Ours / ceiling', 'bpmn-engine cases/s', 'Ours / bpmn-engine'],
      rows: approvalRows,
      notes: [
        'A case: start with a ~600-byte approval payload (validated against its start form) → the real `push` action starts 3 linked claim cases (market, health, ecology) → each department\'s staff claims (one command) and completes (a second command) its claim task, a user task due in 3 working days on the cn-statutory calendar with a non-interrupting overdue timer (one job row).',
        'Task completions/s counts claim+complete pairs (3 per case); commands/s counts every transaction (1 start + 3 claims + 3 completes).',
        'Raw ceiling: a plain pg Pool running, per case, the same 7 transactions with the same numbers of selects, inserts and updates (counted above) on a scratch table, ~600-byte jsonb rows, no ORM and no engine, at the same concurrency.',
        'bpmn-engine 25.0.1 runs tests/bench/fixtures/bpmn-engine-claims.bpmn: start → a parallel multi-instance user task of 3 instances (bpmn-engine has no push action, so the three linked claim cases become three instances) → end, with getState() + JSON.stringify after the start and after each completion, and JSON.parse + recover() + resume() before each completion: 4 steps per case. It has no claim step, no forms, no deadlines, no audit and no database; it runs ' +
          `${n.reference} cases per concurrency in the same process.`,
        'All cases run in one county, so all commands share its audit chain head (see the lock-wait table).',
      ],
    });
    if (waits32) {
      tables.push({
        title: 'Lock waits during the approval-push run at concurrency 32 (pg_stat_activity sampled every 25 ms)',
        columns: ['Samples', 'Busy backends (avg)', 'Backends waiting on a lock (avg)', 'of which on audit_chain_head (avg)'],
        rows: [[waits32.samples, fmt(waits32.busy / waits32.samples), fmt(waits32.lockWaits / waits32.samples), fmt(waits32.onAuditHead / waits32.samples)]],
        notes: ['A backend counts as waiting on the audit chain head when its current statement is the chain head\'s select … for update.'],
      });
    }

    // ---- 2. single-task processes ----
    const singleRows: (string | number)[][] = [];
    const singleCeilingShapes = [shapeOf(singleStartCounts), shapeOf(singleCompleteCounts)];
    let singleWorst = Infinity;
    for (const c of [8, 32]) {
      const count = n.single[c]!;
      log(`single-task: ${count} cases at concurrency ${c}`);
      const ours = await rate(count, c, () => runSingleTaskCase(w));
      const raw = await rate(count, c, () => ceiling!.runCase(singleCeilingShapes));
      const ref = await rate(n.reference, c, (i) => referenceSingle.runCase({ applicant: '某某', amount: i }, 1));
      singleWorst = Math.min(singleWorst, ours.perSecond);
      ratioWorst = Math.min(ratioWorst, (100 * ours.perSecond) / raw.perSecond);
      refRatioWorst = Math.min(refRatioWorst, ours.perSecond / ref.perSecond);
      singleRows.push([c, count, fmt(ours.perSecond), fmt(raw.perSecond), `${fmt((100 * ours.perSecond) / raw.perSecond)}%`, fmt(ref.perSecond), `${fmt(ours.perSecond / ref.perSecond)}×`]);
    }
    await assertAllDone(w);
    tables.push({
      title: 'Single-task processes on PostgreSQL (start → one user task → end)',
      columns: ['Concurrency', 'Cases', 'Started and completed /s', 'Raw ceiling /s', 'Ours / ceiling', 'bpmn-engine /s', 'Ours / bpmn-engine'],
      rows: singleRows,
      notes: [
        'Two commands per case: start, then complete (which claims the open task implicitly).',
        'bpmn-engine runs tests/bench/fixtures/bpmn-engine-single.bpmn (the same start → user task → end) with one getState/stringify → parse/recover/resume round trip before the completion.',
      ],
    });
    const chains = await verifyAllTenants(db.orm.em.fork());
    const broken = chains.filter((r) => !r.ok);
    if (broken.length) throw new Error(`audit chain broken after the run: ${JSON.stringify(broken)}`);
    log(`audit chains verified: ${chains.map((r) => `${r.tenantCode} ${r.rowsChecked} events`).join(', ')}`);
    tables.push({
      title: 'Audit chain after the PostgreSQL runs',
      columns: ['County', 'Events verified', 'Chain intact'],
      rows: chains.map((r) => [r.tenantCode, r.rowsChecked, r.ok ? 'yes' : 'no']),
      notes: ['verifyAllTenants (what `npm run audit:verify` runs) recomputed every hash after all concurrent runs.'],
    });
    targets.push({ name: 'Single-task processes started and completed per second (concurrency 8 and 32)', target: '≥ 500/s', actual: `${fmt(singleWorst)}/s (lower of the two)`, met: singleWorst >= 500 });
    targets.push({ name: 'Throughput as % of the raw PostgreSQL ceiling (every row above)', target: '≥ 50%', actual: `${fmt(ratioWorst)}% (lowest)`, met: ratioWorst >= 50 });
    targets.push({ name: 'Throughput against bpmn-engine with getState/recover between steps (every row above)', target: '≥ 3×', actual: `${fmt(refRatioWorst)}× (lowest)`, met: refRatioWorst >= 3 });
  } finally {
    await ceiling?.close().catch(() => undefined);
    await db.close();
    await dropBenchDatabase(db.dbName);
  }

  // ---- 4. PGlite ----
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bench-engine-pglite-'));
  log(`PGlite in ${dataDir}`);
  const lite = await openDatabase({ kind: 'pglite', dataDir });
  try {
    const w = await setUpEngineWorkload(lite.orm);
    await runConcurrently(scaled(5, 2), 1, (i) => runApprovalCase(w, i));
    const rows: (string | number)[][] = [];
    for (const c of [1, 8]) {
      const count = n.pglite[c]!;
      log(`PGlite approval-push: ${count} cases at concurrency ${c}`);
      const r = await rate(count, c, (i) => runApprovalCase(w, 10_000 * c + i));
      rows.push([c, count, fmt(r.perSecond), fmt(r.perSecond * 3), fmt(r.perSecond * 7)]);
    }
    await assertAllDone(w);
    tables.push({
      title: 'Approval-push cases on embedded PGlite',
      columns: ['Concurrency', 'Cases', 'Cases/s', 'Task completions/s', 'Commands/s'],
      rows,
      notes: ['The same workload as on PostgreSQL, on `openDatabase({ kind: "pglite", dataDir })` in a fresh temporary directory. PGlite is single-connection, so concurrency only queues commands.'],
    });
  } finally {
    await lite.close();
    rmSync(dataDir, { recursive: true, force: true });
  }

  emitResult({
    name: 'engine',
    title: 'Engine throughput',
    database: `${database} (127.0.0.1) and PGlite`,
    scale: { 'BENCH_SCALE': scale, 'approval cases at c=1/8/32': `${n.approval[1]}/${n.approval[8]}/${n.approval[32]}`, 'single-task cases at c=8/32': `${n.single[8]}/${n.single[32]}`, 'bpmn-engine cases per row': n.reference, 'PGlite cases at c=1/8': `${n.pglite[1]}/${n.pglite[8]}` },
    tables,
    targets,
  });
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
