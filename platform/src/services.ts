import type { Clock } from './clock';
import { AuditLog } from './domain/audit/audit-log';
import { AuthService } from './domain/auth/auth-service';
import { LoginThrottler } from './domain/auth/login-throttle';
import type { PasswordHasher } from './domain/auth/password-hasher';
import { CalendarService } from './domain/calendar/calendar-service';
import type { DeadlineRecomputer } from './domain/calendar/deadline-recomputer';
import { OrgService } from './domain/org/org-service';
import { createAjv, type Ajv } from './forms/ajv-factory';

/** The domain services, built once per process and shared by HTTP, jobs and CLIs. */
export interface Services {
  ajv: Ajv;
  audit: AuditLog;
  auth: AuthService;
  org: OrgService;
  calendars: CalendarService;
}

/**
 * Build the service graph. The one place that knows how services depend on
 * each other; main.ts and the test fixtures both call it, so tests exercise
 * the production wiring.
 */
export function createServices(deps: { clock: Clock; hasher: PasswordHasher; sessionTtlHours: number; recomputers?: DeadlineRecomputer[] }): Services {
  const { clock, hasher } = deps;
  const ajv = createAjv();
  const audit = new AuditLog(clock);
  return {
    ajv,
    audit,
    auth: new AuthService({ clock, hasher, throttler: new LoginThrottler(clock), audit, sessionTtlHours: deps.sessionTtlHours }),
    org: new OrgService(audit),
    calendars: new CalendarService({ clock, audit, ajv, recomputers: deps.recomputers ?? [] }),
  };
}
