import { randomUUID } from 'node:crypto';
import { DeadlockException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { SYSTEM_ACTOR, type AuditActor, type AuditEntry } from '../domain/audit/audit-log';
import { ConflictError, ValidationError } from '../errors/problem-error';
import { resolveBehaviour } from './elements/behaviours';
import type { EffectiveDefinition, LoadedDefinition } from './definitions/definition-service';
import { cancelToken } from './runtime/activity-lifecycle';
import { PROCESS_SCOPE_ID, type CaseState } from './runtime/case-state';
import { CaseVersionConflict, insertCase, loadCase, updateCase, type CaseLinkRow, type CaseRow, type LoadedCase, type TenantDefaults } from './runtime/case-store';
import { ENGINE_JOBS, type EngineDeps } from './runtime/engine-deps';
import type { CaseStarter, ExecutionEnv } from './runtime/engine-env';
import { ProcessExecutionError } from './runtime/engine-errors';
import { Execution } from './runtime/execution';
import { oncePerCommand } from './runtime/command-lookups';

export interface StartCaseInput {
  tenantId: string;
  processKey: string;
  variables: Record<string, unknown>;
  actor: AuditActor;
  /** A retried request with the same key returns the case the first one created. */
  idempotencyKey?: string;
  businessKey?: string;
  /** Start at this message start event instead of the none start event. */
  messageName?: string;
  /** Start at this start event (timer starts). */
  startEventId?: string;
  /** The department the case is started for; it and the departments its tasks reach may read it. */
  departmentId?: string;
  /**
   * The instant whose local date picks the effective version (default: now).
   * A timer start caught up late passes its due time, so a firing owed while
   * the rules were in force still starts, and one due after the sunset does not.
   */
  effectiveAt?: Date;
}

/** The outcome a case command's body reports: whether it changed the case (a stale timer does not). */
export interface CommandOutcome<T> {
  changed: boolean;
  value: T;
}

const MAX_RETRIES = 5;

/**
 * Thrown when a command kept losing optimistic-lock races on a busy case.
 * A 409 to HTTP callers; a job that hits it is simply tried again later,
 * unlike a real conflict (the task was already done), which stays an error.
 */
export class CaseBusyError extends ConflictError {}

/**
 * The engine's commands. Each runs in one transaction: load the case, let
 * the behaviours advance it until every token waits, write state, tasks,
 * jobs and audit, commit. A lost optimistic-lock race (or a deadlock) is
 * retried from a fresh read; the body re-checks its preconditions, so a
 * retry that finds the task already done becomes a ConflictError (HTTP 409).
 */
export class Engine {
  readonly cases: CaseStarter;

  constructor(readonly deps: EngineDeps) {
    this.cases = {
      startChild: (env, input) => this.startChild(env, input),
      terminate: (env, caseId) => this.terminate(env, caseId),
    };
  }

  /**
   * Start a case of the version of a procedure effective today (refused with
   * ProcedureNotEffectiveError after its sunset). A repeated
   * idempotency key returns the case the first request created, also when
   * both requests race: the loser's insert hits the key's unique index, its
   * transaction rolls back, and it answers with the winner's case.
   */
  async startCase(em: EntityManager, input: StartCaseInput): Promise<{ caseId: string; created: boolean }> {
    const existing = async (executor: EntityManager) =>
      input.idempotencyKey
        ? (await executor.execute<{ id: string }[]>('select id from case_instance where tenant_id = ? and idempotency_key = ?', [input.tenantId, input.idempotencyKey]))[0]
        : undefined;
    try {
      return await em.transactional(async (tx) => {
        const found = await existing(tx);
        if (found) return { caseId: found.id, created: false };
        const loaded = await this.deps.definitions.effective(tx, input.tenantId, input.processKey, input.effectiveAt);
        await this.validateStartPayload(tx, loaded, input);
        const caseId = await this.createCase(tx, loaded, input, null);
        return { caseId, created: true };
      });
    } catch (err) {
      if (!(err instanceof UniqueConstraintViolationException)) throw err;
      const found = await existing(em);
      if (!found) throw err;
      return { caseId: found.id, created: false };
    }
  }

  /**
   * Run `body` against a case in a transaction and save what it changed.
   * Commands call this; the body receives the execution and returns whether
   * anything changed (nothing is written when not).
   */
  async runCaseCommand<T>(em: EntityManager, tenantId: string, caseId: string, actor: AuditActor, body: (x: Execution) => Promise<CommandOutcome<T>>): Promise<T> {
    return this.runLoadedCommand(em, actor, async (tx) => ({ loaded: await loadCase(tx, tenantId, caseId), extra: undefined }), (x) => body(x));
  }

  /**
   * {@link runCaseCommand} with the case read by `load`, which may read more
   * in the same statement (a task command reads the task, its candidacy and
   * its case in one round trip) and hands that to `body` as `extra`. Each
   * retry loads afresh.
   */
  async runLoadedCommand<T, E>(
    em: EntityManager,
    actor: AuditActor,
    load: (tx: EntityManager) => Promise<{ loaded: LoadedCase; extra: E }>,
    body: (x: Execution, extra: E) => Promise<CommandOutcome<T>>,
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await em.transactional(async (tx) => {
          const { loaded, extra } = await load(tx);
          const { tenant, ...row } = loaded;
          const x = await this.executionFor(tx, row, actor, { tenant });
          const outcome = await body(x, extra);
          if (!outcome.changed) return outcome.value;
          await x.run();
          await this.save(tx, row, x);
          return outcome.value;
        });
      } catch (err) {
        // A deadlock (completing a task while its timer fires: each waits on a row the other changed) is a lost race
        // too, and PostgreSQL rolled our transaction back. Nested in a caller's transaction (a job) it cannot be
        // retried here, as the caller still holds its locks; the caller decides (the job worker postpones the job).
        const lostRace = err instanceof CaseVersionConflict || (err instanceof DeadlockException && !em.isInTransaction());
        if (!lostRace || attempt >= MAX_RETRIES) {
          if (lostRace) throw new CaseBusyError('The case is being changed by others right now; try again.');
          throw err;
        }
      }
    }
  }

  /** A start event with cm:formKey takes only payloads its form accepts (validated on the server, whatever the caller checked). */
  private async validateStartPayload(em: EntityManager, loaded: LoadedDefinition, input: StartCaseInput): Promise<void> {
    const startId = input.startEventId ?? (input.messageName ? loaded.process.messageStarts.get(input.messageName) : loaded.process.noneStartId);
    const form = startId ? loaded.process.elements.get(startId)?.startForm : undefined;
    if (!form) return;
    const ref = await this.deps.forms.resolve(em, input.tenantId, form.formKey, form.formVersion);
    await this.deps.forms.validate(em, input.tenantId, ref.formKey, ref.version, input.variables, '/body/variables');
  }

  private async createCase(
    em: EntityManager,
    loaded: EffectiveDefinition,
    input: StartCaseInput,
    parent: { caseId: string; tokenId: string | null; link: Omit<CaseLinkRow, 'id' | 'createdAt'> } | null,
    within?: ExecutionEnv,
  ): Promise<string> {
    const process = loaded.process;
    const startId = input.startEventId ?? (input.messageName ? process.messageStarts.get(input.messageName) : process.noneStartId);
    if (!startId) {
      throw new ValidationError(
        input.messageName ? `Procedure "${process.key}" has no start event for message "${input.messageName}".` : `Procedure "${process.key}" cannot be started by hand: it has no none start event.`,
      );
    }
    // A start event's output mappings pick what of the payload (message, caller's inputs) becomes case data.
    const mapsOutputs = (process.elements.get(startId)?.outputs.length ?? 0) > 0;
    const state: CaseState = { tokens: [], scopes: [{ id: PROCESS_SCOPE_ID, elementId: process.key, kind: 'process', variables: {} }], seq: 0 };
    const row: CaseRow = {
      id: randomUUID(),
      tenantId: input.tenantId,
      definitionVersionId: loaded.version.id,
      processKey: process.key,
      status: 'active',
      variables: mapsOutputs ? {} : { ...input.variables },
      state,
      version: 0,
      parentCaseId: parent?.caseId ?? null,
      parentTokenId: parent?.tokenId ?? null,
    };
    // The tenant defaults came with the effective version; a case started inside another command (push, call) shares its audit buffer and lookups.
    const x = await this.executionFor(em, row, input.actor, { loaded, tenant: loaded.tenant, auditBuffer: within?.auditBuffer, lookups: within?.lookups });
    x.record('case.started', process.elements.get(startId), { processKey: process.key, version: loaded.version.version, statusAfter: 'active', ...(parent ? { parentCaseId: parent.caseId } : {}) });
    await insertCase(
      em,
      { ...row, businessKey: input.businessKey ?? null, idempotencyKey: input.idempotencyKey ?? null, startedBy: input.actor.id, startedAt: x.env.now, endedAt: null, departmentId: input.departmentId ?? null },
      parent ? { id: randomUUID(), ...parent.link, createdAt: x.env.now } : undefined,
    );
    const token = x.spawn(startId, PROCESS_SCOPE_ID);
    if (mapsOutputs) x.applyOutputs(token, x.element(startId), input.variables);
    await x.run();
    await this.save(em, row, x, within !== undefined);
    return row.id;
  }

  private async executionFor(
    em: EntityManager,
    row: CaseRow,
    actor: AuditActor,
    known: { tenant: TenantDefaults; loaded?: LoadedDefinition; auditBuffer?: AuditEntry[]; lookups?: Map<string, unknown> },
  ): Promise<Execution> {
    const def = known.loaded ?? (await this.deps.definitions.byId(em, row.tenantId, row.definitionVersionId));
    const tenant = known.tenant;
    const env: ExecutionEnv = {
      em,
      tenantId: row.tenantId,
      now: this.deps.clock.now(),
      actor,
      deps: this.deps,
      definitionVersionId: def.version.id,
      definition: def.definition,
      process: def.process,
      defaultCalendarKey: tenant.defaultCalendarKey,
      defaultThresholds: tenant.warningThresholds,
      cases: this.cases,
      auditBuffer: known.auditBuffer ?? [],
      lookups: known.lookups ?? new Map(),
    };
    return new Execution(env, row.id, row.variables, row.state, row.status, resolveBehaviour);
  }

  /**
   * Write the case back and append its audit entries. The append comes last:
   * it takes the county's audit chain-head lock, held until commit, so
   * nothing else may run after it. A case started inside another command
   * (`nested`) leaves its entries in the shared buffer for that command's
   * single append, instead of taking the lock early and holding it while the
   * outer command goes on (three pushed cases used to hold it through most of the start).
   */
  private async save(em: EntityManager, row: CaseRow, x: Execution, nested = false): Promise<void> {
    await updateCase(em, row, { status: x.status, variables: x.variables, state: x.state, endedAt: x.endedAt });
    if (x.status !== 'active' && row.status === 'active' && row.parentCaseId && row.parentTokenId) {
      await this.deps.jobs.schedule(em, {
        tenantId: row.tenantId,
        caseId: row.parentCaseId,
        type: ENGINE_JOBS.resumeParent,
        dueAt: x.env.now,
        payload: { parentCaseId: row.parentCaseId, parentTokenId: row.parentTokenId, childCaseId: row.id, childStatus: x.status, variables: x.variables },
        dedupeKey: `resume:${row.id}`,
      });
    }
    if (!nested) await this.deps.audit.append(em, row.tenantId, x.audit.splice(0));
  }

  private async startChild(env: ExecutionEnv, input: Parameters<CaseStarter['startChild']>[1]): Promise<string> {
    // A push starts several cases of one procedure: its effective version is resolved once per command.
    const loaded = await oncePerCommand(env, `effective\u0000${input.processKey}`, () => this.deps.definitions.effective(env.em, env.tenantId, input.processKey, env.now));
    // A pushed or called case must satisfy its start form like any other start.
    await this.validateStartPayload(env.em, loaded, { tenantId: env.tenantId, processKey: input.processKey, variables: input.variables, actor: env.actor });
    // The parent's link to the child is written with the child's row.
    return this.createCase(
      env.em,
      loaded,
      { tenantId: env.tenantId, processKey: input.processKey, variables: input.variables, actor: env.actor, businessKey: input.businessKey },
      { caseId: input.parentCaseId, tokenId: input.parentTokenId, link: { kind: input.linkKind, elementId: input.elementId } },
      env,
    );
  }

  /** End a case from outside (its parent's call activity was cancelled): every token is cancelled and the case is terminated. */
  private async terminate(env: ExecutionEnv, caseId: string): Promise<void> {
    await this.runCaseCommand(env.em, env.tenantId, caseId, env.actor ?? SYSTEM_ACTOR, async (x) => {
      if (x.status !== 'active') return { changed: false, value: undefined };
      for (const t of [...x.state.tokens]) await cancelToken(x, t);
      x.endCase('terminated');
      return { changed: true, value: undefined };
    });
  }
}

export { ProcessExecutionError };
