import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditActor, AuditEntry } from '../../domain/audit/audit-log';
import type { CompiledDefinition, CompiledProcess } from '../model/compiled-model';
import type { EngineDeps } from './engine-deps';

/** Starting and stopping other cases from inside a command (call activities, pushes); implemented by the engine. */
export interface CaseStarter {
  startChild(env: ExecutionEnv, input: { parentCaseId: string; parentTokenId: string | null; processKey: string; variables: Record<string, unknown>; linkKind: 'call' | 'push'; elementId: string; businessKey?: string }): Promise<string>;
  terminate(env: ExecutionEnv, caseId: string): Promise<void>;
}

/** Everything one command's execution may use: its transaction, the time of the command, who acts, and the engine's collaborators. */
export interface ExecutionEnv {
  em: EntityManager;
  tenantId: string;
  /** One instant for the whole command, so every row it writes agrees on "now". */
  now: Date;
  actor: AuditActor;
  deps: EngineDeps;
  definitionVersionId: string;
  definition: CompiledDefinition;
  process: CompiledProcess;
  /** The tenant's default calendar key, for deadlines and timers that name none. */
  defaultCalendarKey: string | null;
  /** Deadline card thresholds from the tenant's pack, for tasks whose diagram sets none. */
  defaultThresholds: { yellow: number; red: number } | undefined;
  cases: CaseStarter;
  /**
   * The command's audit entries, appended once at its end. Cases started
   * inside the command (push, call) share it, so a command takes the
   * county's audit chain-head lock once, as late as possible.
   */
  auditBuffer: AuditEntry[];
  /** Reads kept for the rest of the command, shared like auditBuffer (see oncePerCommand). */
  lookups: Map<string, unknown>;
}
