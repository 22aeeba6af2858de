import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, type Options } from '@mikro-orm/postgresql';
import { entities } from './entities';
import { migrationsList } from './migrations';

/** Where to connect: a server URL, or the embedded server's socket. */
export type Connection = { kind: 'postgres'; url: string; poolMax: number } | { kind: 'pglite'; host: string; port: number };

/**
 * MikroORM options for either database. Embedded PGlite gets a pool of one
 * and a short acquire timeout: its single backend means a second connection
 * waiting inside a transaction would hang the whole database, so we fail
 * fast instead (issue 2's measured constraints).
 */
export function ormOptions(connection: Connection, log: (message: string) => void = () => undefined): Options {
  const where =
    connection.kind === 'postgres'
      ? { clientUrl: connection.url, pool: { min: 0, max: connection.poolMax, acquireTimeoutMillis: 10_000 } }
      : { host: connection.host, port: connection.port, user: 'postgres', dbName: 'postgres', pool: { min: 0, max: 1, acquireTimeoutMillis: 3_000 } };
  return defineConfig({
    ...where,
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, transactional: true, allOrNothing: true, snapshot: false },
    discovery: { warnWhenNoEntities: false },
    // Every unit of work forks its own EntityManager; touching the global one is a bug.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    ensureDatabase: false,
    debug: false,
    // The ORM's own messages (migrations applied) go to our structured log, not the console.
    logger: log,
  });
}
