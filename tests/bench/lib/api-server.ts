/**
 * The platform as a separate process for the HTTP benchmark: built once with
 * tsc (so tsx is not what gets measured), started with `node
 * platform/dist/main.js` on a free port against a bench database, and stopped
 * with SIGTERM so an optional --cpu-prof profile is written on exit.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { rssMiB } from './stats';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../../..');

/** Compile platform/src to platform/dist (skipped when BENCH_API_SKIP_BUILD is set, e.g. while another build runs). */
export function buildPlatform(): void {
  if (process.env.BENCH_API_SKIP_BUILD) return;
  const r = spawnSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'platform/tsconfig.build.json'], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}

export interface ServerProcess {
  url: string;
  /** The node process itself (spawned without a shell), for rssMiB. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Start the built platform against `databaseUrl` with the default pack and
 * demo accounts; resolves once /api/health answers. `cpuProfDir` adds
 * --cpu-prof (the profile is written when the process exits).
 */
export async function startServerProcess(opts: { databaseUrl: string; env?: Record<string, string>; cpuProfDir?: string }): Promise<ServerProcess> {
  const port = await freePort();
  // BENCH_API_SERVER_ENTRY runs another build (e.g. a copy of platform/dist for a before/after comparison).
  const entry = process.env.BENCH_API_SERVER_ENTRY ?? 'platform/dist/main.js';
  const nodeArgs = [...(opts.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProfDir}`] : []), entry];
  const child: ChildProcess = spawn(process.execPath, nodeArgs, {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      NODE_ENV: 'development',
      DATABASE_URL: opts.databaseUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ALLOW_DEMO_ACCOUNTS: 'true',
      ...opts.env,
    },
  });
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (exited) throw new Error('the platform process exited during start-up');
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('the platform did not answer /api/health within 120 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak and the last sample. */
export function sampleRss(pid: number, intervalMs = 250): { stop(): Promise<{ peak: number; last: number; samples: number }> } {
  let peak = 0;
  let last = Number.NaN;
  let samples = 0;
  const take = async () => {
    const v = await rssMiB(pid).catch(() => Number.NaN);
    if (Number.isFinite(v)) {
      peak = Math.max(peak, v);
      last = v;
      samples++;
    }
  };
  void take();
  const timer = setInterval(() => void take(), intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await take();
      return { peak, last, samples };
    },
  };
}

/**
 * CPU time (user + system) a process has used, in ms, from /proc (Linux).
 * Per-request CPU from this is steadier than latency on a shared machine:
 * time spent waiting for a core does not count.
 */
export async function cpuMs(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}
