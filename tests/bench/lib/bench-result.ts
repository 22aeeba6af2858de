import { writeFileSync } from 'node:fs';

/** One table of a benchmark's report, rendered as Markdown by the runner. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: (string | number)[][];
  /** Sentences under the table: what was measured and how to read it. */
  notes?: string[];
}

/** A target the issue sets, with what this run measured against it. */
export interface BenchTarget {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

/**
 * What one benchmark script reports. The runner (run-benchmarks.ts) prints
 * the tables and writes them into docs/performance.md between the markers
 * `<!-- bench:<name>:start -->` and `<!-- bench:<name>:end -->`, leaving the
 * hand-written analysis around them alone.
 */
export interface BenchResult {
  /** Marker name, e.g. "engine", "inbox", "timers", "api", "embedded". */
  name: string;
  title: string;
  /** The database(s) measured, e.g. "PostgreSQL 15.19 (127.0.0.1)". */
  database: string;
  /** The scale the script ran at (BENCH_SCALE may shrink it for a smoke run). */
  scale: Record<string, number | string>;
  tables: BenchTable[];
  targets: BenchTarget[];
  /** Files the script wrote beside the report (e.g. EXPLAIN plans), relative to the repository root. */
  artifacts?: string[];
}

/**
 * Hand a result to the runner: to the file it named in BENCH_RESULT_FILE,
 * or, when a script is run alone, to stdout as JSON.
 */
export function emitResult(result: BenchResult): void {
  const file = process.env.BENCH_RESULT_FILE;
  const json = JSON.stringify({ ...result, finishedAt: new Date().toISOString() }, null, 2);
  if (file) writeFileSync(file, json);
  else process.stdout.write(`${json}\n`);
}

/**
 * Scale factor for a smoke run (BENCH_SCALE=0.01 runs a hundredth of the
 * work), so the scripts can be checked quickly; the report states the scale.
 */
export function benchScale(): number {
  const raw = process.env.BENCH_SCALE;
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!(n > 0 && n <= 1)) throw new Error(`BENCH_SCALE must be in (0, 1], got ${raw}`);
  return n;
}

/** `n` scaled by BENCH_SCALE, at least `min`. */
export function scaled(n: number, min = 1): number {
  return Math.max(min, Math.round(n * benchScale()));
}
