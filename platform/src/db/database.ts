import { MikroORM } from '@mikro-orm/postgresql';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';
import { ormOptions } from './orm-options';

/** An open database: the ORM plus whatever must be shut down with it. */
export interface Database {
  orm: MikroORM;
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; poolMax: number }
  /** `dataDir` undefined keeps the embedded database in memory (tests). */
  | { kind: 'pglite'; dataDir: string | undefined };

/** Receives the ORM's informational messages, e.g. which migrations ran. */
export type OrmLog = (message: string) => void;

/**
 * Open the database and bring its schema to the latest migration (unless a
 * read-only tool opts out). Production paths only ever migrate; schema:update
 * is never used.
 */
export async function openDatabase(target: DatabaseTarget, log?: OrmLog, options: { migrate: boolean } = { migrate: true }): Promise<Database> {
  let embedded: EmbeddedPostgres | undefined;
  try {
    let orm: MikroORM;
    if (target.kind === 'postgres') {
      orm = await MikroORM.init(ormOptions({ kind: 'postgres', url: target.url, poolMax: target.poolMax }, log));
    } else {
      embedded = await startEmbeddedPostgres(target.dataDir);
      orm = await MikroORM.init(ormOptions({ kind: 'pglite', host: embedded.host, port: embedded.port }, log));
    }
    if (options.migrate) await orm.getMigrator().up();
    const stopEmbedded = embedded;
    return {
      orm,
      kind: target.kind,
      async close() {
        await orm.close(true);
        await stopEmbedded?.stop();
      },
    };
  } catch (err) {
    await embedded?.stop().catch(() => undefined);
    throw err;
  }
}
