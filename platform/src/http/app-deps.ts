import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../clock';
import type { Logger } from '../logger';
import type { Services } from '../services';

/** Everything the HTTP layer needs, passed in by the composition root (no globals, no service locator). */
export interface AppDeps extends Services {
  orm: MikroORM;
  databaseKind: 'postgres' | 'pglite';
  clock: Clock;
  logger: Logger;
  /** Folder of the packs a platform admin may create counties from (config PACKS_DIR); absent: none are offered. */
  packsDir?: string;
  http: {
    cookieSecure: boolean;
    sessionTtlHours: number;
    /** Behind a reverse proxy: trust X-Forwarded-For / -Proto. */
    trustProxy: boolean;
    /** The built staff UI to serve at `/`; absent or missing on disk: API only. */
    uiDir?: string;
    /** The built designer to serve at `/admin`. */
    adminUiDir?: string;
  };
}
