/**
 * `npm run bench [-- name…]`: run the benchmark scripts (tests/bench/*.bench.ts),
 * each in its own process so none inherits another's heap or connections,
 * print their tables, and write them into docs/performance.md.
 *
 * Results are kept in tests/bench/results/<name>.json (not committed), so a
 * run of one benchmark rewrites only its own section of the report.
 * BENCH_SCALE=0.01 runs a hundredth of the work, to check the scripts quickly.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchResult } from './lib/bench-result';
import { serverVersion } from './lib/bench-database';
import { markdownTable, renderResult, replaceSection } from './lib/render-markdown';

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DIR = __dirname;
const RESULTS_DIR = path.join(BENCH_DIR, 'results');
const DOC = path.join(ROOT, 'docs/performance.md');
/** Order of the report; a script not listed runs last. */
const ORDER = ['engine', 'inbox', 'timers', 'api', 'embedded'];

function scripts(): string[] {
  const found = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.bench.ts'))
    .map((f) => f.slice(0, -'.bench.ts'.length));
  const rank = (n: string) => (ORDER.includes(n) ? ORDER.indexOf(n) : ORDER.length);
  return found.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function run(name: string): Promise<number> {
  const resultFile = path.join(RESULTS_DIR, `${name}.json.tmp`);
  return new Promise((resolve) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(BENCH_DIR, `${name}.bench.ts`)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, BENCH_RESULT_FILE: resultFile, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=8192`.trim() },
    });
    child.on('exit', (code) => {
      if (code === 0 && existsSync(resultFile)) writeFileSync(path.join(RESULTS_DIR, `${name}.json`), readFileSync(resultFile));
      resolve(code ?? 1);
    });
  });
}

async function machineSection(): Promise<string> {
  const cpus = os.cpus();
  return markdownTable({
    title: 'Machine',
    columns: ['', ''],
    rows: [
      ['CPU', `${cpus.length} × ${cpus[0]?.model ?? '?'}`],
      ['Memory', `${Math.round(os.totalmem() / 2 ** 30)} GiB`],
      ['OS', `${os.type()} ${os.release()}`],
      ['Node.js', process.version],
      ['Database server', await serverVersion().catch(() => 'unreachable')],
    ],
    notes: ['The database server runs on the same machine, so every figure shares its 2 cores with PostgreSQL.'],
  });
}

async function main(): Promise<void> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const wanted = process.argv.slice(2);
  const all = scripts();
  const unknown = wanted.filter((w) => !all.includes(w));
  if (unknown.length) throw new Error(`No benchmark ${unknown.join(', ')}; there are: ${all.join(', ')}`);
  const failed: string[] = [];
  for (const name of wanted.length ? wanted : all) {
    process.stdout.write(`\n=== ${name} ===\n`);
    if ((await run(name)) !== 0) failed.push(name);
  }
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Performance\n';
  doc = replaceSection(doc, 'machine', await machineSection(), 'Machine');
  for (const name of all) {
    const file = path.join(RESULTS_DIR, `${name}.json`);
    if (!existsSync(file)) continue;
    const result = JSON.parse(readFileSync(file, 'utf8')) as BenchResult & { finishedAt?: string };
    const body = renderResult(result);
    doc = replaceSection(doc, name, body, result.title);
    if (!wanted.length || wanted.includes(name)) process.stdout.write(`\n## ${result.title}\n\n${body}\n`);
  }
  writeFileSync(DOC, doc);
  process.stdout.write(`\nWrote ${path.relative(ROOT, DOC)}\n`);
  if (failed.length) {
    process.stderr.write(`Benchmarks failed: ${failed.join(', ')}\n`);
    process.exit(1);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
