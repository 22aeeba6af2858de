import type { Clock } from '../../clock';
import type { AuditLog } from '../../domain/audit/audit-log';
import type { CalendarService } from '../../domain/calendar/calendar-service';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ActionRegistry } from '../actions/action-registry';
import type { DefinitionService } from '../definitions/definition-service';
import type { FormService } from '../definitions/form-service';

/** The slice of the job scheduler the engine uses: durable timers and continuations inside the command's transaction. */
export interface JobPort {
  schedule(em: EntityManager, job: { tenantId: string; caseId?: string; type: string; dueAt: Date; payload: Record<string, unknown>; dedupeKey?: string; maxAttempts?: number }): Promise<unknown>;
  cancel(em: EntityManager, filter: { tenantId: string; caseId?: string; dedupeKey?: string }): Promise<unknown>;
}

/** Long-lived collaborators of the engine, built once by the composition root. */
export interface EngineDeps {
  clock: Clock;
  audit: AuditLog;
  jobs: JobPort;
  calendars: CalendarService;
  forms: FormService;
  definitions: DefinitionService;
  actions: ActionRegistry;
}

/** Job types the engine schedules and handles. */
export const ENGINE_JOBS = {
  timer: 'engine.timer',
  timerStart: 'engine.timer-start',
  publishMessage: 'engine.publish-message',
  resumeParent: 'engine.resume-parent',
  retryElement: 'engine.retry-element',
} as const;
