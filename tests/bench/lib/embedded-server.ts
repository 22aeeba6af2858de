import { spawn, type ChildProcess } from 'node:child_process';
import { rssMiB } from './stats';
import { freePort } from './free-port';

/** One start of the built server: how long until /api/health answered 200, its RSS then, and its log lines with their times. */
export interface ServerStart {
  readyMs: number;
  rssMiB: number;
  /** Log lines (pino JSON) with ms since spawn, for the phase breakdown. */
  log: { ms: number; line: string }[];
}

/**
 * Spawn `node platform/dist/main.js` on the embedded database in `dataDir`,
 * time spawn → GET /api/health = 200, read its RSS, then stop it with
 * SIGTERM (a clean shutdown, so a warm restart finds a clean data directory).
 */
export async function timeServerStart(root: string, dataDir: string, timeoutMs = 300_000): Promise<ServerStart> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['platform/dist/main.js'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', HOST: '127.0.0.1', PORT: String(port), PGLITE_DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: { ms: number; line: string }[] = [];
  let partial = '';
  const onData = (chunk: Buffer) => {
    partial += chunk.toString();
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) log.push({ ms: performance.now() - started, line });
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    let readyMs = Number.NaN;
    while (performance.now() - started < timeoutMs) {
      if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${log.map((l) => l.line).join('\n').slice(-2000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) {
        readyMs = performance.now() - started;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    if (Number.isNaN(readyMs)) throw new Error(`server not healthy after ${timeoutMs} ms`);
    const rss = await rssMiB(child.pid!);
    return { readyMs, rssMiB: rss, log };
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000))]);
    if (code === 'timeout') {
      child.kill('SIGKILL');
      await exited;
    }
  }
}
