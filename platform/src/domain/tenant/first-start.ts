import type { EntityManager } from '@mikro-orm/postgresql';
import type { Ajv } from '../../forms/ajv-factory';
import type { Logger } from '../../logger';
import { loadPack } from '../pack/load-pack';
import { createTenantFromPack, type CreateTenantDeps } from './create-tenant-from-pack';
import { asPlatformAdmin, demoAccountsFor, initialAdminFor, type AccountSpec } from './demo-accounts';

export interface FirstStartOptions {
  packDir: string;
  production: boolean;
  allowDemoAccounts: boolean;
  /** When set, an `admin` account with this password is created instead of the demo accounts. */
  initialAdminPassword: string | undefined;
}

/** Thrown when production is asked to create demo accounts without the explicit flag. */
export class DemoAccountsRefusedError extends Error {
  constructor() {
    super('Refusing to create demo accounts with NODE_ENV=production. Set INITIAL_ADMIN_PASSWORD to create a real admin, or ALLOW_DEMO_ACCOUNTS=true for a demonstration install.');
    this.name = 'DemoAccountsRefusedError';
  }
}

/**
 * On an empty database, create the county described by the configured pack.
 * Runs after migrations; does nothing once any tenant exists, so restarts
 * keep the data as it is. Its `admin` (real or demo) is the installation's
 * platform administrator: the one account that may create further counties
 * from the designer (docs/designer.md).
 */
export async function ensureFirstTenant(em: EntityManager, options: FirstStartOptions, deps: CreateTenantDeps & { logger: Logger; ajv: Ajv; actionNames: readonly string[] }): Promise<void> {
  const [{ count }] = (await em.execute<{ count: string }[]>('select count(*) as count from tenant')) as [{ count: string }];
  if (Number(count) > 0) return;
  const loaded = await loadPack(options.packDir, { ajv: deps.ajv, actions: deps.actionNames });
  const pack = loaded.manifest;
  let accounts: AccountSpec[];
  if (options.initialAdminPassword) {
    if (options.initialAdminPassword.length < 12) throw new Error('INITIAL_ADMIN_PASSWORD must be at least 12 characters.');
    accounts = [initialAdminFor(pack, options.initialAdminPassword)];
  } else if (options.production && !options.allowDemoAccounts) {
    throw new DemoAccountsRefusedError();
  } else {
    accounts = demoAccountsFor(pack);
  }
  const tenant = await createTenantFromPack(em, loaded, { accounts: asPlatformAdmin(accounts) }, deps);
  deps.logger.info({ tenant: tenant.code, pack: pack.id, accounts: accounts.map((a) => a.login) }, 'first start: created tenant from pack');
}
