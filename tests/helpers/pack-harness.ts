import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { ManualClock } from '../../platform/src/clock';
import { loadPackWithManifest } from '../../platform/src/domain/pack/load-pack';
import { loadPackManifest, type PackForm, type PackProcedure } from '../../platform/src/domain/pack/pack-manifest';
import { parseScenario, runScenario, type ScenarioContext } from '../../platform/src/domain/pack/scenario-runner';
import type { Scenario } from '../../platform/src/domain/pack/scenario-schema';
import { JobWorker } from '../../platform/src/scheduler/job-worker';
import { createAjv } from '../../platform/src/forms/ajv-factory';
import { createServices } from '../../platform/src/services';
import { cheapHasher, createTestTenant } from './test-app';
import { openTestDatabase, type TestDatabase } from './test-database';

export const repoRoot = path.resolve(__dirname, '../..');

/** Read every scenario file of a pack folder, validated against the scenario format. */
export function packScenarios(packDir: string, ajv = createAjv()): { file: string; scenario: Scenario }[] {
  const dir = path.join(packDir, 'scenarios');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, scenario: parseScenario(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), ajv, file) }));
}

/**
 * A county created from a real pack folder (optionally with only some of its
 * forms and procedures, for authors working on one procedure at a time) on a
 * test database, ready to run the pack's scenarios.
 */
export class PackHarness {
  private constructor(readonly db: TestDatabase, readonly ctx: ScenarioContext) {}

  static async start(packDir: string, only?: { forms?: PackForm[]; procedures?: PackProcedure[] }): Promise<PackHarness> {
    const db = await openTestDatabase();
    const clock = new ManualClock('2023-01-11T01:00:00Z');
    const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 12 });
    const manifest = await loadPackManifest(packDir);
    const pack = await loadPackWithManifest(packDir, only ? { ...manifest, forms: only.forms ?? [], procedures: only.procedures ?? [] } : manifest, { ajv: services.ajv, actions: services.actions.names() });
    const tenant = await createTestTenant(db.orm.em.fork(), { clock, ...services }, pack.manifest.tenant.code, pack);
    const worker = new JobWorker({ orm: db.orm, clock, handlers: services.jobHandlers, workerId: 'pack-worker', logger: pino({ level: 'silent' }) });
    const ctx: ScenarioContext = {
      orm: db.orm,
      services,
      clock,
      tenantId: tenant.id,
      runDueJobs: () => worker.runUntilIdle(),
    };
    return new PackHarness(db, ctx);
  }

  /** Another county, from another pack, in the same database and served by the same engine, clock and worker. */
  async addPack(packDir: string): Promise<ScenarioContext> {
    const { services, clock } = this.ctx;
    const pack = await loadPackWithManifest(packDir, await loadPackManifest(packDir), { ajv: services.ajv, actions: services.actions.names() });
    const tenant = await createTestTenant(this.db.orm.em.fork(), { clock, ...services }, pack.manifest.tenant.code, pack);
    return { ...this.ctx, tenantId: tenant.id };
  }

  run(scenario: Scenario) {
    return runScenario(this.ctx, scenario);
  }

  close(): Promise<void> {
    return this.db.close();
  }
}
