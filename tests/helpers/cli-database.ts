import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { openDatabase, type Database } from '../../platform/src/db/database';
import { createEmptyPostgresDatabase, testDbKind } from './test-database';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '../..');

/** An empty database for a command-line tool under test, and how to reach it from the test and from the tool's process. */
export interface CliDatabase {
  /** Environment the CLI gets: DATABASE_URL (postgres) or PGLITE_DATA_DIR (pglite). */
  env: Record<string, string>;
  /** A private temporary folder (holds the PGlite data directory), removed afterwards. */
  dir: string;
  /** Open the same database in the test (close it before the CLI runs on PGlite: one process at a time). */
  open(): Promise<Database>;
}

/**
 * Register beforeAll/afterAll that give the suite an empty database the way
 * an operator's tool meets one: a new database on the PostgreSQL server, or
 * an embedded data directory on disk (the server is stopped meanwhile).
 */
export function useCliDatabase(prefix: string): CliDatabase {
  const handle = { env: {}, dir: '', open: () => Promise.reject(new Error('not ready')) } as CliDatabase;
  let drop: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    handle.dir = await mkdtemp(path.join(os.tmpdir(), prefix));
    if (testDbKind() === 'postgres') {
      const created = await createEmptyPostgresDatabase();
      handle.env = { DATABASE_URL: created.url };
      handle.open = () => openDatabase({ kind: 'postgres', url: created.url, poolMax: 2 });
      drop = created.drop;
    } else {
      const dataDir = path.join(handle.dir, 'pg');
      handle.env = { PGLITE_DATA_DIR: dataDir };
      handle.open = () => openDatabase({ kind: 'pglite', dataDir });
    }
  });
  afterAll(async () => {
    await drop();
    await rm(handle.dir, { recursive: true, force: true });
  });
  return handle;
}

/** Run a CLI under platform/src/cli in its own process, as `npm run` would; never throws on a non-zero exit. */
export function runCli(script: string, args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(path.join(repoRoot, 'node_modules/.bin/tsx'), [path.join(repoRoot, 'platform/src/cli', script), ...args], { env: { PATH: process.env.PATH ?? '', ...env }, cwd: repoRoot }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}
