import type { EntityManager } from '@mikro-orm/postgresql';
import type { JobHandler, JobHandlers } from '../../scheduler/job-handler';
import { RetryLaterError } from '../../scheduler/scheduler-errors';
import { CaseBusyError, type Engine } from '../engine';
import { nextCycleFire } from '../parse/timer-cycle';
import { cancelToken, completeActivity, triggerBoundary } from '../runtime/activity-lifecycle';
import { ENGINE_JOBS } from '../runtime/engine-deps';
import type { LoadedDefinition } from '../definitions/definition-service';
import { findEffectiveVersion } from '../definitions/effective-version';
import { correlateMessage, fireTimer } from './event-commands';

const SYSTEM = { id: null, label: 'system' };

/**
 * A command that keeps losing its optimistic-lock race is retried later by the
 * scheduler without counting a failed attempt. Other conflicts are real
 * failures and go through the normal retry-then-incident path.
 */
const retryOnConflict =
  (handler: JobHandler): JobHandler =>
  async (em, job) => {
    try {
      await handler(em, job);
    } catch (err) {
      if (err instanceof CaseBusyError) throw new RetryLaterError(err.message);
      throw err;
    }
  };

/** A child case ended: its parent's call activity completes with the child's variables (or fails/escalates on a failed child). */
async function resumeParent(engine: Engine, em: EntityManager, tenantId: string, p: { parentCaseId: string; parentTokenId: string; childCaseId: string; childStatus: string; variables: Record<string, unknown> }): Promise<void> {
  await engine.runCaseCommand(em, tenantId, p.parentCaseId, SYSTEM, async (x) => {
    const token = x.token(p.parentTokenId);
    if (!token || token.wait?.kind !== 'call' || token.wait.ref !== p.childCaseId) return { changed: false, value: undefined };
    if (p.childStatus !== 'failed') {
      await completeActivity(x, token, p.variables);
      return { changed: true, value: undefined };
    }
    const el = x.element(token.elementId);
    const catcher = el.boundaryEvents.find((id) => x.element(id).event?.kind === 'error');
    if (catcher) {
      await triggerBoundary(x, token, catcher, {});
    } else {
      for (const t of [...x.state.tokens]) await cancelToken(x, t);
      x.endCase('failed');
    }
    return { changed: true, value: undefined };
  });
}

const timerStartKey = (processKey: string, elementId: string, at: Date) => `timer-start:${processKey}:${elementId}:${at.toISOString()}`;

/** Schedule the next occurrence of each timer start event of a newly published version, replacing the previous version's. */
export async function scheduleTimerStarts(engine: Engine, em: EntityManager, loaded: LoadedDefinition): Promise<void> {
  const tenantId = loaded.version.tenantId;
  await em.execute("delete from job where tenant_id = ? and type = ? and dedupe_key like ?", [tenantId, ENGINE_JOBS.timerStart, `timer-start:${loaded.process.key}:%`]);
  for (const elementId of loaded.process.timerStarts) {
    const cycle = loaded.process.elements.get(elementId)?.event?.timer?.cycle;
    if (!cycle) continue;
    const next = nextCycleFire(cycle, engine.deps.clock.now());
    if (!next) continue;
    await engine.deps.jobs.schedule(em, { tenantId, type: ENGINE_JOBS.timerStart, dueAt: next, payload: { processKey: loaded.process.key, elementId, cycle }, dedupeKey: timerStartKey(loaded.process.key, elementId, next) });
  }
}

/** The handlers the engine registers with the job worker. */
export function engineJobHandlers(engine: Engine): JobHandlers {
  return {
    [ENGINE_JOBS.timer]: retryOnConflict(async (em, job) => {
      const p = job.payload as { caseId: string; ref: string };
      await fireTimer(engine, em, job.tenantId, p.caseId, p.ref);
    }),
    [ENGINE_JOBS.publishMessage]: retryOnConflict(async (em, job) => {
      const p = job.payload as { name: string; correlationKey: string | null; variables: Record<string, unknown>; sourceCaseId?: string };
      await correlateMessage(engine, em, { tenantId: job.tenantId, name: p.name, correlationKey: p.correlationKey, variables: p.variables, actor: { id: null, label: 'message' }, sourceCaseId: p.sourceCaseId });
    }),
    [ENGINE_JOBS.resumeParent]: retryOnConflict(async (em, job) => {
      await resumeParent(engine, em, job.tenantId, job.payload as Parameters<typeof resumeParent>[3]);
    }),
    [ENGINE_JOBS.timerStart]: retryOnConflict(async (em, job) => {
      const p = job.payload as { processKey: string; elementId: string; cycle: string };
      // A firing due after the sunset starts nothing (judged at its due time, so a late catch-up of a firing owed
      // while the rules were in force still starts); it keeps its schedule so an extension or successor resumes it.
      const found = await findEffectiveVersion(em, job.tenantId, p.processKey, job.dueAt);
      if (found.id) {
        await engine.startCase(em, { tenantId: job.tenantId, processKey: p.processKey, variables: { firedAt: job.dueAt.toISOString() }, actor: { id: null, label: 'timer' }, startEventId: p.elementId, effectiveAt: job.dueAt });
      }
      const next = nextCycleFire(p.cycle, job.dueAt);
      if (next) await engine.deps.jobs.schedule(em, { tenantId: job.tenantId, type: ENGINE_JOBS.timerStart, dueAt: next, payload: p, dedupeKey: timerStartKey(p.processKey, p.elementId, next) });
    }),
  };
}
