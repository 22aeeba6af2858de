/**
 * A job worker in a process of its own, for the scheduler's multi-process
 * tests (run with node_modules/.bin/tsx). It serves the test job types:
 *
 * - `test.record`: inserts (job id, worker id) into the test's `fired` table;
 * - `test.crash`: records the job like test.record, prints `RUNNING <job id>`
 *   and SIGKILLs its own process, i.e. dies mid-job with the handler's
 *   transaction open. (The process kills itself because tsx runs the script
 *   in a child of the process the test spawned.)
 *
 * Environment: WORKER_ID, and WORKER_DATABASE_URL (a PostgreSQL server) or
 * WORKER_PGLITE_DIR (an embedded data directory); WORKER_LEASE_MS optional.
 * Prints READY once polling; on SIGTERM stops gracefully, prints STOPPED and
 * exits. It also exits when its stdin closes, so a test that dies never leaves
 * a worker behind.
 */
import pino from 'pino';
import { systemClock } from '../../platform/src/clock';
import { openDatabase, type DatabaseTarget } from '../../platform/src/db/database';
import { JobWorker } from '../../platform/src/scheduler/job-worker';

function env(name: string): string | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : value;
}

async function main(): Promise<void> {
  const workerId = env('WORKER_ID') ?? 'child';
  const url = env('WORKER_DATABASE_URL');
  const dataDir = env('WORKER_PGLITE_DIR');
  const target: DatabaseTarget = url ? { kind: 'postgres', url, poolMax: 2 } : { kind: 'pglite', dataDir };
  if (!url && !dataDir) throw new Error('set WORKER_DATABASE_URL or WORKER_PGLITE_DIR');
  const database = await openDatabase(target, undefined, { migrate: false });
  const worker = new JobWorker({
    orm: database.orm,
    clock: systemClock,
    workerId,
    leaseMs: Number(env('WORKER_LEASE_MS') ?? 30_000),
    batchSize: 5,
    pollIntervalMs: 20,
    logger: pino({ level: 'silent' }),
    handlers: {
      'test.record': async (em, job) => {
        await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, workerId, systemClock.now()]);
      },
      'test.crash': async (em, job) => {
        await em.execute('insert into fired (job_id, worker_id, fired_at) values (?, ?, ?)', [job.id, workerId, systemClock.now()]);
        process.stdout.write(`RUNNING ${job.id}\n`);
        process.kill(process.pid, 'SIGKILL');
        await new Promise(() => undefined);
      },
    },
  });
  process.once('SIGTERM', () => {
    void (async () => {
      await worker.stop();
      await database.close();
      process.stdout.write('STOPPED\n');
      process.exit(0);
    })();
  });
  process.stdin.once('end', () => process.exit(1));
  process.stdin.resume();
  worker.start();
  process.stdout.write('READY\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
