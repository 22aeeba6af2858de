import pino from 'pino';
import { ManualClock } from '../../clock';
import { openDatabase } from '../../db/database';
import { JobWorker } from '../../scheduler/job-worker';
import type { Services, ServiceOptions } from '../../services';
import { createArgon2Hasher } from '../auth/password-hasher';
import { createTenantFromPack } from '../tenant/create-tenant-from-pack';
import { demoAccountsFor } from '../tenant/demo-accounts';
import type { LoadedPack } from './load-pack';
import { runScenario, type ScenarioContext } from './scenario-runner';
import type { Scenario } from './scenario-schema';

/** One scenario's verdict in a rehearsal. */
export interface RehearsalResult {
  file: string;
  title: string;
  ok: boolean;
  /** What went wrong (the scenario runner's message), when not ok. */
  error?: string;
}

/** Builds the production service graph for the rehearsal's own database (the composition root's createServices). */
export type ServiceFactory = (options: ServiceOptions) => Services;

/** Fast, throwaway password hashing: the rehearsal's demo accounts never leave its in-memory database. */
const rehearsalHasher = createArgon2Hasher({ memoryCost: 1024, timeCost: 1 });

/**
 * Run a pack's scenarios before anything of it is written anywhere real.
 *
 * Why a separate, in-memory embedded database: scenarios move a clock,
 * start cases and fire timers; doing that in the target county (even in a
 * rolled-back transaction) would hold its locks and mix with its live
 * cases. An in-memory PGlite with the production migrations, services and
 * tenant-creation code is the same platform, and vanishes afterwards. Each
 * scenario runs in its own fresh county so one cannot disturb another.
 */
export async function rehearsePack(pack: LoadedPack, scenarios: { file: string; scenario: Scenario }[], buildServices: ServiceFactory): Promise<RehearsalResult[]> {
  if (scenarios.length === 0) return [];
  const db = await openDatabase({ kind: 'pglite', dataDir: undefined });
  try {
    const clock = new ManualClock('2000-01-01T00:00:00Z');
    const services = buildServices({ clock, hasher: rehearsalHasher, sessionTtlHours: 1 });
    const worker = new JobWorker({ orm: db.orm, clock, handlers: services.jobHandlers, workerId: 'rehearsal', logger: pino({ level: 'silent' }) });
    const results: RehearsalResult[] = [];
    for (const [i, { file, scenario }] of scenarios.entries()) {
      // A county per scenario: codes must be unique, and each starts with no cases, tasks or timers of the others.
      const manifest = { ...pack.manifest, tenant: { ...pack.manifest.tenant, code: `rehearsal${i}` } };
      clock.set(scenario.given.at);
      const tenant = await createTenantFromPack(db.orm.em.fork(), { ...pack, manifest }, { accounts: demoAccountsFor(manifest) }, { clock, hasher: rehearsalHasher, ...services });
      const ctx: ScenarioContext = {
        orm: db.orm,
        services,
        clock,
        tenantId: tenant.id,
        runDueJobs: () => worker.runUntilIdle(),
      };
      try {
        await runScenario(ctx, scenario);
        results.push({ file, title: scenario.title, ok: true });
      } catch (err) {
        results.push({ file, title: scenario.title, ok: false, error: (err as Error).message });
      } finally {
        // Its timers must not fire into the next scenario's clock moves.
        await db.orm.em.fork().execute('delete from job where tenant_id = ?', [tenant.id]);
      }
    }
    return results;
  } finally {
    await db.close();
  }
}
