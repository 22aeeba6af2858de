/** Percentile (nearest rank) of samples in milliseconds; the array is sorted in place. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  samples.sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * samples.length);
  return samples[Math.min(samples.length - 1, Math.max(0, rank - 1))]!;
}

/** p50/p95/p99 and max of latency samples (ms). */
export function latencySummary(samples: number[]): { p50: number; p95: number; p99: number; max: number; n: number } {
  return { p50: percentile(samples, 50), p95: percentile(samples, 95), p99: percentile(samples, 99), max: percentile(samples, 100), n: samples.length };
}

/** Milliseconds since `start` (from performance.now()). */
export const since = (start: number): number => performance.now() - start;

/** Round for a report cell: 2 decimals under 10, 1 under 100, else whole. */
export function fmt(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (Math.abs(n) < 10) return n.toFixed(2);
  if (Math.abs(n) < 100) return n.toFixed(1);
  return Math.round(n).toLocaleString('en-US');
}

/** Run `worker` from `concurrency` loops until `total` items were taken; resolves when all finish. */
export async function runConcurrently(total: number, concurrency: number, worker: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const loop = async () => {
    for (;;) {
      const i = next++;
      if (i >= total) return;
      await worker(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, loop));
}

/** Resident set size of a process in MiB, from /proc (Linux). */
export async function rssMiB(pid: number = process.pid): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}
