/**
 * Summarise a V8 .cpuprofile (from `node --cpu-prof`): the top frames by
 * self time, and by inclusive time for frames in the platform's own code, so
 * per-request overheads show without a flame-graph tool.
 *
 *   tsx tests/bench/lib/api-cpu-profile.ts <file.cpuprofile> [all|setup|inbox|complete] [top=40]
 *
 * A phase name restricts the summary to that load phase, as the API bench
 * recorded it in phases.json beside the profile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A window of CLOCK_MONOTONIC microseconds (V8 profile timestamps and process.hrtime share that clock on Linux). */
export type Window = [number, number];

/** Now on the clock V8 stamps profile samples with, in microseconds; the bench records load phases with it. */
export const monotonicMicros = (): number => Number(process.hrtime.bigint() / 1000n);

/** Self and inclusive milliseconds per frame (function + file + line). */
export function summarise(profile: Profile, window?: Window): { self: Map<string, number>; total: Map<string, number>; totalMs: number } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfMs = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/(node_modules|platform)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let totalMs = 0;
  for (const [id, ms] of selfMs) {
    totalMs += ms;
    const n = byId.get(id)!;
    self.set(key(n), (self.get(key(n)) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = key(byId.get(cur)!);
      if (seen.has(k)) continue; // recursion counts once
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + ms);
    }
  }
  return { self, total, totalMs };
}

function main(): void {
  const [file, phase, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: api-cpu-profile.ts <file.cpuprofile> [all|inbox|complete|setup] [top]');
  const top = Number(topArg ?? 40);
  const phasesFile = path.join(path.dirname(file), 'phases.json');
  const window = phase && phase !== 'all' ? (JSON.parse(readFileSync(phasesFile, 'utf8')) as Record<string, Window>)[phase] : undefined;
  if (phase && phase !== 'all' && !window) throw new Error(`no phase ${phase} in ${phasesFile}`);
  const { self, total, totalMs } = summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, window);
  const pct = (ms: number) => `${((100 * ms) / totalMs).toFixed(1).padStart(5)}%`;
  process.stdout.write(`total ${Math.round(totalMs)} ms sampled\n\n== self time ==\n`);
  for (const [k, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(ms)} ${Math.round(ms).toString().padStart(7)} ms  ${k}\n`);
  process.stdout.write('\n== inclusive time, platform code ==\n');
  for (const [k, ms] of [...total].filter(([k]) => k.includes('platform/')).sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(ms)} ${Math.round(ms).toString().padStart(7)} ms  ${k}\n`);
}

if (require.main === module) main();
