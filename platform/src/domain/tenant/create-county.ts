import path from 'node:path';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ConflictError, ValidationError } from '../../errors/problem-error';
import type { Ajv } from '../../forms/ajv-factory';
import { loadPack, type LoadedPack } from '../pack/load-pack';
import { PackInvalidError } from '../pack/pack-manifest';
import { readPackScenarios } from '../pack/read-pack-scenarios';
import type { RehearsalResult } from '../pack/rehearse-pack';
import type { Scenario } from '../pack/scenario-schema';
import { listAvailablePacks } from './available-packs';
import { createTenantFromPack, type CreateTenantDeps } from './create-tenant-from-pack';
import { initialAdminFor } from './demo-accounts';

/** County codes: what users type at login and what URLs and exports carry. Same rule as the tenant CLI. */
export const COUNTY_CODE_PATTERN = '^[a-z][a-z0-9-]{1,39}$';

/** A platform admin's request for a new county. */
export interface CreateCountyRequest {
  /** A folder name from `listAvailablePacks`, never a path. */
  pack: string;
  code: string;
  name: string;
  /** Password of the county's one `admin` account (at least 12 characters). */
  adminPassword: string;
  /** Who asks, recorded in the new county's audit chain. */
  createdBy: { userId: string; login: string; tenantCode: string };
}

export interface CreateCountyDeps extends CreateTenantDeps {
  ajv: Ajv;
  actionNames: readonly string[];
  rehearsePack(pack: LoadedPack, scenarios: { file: string; scenario: Scenario }[]): Promise<RehearsalResult[]>;
}

export interface CreatedCounty {
  code: string;
  name: string;
  packId: string;
  scenarios: { file: string; title: string; ok: boolean }[];
}

/**
 * Thrown (422) when the chosen pack is broken or does not do what its
 * scenarios say; `problems` lists every reason and nothing has been written.
 */
export class CountyPackRefusedError extends ValidationError {
  constructor(
    readonly problems: string[],
    scenarios: { file: string; title: string; ok: boolean }[] = [],
  ) {
    super(`The pack cannot create a county: ${problems.length} problem(s). ${problems.slice(0, 5).join(' ')}`, problems.map((message) => ({ pointer: '/body/pack', message })));
    this.extensions.problems = problems;
    this.extensions.scenarios = scenarios;
  }
}

const taken = (code: string) => new ConflictError(`A county with code "${code}" already exists.`);

/**
 * Create a county from one of the server's packs, as the tenant CLI does:
 * the pack is loaded and validated in full, its scenarios rehearsed in a
 * throwaway in-memory county, and only then is the county written, in one
 * transaction, with a single `admin` account and its daily expiry check.
 * The cheap refusals (unknown pack, taken code) come before the expensive
 * rehearsal, and a code taken meanwhile still ends as a 409 via the unique index.
 * @throws ValidationError for a pack not offered; CountyPackRefusedError for a broken or failing pack; ConflictError for a taken code.
 */
export async function createCountyFromPack(em: EntityManager, packsDir: string | undefined, req: CreateCountyRequest, deps: CreateCountyDeps): Promise<CreatedCounty> {
  const offered = (await listAvailablePacks(packsDir)).find((p) => p.dir === req.pack);
  if (!packsDir || !offered) throw new ValidationError(`No pack "${req.pack}" is offered here.`, [{ pointer: '/body/pack', message: 'is not one of the packs listed by GET /api/platform/packs' }]);
  const [existing] = await em.execute<{ id: string }[]>('select id from tenant where code = ?', [req.code]);
  if (existing) throw taken(req.code);

  const packDir = path.join(packsDir, offered.dir);
  let loaded: LoadedPack;
  let scenarios: { file: string; scenario: Scenario }[];
  try {
    loaded = await loadPack(packDir, { ajv: deps.ajv, actions: deps.actionNames });
    scenarios = await readPackScenarios(packDir, deps.ajv);
  } catch (err) {
    if (err instanceof PackInvalidError) throw new CountyPackRefusedError(err.problems);
    throw new CountyPackRefusedError([(err as Error).message]);
  }
  const rehearsal = await deps.rehearsePack(loaded, scenarios);
  const report = rehearsal.map(({ file, title, ok }) => ({ file, title, ok }));
  const failed = rehearsal.filter((r) => !r.ok);
  if (failed.length) throw new CountyPackRefusedError(failed.map((r) => `scenarios/${r.file}: ${r.error ?? 'failed'}`), report);

  const manifest = { ...loaded.manifest, tenant: { code: req.code, name: req.name } };
  try {
    await createTenantFromPack(em, { ...loaded, manifest }, { accounts: [initialAdminFor(manifest, req.adminPassword)], createdBy: req.createdBy }, deps);
  } catch (err) {
    if (err instanceof UniqueConstraintViolationException) throw taken(req.code);
    throw err;
  }
  return { code: req.code, name: req.name, packId: manifest.id, scenarios: report };
}
