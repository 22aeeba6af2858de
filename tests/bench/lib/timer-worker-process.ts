/**
 * One "server process" of the timer benchmark (tests/bench/timers.bench.ts):
 * the production services and job handlers (createServices(...).jobHandlers)
 * behind a JobWorker with the production defaults (batch size, lease, poll
 * interval), exactly as platform.ts builds it, minus HTTP.
 *
 * Environment: WORKER_ID, WORKER_DATABASE_URL. It opens the database and
 * builds the services, prints READY, and starts polling when a line `GO`
 * arrives on stdin, so process start-up (tsx, ORM metadata) is not timed.
 * On a line `STOP` it stops the worker gracefully and prints one line
 * `DONE {"fired":n,"lost":n,...,"firstMs":t,"lastMs":t,"claims":n,"claimMs":ms}`
 * (outcome counts, the wall-clock ms of its first and last fired job, and
 * how many claim statements took how long), then exits. While polling it
 * prints `FIRED <n>` every 500 ms. It exits
 * when stdin closes, so a crashed benchmark leaves no worker behind.
 * Optional WORKER_BATCH_SIZE / WORKER_POLL_MS override the defaults (to
 * compare settings); unset means the production defaults.
 */
import pino from 'pino';
import { systemClock } from '../../../platform/src/clock';
import { openDatabase } from '../../../platform/src/db/database';
import { createArgon2Hasher } from '../../../platform/src/domain/auth/password-hasher';
import { createServices } from '../../../platform/src/services';
import type { ClaimedJob, JobOutcome } from '../../../platform/src/scheduler/job-handler';
import { JobWorker } from '../../../platform/src/scheduler/job-worker';

/** A JobWorker that counts the outcome of every job it executes, and its claims and their time. */
class CountingWorker extends JobWorker {
  readonly outcomes: Record<string, number> = {};
  firstMs = 0;
  lastMs = 0;
  claimCount = 0;
  claimMs = 0;

  override async claimDue(): Promise<ClaimedJob[]> {
    const start = performance.now();
    const jobs = await super.claimDue();
    this.claimMs += performance.now() - start;
    if (jobs.length > 0) this.claimCount += 1;
    return jobs;
  }

  override async execute(job: ClaimedJob): Promise<JobOutcome> {
    const outcome = await super.execute(job);
    this.outcomes[outcome] = (this.outcomes[outcome] ?? 0) + 1;
    if (outcome === 'fired') {
      const now = Date.now();
      if (!this.firstMs) this.firstMs = now;
      this.lastMs = now;
    }
    return outcome;
  }
}

function optionalNumber(name: string): number | undefined {
  const raw = process.env[name];
  return raw ? Number(raw) : undefined;
}

async function main(): Promise<void> {
  const workerId = process.env.WORKER_ID ?? 'bench';
  const url = process.env.WORKER_DATABASE_URL;
  if (!url) throw new Error('set WORKER_DATABASE_URL');
  const database = await openDatabase({ kind: 'postgres', url, poolMax: 4 }, undefined, { migrate: false });
  const logger = pino({ level: process.env.WORKER_LOG_LEVEL ?? 'warn' }, pino.destination(2));
  const services = createServices({ clock: systemClock, hasher: createArgon2Hasher(), sessionTtlHours: 12 });
  const worker = new CountingWorker({
    orm: database.orm,
    clock: systemClock,
    handlers: services.jobHandlers,
    workerId,
    logger,
    batchSize: optionalNumber('WORKER_BATCH_SIZE'),
    pollIntervalMs: optionalNumber('WORKER_POLL_MS'),
  });
  let buffered = '';
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (chunk: string) => {
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line === 'GO') {
        worker.start();
        // Progress for the benchmark, which then needs no polling query of its own.
        setInterval(() => process.stdout.write(`FIRED ${worker.outcomes.fired ?? 0}\n`), 500).unref();
      }
      if (line === 'STOP') {
        void (async () => {
          await worker.stop();
          await database.close();
          process.stdout.write(`DONE ${JSON.stringify({ ...worker.outcomes, firstMs: worker.firstMs, lastMs: worker.lastMs, claims: worker.claimCount, claimMs: worker.claimMs })}\n`);
          process.exit(0);
        })();
      }
    }
  });
  process.stdin.once('end', () => process.exit(1));
  process.stdout.write('READY\n');
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
