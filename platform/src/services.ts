import type { Clock } from './clock';
import { AuditLog } from './domain/audit/audit-log';
import { AuthService } from './domain/auth/auth-service';
import { LoginThrottler } from './domain/auth/login-throttle';
import type { PasswordHasher } from './domain/auth/password-hasher';
import { CalendarService } from './domain/calendar/calendar-service';
import type { DeadlineRecomputer } from './domain/calendar/deadline-recomputer';
import { AttachmentService } from './domain/attachment/attachment-service';
import type { AttachmentScanner } from './domain/attachment/attachment-scanner';
import { PublicIntakeService } from './domain/public/public-intake-service';
import { CircularStatistics } from './domain/statistics/circular-statistics';
import { CaseReader } from './domain/case/case-reader';
import { FieldCatalogCache } from './domain/case/field-catalog-cache';
import { InboxService } from './domain/task/inbox';
import { TaskDetailReader } from './domain/task/task-detail';
import { OrgService } from './domain/org/org-service';
import { UserAdmin } from './domain/org/user-admin';
import { ActionRegistry, type ActionDefinition } from './engine/actions/action-registry';
import { builtinActions } from './engine/actions/builtin-actions';
import { engineJobHandlers, scheduleTimerStarts } from './engine/commands/job-handlers';
import { DefinitionService } from './engine/definitions/definition-service';
import { expiryCheckJobHandlers } from './engine/definitions/expiry-check-job';
import { FormService } from './engine/definitions/form-service';
import { Engine } from './engine/engine';
import { MigrationService } from './engine/migration/migration-service';
import { rehearsePack, type RehearsalResult } from './domain/pack/rehearse-pack';
import type { LoadedPack } from './domain/pack/load-pack';
import type { Scenario } from './domain/pack/scenario-schema';
import { TaskDeadlineRecomputer } from './engine/runtime/task-deadline-recomputer';
import { createAjv, type Ajv } from './forms/ajv-factory';
import type { JobHandlers } from './scheduler/job-handler';
import { JobScheduler } from './scheduler/job-scheduler';

/** The domain services, built once per process and shared by HTTP, jobs and CLIs. */
export interface Services {
  ajv: Ajv;
  audit: AuditLog;
  auth: AuthService;
  /** The password hasher the services were built with, for code that creates accounts outside UserAdmin (counties made from the designer). */
  passwordHasher: PasswordHasher;
  org: OrgService;
  /** Accounts, roles and departments as the designer edits them. */
  userAdmin: UserAdmin;
  calendars: CalendarService;
  jobs: JobScheduler;
  forms: FormService;
  actions: ActionRegistry;
  definitions: DefinitionService;
  engine: Engine;
  /** Which variables are personal data or search keys, from the published forms. */
  catalogs: FieldCatalogCache;
  cases: CaseReader;
  inbox: InboxService;
  tasks: TaskDetailReader;
  attachments: AttachmentService;
  statistics: CircularStatistics;
  publicIntake: PublicIntakeService;
  /** Moving running cases between versions of a procedure (plans, dry runs, batch jobs). */
  migrations: MigrationService;
  /** Run a pack's scenarios in a throwaway in-memory county (pack import and the tenant CLI validate with it). */
  rehearsePack(pack: LoadedPack, scenarios: { file: string; scenario: Scenario }[]): Promise<RehearsalResult[]>;
  /** What the job worker runs, by job type. */
  jobHandlers: JobHandlers;
}

export interface ServiceOptions {
  clock: Clock;
  hasher: PasswordHasher;
  sessionTtlHours: number;
  /** Extra deadline holders to recompute on calendar edits (tests); the engine's tasks are always included. */
  recomputers?: DeadlineRecomputer[];
  /** Extra service-task actions beyond the built-ins. */
  actions?: ActionDefinition[];
  /** The virus-scan hook for evidence uploads (ClamAV adapter, ...); none by default. */
  attachmentScanner?: AttachmentScanner;
  /** Largest evidence upload in bytes; 20 MiB by default. */
  attachmentMaxBytes?: number;
}

/**
 * Build the service graph. The one place that knows how services depend on
 * each other; main.ts and the test fixtures both call it, so tests exercise
 * the production wiring.
 */
export function createServices(options: ServiceOptions): Services {
  const { clock, hasher } = options;
  const ajv = createAjv();
  const audit = new AuditLog(clock);
  const jobs = new JobScheduler({ clock });
  const forms = new FormService({ clock, audit, ajv });
  const actions = new ActionRegistry([...builtinActions(), ...(options.actions ?? [])]);
  const definitions = new DefinitionService({ clock, audit, forms, actions });
  const calendars = new CalendarService({ clock, audit, ajv, recomputers: [new TaskDeadlineRecomputer(), ...(options.recomputers ?? [])] });
  const engine = new Engine({ clock, audit, jobs, calendars, forms, definitions, actions });
  const catalogs = new FieldCatalogCache();
  definitions.onPublished.push((em, loaded) => scheduleTimerStarts(engine, em, loaded));
  const migrations = new MigrationService({ clock, audit, jobs, forms, calendars, definitions, catalogs });
  return {
    ajv,
    audit,
    auth: new AuthService({ clock, hasher, throttler: new LoginThrottler(clock), audit, sessionTtlHours: options.sessionTtlHours }),
    passwordHasher: hasher,
    org: new OrgService(audit),
    userAdmin: new UserAdmin({ clock, audit, hasher }),
    calendars,
    jobs,
    forms,
    actions,
    definitions,
    engine,
    catalogs,
    cases: new CaseReader({ clock, audit, calendars, catalogs }),
    inbox: new InboxService({ calendars }),
    tasks: new TaskDetailReader({ clock, calendars, catalogs, definitions }),
    attachments: new AttachmentService({ clock, audit, scanner: options.attachmentScanner, maxBytes: options.attachmentMaxBytes }),
    statistics: new CircularStatistics({ clock, calendars }),
    publicIntake: new PublicIntakeService({ clock, audit, engine, forms, definitions }),
    migrations,
    rehearsePack: (pack, scenarios) => rehearsePack(pack, scenarios, createServices),
    jobHandlers: { ...engineJobHandlers(engine), ...migrations.jobHandlers(), ...expiryCheckJobHandlers({ clock, jobs }) },
  };
}
