import type { MikroORM } from '@mikro-orm/postgresql';
import type { Clock } from '../clock';
import type { AuditLog } from '../domain/audit/audit-log';
import type { AuthService } from '../domain/auth/auth-service';
import type { OrgService } from '../domain/org/org-service';
import type { Logger } from '../logger';

/** Everything the HTTP layer needs, passed in by the composition root (no globals, no service locator). */
export interface AppDeps {
  orm: MikroORM;
  databaseKind: 'postgres' | 'pglite';
  clock: Clock;
  logger: Logger;
  audit: AuditLog;
  auth: AuthService;
  org: OrgService;
  http: {
    cookieSecure: boolean;
    sessionTtlHours: number;
    /** Behind a reverse proxy: trust X-Forwarded-For / -Proto. */
    trustProxy: boolean;
  };
}
