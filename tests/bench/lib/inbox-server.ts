/**
 * Item 6b of issue 11: the real server as its own process against the big
 * database, its RSS idle after start and after inbox traffic, and the HTTP
 * latency of that traffic as a by-product.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../../platform/src/domain/tenant/demo-accounts';
import { latencySummary, rssMiB } from './stats';
import { freePort } from './free-port';

const ROOT = path.resolve(__dirname, '../../..');
const log = (msg: string) => process.stderr.write(`[inbox] ${msg}\n`);

async function waitHealthy(url: string, child: ChildProcess, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

export interface ServerMemoryResult {
  idleMiB: number;
  afterMiB: number;
  requests: number;
  list: ReturnType<typeof latencySummary>;
  counts: ReturnType<typeof latencySummary>;
}

/**
 * Start `node --import tsx platform/src/main.ts` (one process, so the pid is
 * the server's) on `databaseUrl`, log `login` in, call GET /api/inbox
 * (to-claim) and /api/inbox/counts `rounds` times each, and read its RSS.
 */
export async function measureServerMemory(databaseUrl: string, tenant: string, login: string, rounds: number): Promise<ServerMemoryResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'platform/src/main.ts')], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', NODE_ENV: 'development', PACK_DIR: path.join(ROOT, 'definitions/qufu-2023') },
  });
  try {
    await waitHealthy(url, child);
    await new Promise((r) => setTimeout(r, 2000));
    const idleMiB = await rssMiB(child.pid!);
    log(`server pid ${child.pid} idle RSS ${idleMiB.toFixed(1)} MiB`);
    const res = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ tenant, login, password: DEMO_PASSWORD }) });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.getSetCookie?.() ?? [res.headers.get('set-cookie') ?? '']).map((c) => c.split(';')[0]).join('; ');
    const listMs: number[] = [];
    const countMs: number[] = [];
    const get = async (p: string, into: number[]) => {
      const t = performance.now();
      const r = await fetch(`${url}${p}`, { headers: { cookie } });
      await r.arrayBuffer();
      into.push(performance.now() - t);
      if (r.status !== 200) throw new Error(`GET ${p}: ${r.status}`);
    };
    for (let i = 0; i < 20; i++) await get('/api/inbox?view=to-claim&pageSize=20', []);
    for (let i = 0; i < rounds; i++) {
      await get('/api/inbox?view=to-claim&pageSize=20', listMs);
      await get('/api/inbox/counts', countMs);
    }
    const afterMiB = await rssMiB(child.pid!);
    log(`after ${rounds * 2} requests RSS ${afterMiB.toFixed(1)} MiB`);
    return { idleMiB, afterMiB, requests: rounds * 2, list: latencySummary(listMs), counts: latencySummary(countMs) };
  } finally {
    child.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        resolve();
      }, 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
