import type { Server } from 'node:http';
import type { Clock } from './clock';
import type { Config } from './config/config';
import { openDatabase, type Database } from './db/database';
import { createArgon2Hasher, type PasswordHasher } from './domain/auth/password-hasher';
import { ensureFirstTenant } from './domain/tenant/first-start';
import { ensureExpiryChecks } from './engine/definitions/expiry-check-job';
import { createApp } from './http/app';
import type { AppDeps } from './http/app-deps';
import type { Logger } from './logger';
import { createServices } from './services';
import { defaultWorkerId, JobWorker } from './scheduler/job-worker';

/** A running platform: the HTTP server plus everything to shut down with it. */
export interface RunningPlatform {
  server: Server;
  url: string;
  database: Database;
  stop(): Promise<void>;
}

export interface PlatformOverrides {
  clock: Clock;
  logger: Logger;
  hasher?: PasswordHasher;
}

/**
 * The composition root: config → database (migrated) → services → first-start
 * seeding → HTTP. Everything is built here and passed down; nothing is global.
 */
export async function startPlatform(config: Config, overrides: PlatformOverrides): Promise<RunningPlatform> {
  const { clock, logger } = overrides;
  const database = await openDatabase(
    config.databaseUrl ? { kind: 'postgres', url: config.databaseUrl, poolMax: config.dbPoolMax } : { kind: 'pglite', dataDir: config.pgliteDataDir },
    (message) => logger.info({ component: 'orm' }, message.replace(/\x1b\[[0-9;]*m/g, '')),
  );
  try {
    const hasher = overrides.hasher ?? createArgon2Hasher();
    const services = createServices({ clock, hasher, sessionTtlHours: config.sessionTtlHours, attachmentMaxBytes: config.attachmentMaxBytes });
    await ensureFirstTenant(
      database.orm.em.fork(),
      { packDir: config.packDir, production: config.env === 'production', allowDemoAccounts: config.allowDemoAccounts, initialAdminPassword: config.initialAdminPassword },
      { clock, ...services, actionNames: services.actions.names(), hasher, logger },
    );
    // Every county has its daily expiry check (60/30/7-day warnings); idempotent, so restarts add nothing.
    await ensureExpiryChecks(database.orm.em.fork(), services.jobs, clock.now());
    const deps: AppDeps = {
      orm: database.orm,
      databaseKind: database.kind,
      clock,
      logger,
      ...services,
      packsDir: config.packsDir,
      http: { cookieSecure: config.cookieSecure, sessionTtlHours: config.sessionTtlHours, trustProxy: config.trustProxy, uiDir: config.uiDir, adminUiDir: config.adminUiDir },
    };
    const app = createApp(deps);
    // Embedded mode runs the same worker code, one per process (PGlite has a single connection).
    const worker = new JobWorker({ orm: database.orm, clock, handlers: services.jobHandlers, workerId: defaultWorkerId(), logger });
    worker.start();
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(config.port, config.host, () => resolve(s));
      s.once('error', reject);
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      server,
      url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
      database,
      async stop() {
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await worker.stop();
        await database.close();
      },
    };
  } catch (err) {
    await database.close();
    throw err;
  }
}
