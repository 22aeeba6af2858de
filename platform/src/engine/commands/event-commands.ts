import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditActor } from '../../domain/audit/audit-log';
import { completeActivity, triggerBoundary } from '../runtime/activity-lifecycle';
import { resolveEventGateway } from '../elements/event-based-gateway';
import type { Engine } from '../engine';
import type { Execution } from '../runtime/execution';

/**
 * Wake whatever waits on `ref` (a timer ref or a subscription id): an
 * intermediate catch or receive task continues, a boundary event fires, or
 * an event-based gateway takes that branch. False when nothing waits on it
 * any more (the timer is stale), in which case nothing is written.
 */
async function wake(x: Execution, kind: 'timer' | 'message', ref: string, result: Record<string, unknown>): Promise<boolean> {
  const direct = x.state.tokens.find((t) => t.wait?.kind === kind && t.wait.ref === ref);
  if (direct) {
    const el = x.element(direct.elementId);
    if (el.type === 'receiveTask') {
      await completeActivity(x, direct, result);
    } else {
      x.applyOutputs(direct, el, result);
      x.record('element.completed', el, { tokenId: direct.id });
      x.leave(direct, x.outgoingFlows(direct, el));
    }
    return true;
  }
  for (const token of x.state.tokens) {
    const armed = token.boundary?.find((a) => a.kind === kind && a.ref === ref);
    if (!armed) continue;
    if (token.wait?.kind === 'eventGateway') await resolveEventGateway(x, token, armed.elementId, result);
    else await triggerBoundary(x, token, armed.elementId, result);
    return true;
  }
  return false;
}

/** A durable timer's job fired: advance the case if the timer still matters. */
export async function fireTimer(engine: Engine, em: EntityManager, tenantId: string, caseId: string, ref: string): Promise<boolean> {
  return engine.runCaseCommand(em, tenantId, caseId, { id: null, label: 'timer' }, async (x) => {
    if (x.status !== 'active') return { changed: false, value: false };
    const woke = await wake(x, 'timer', ref, {});
    if (woke) x.record('timer.fired', undefined, { ref });
    return { changed: woke, value: woke };
  });
}

export interface CorrelateInput {
  tenantId: string;
  name: string;
  correlationKey: string | null;
  variables: Record<string, unknown>;
  actor: AuditActor;
  /** The case that threw the message, linked to any case it starts. */
  sourceCaseId?: string;
}

/**
 * Deliver a message: to every case subscribed under (name, key), and to every
 * procedure with a message start event for the name, which starts a case
 * (e.g. a penalty decision starting the bureau's claim flow). Each case is
 * advanced in its own nested transaction.
 */
export async function correlateMessage(engine: Engine, em: EntityManager, input: CorrelateInput): Promise<{ correlated: string[]; started: string[] }> {
  const correlated: string[] = [];
  if (input.correlationKey !== null) {
    const subs = await em.execute<{ id: string; case_id: string }[]>(
      'select id, case_id from message_subscription where tenant_id = ? and message_name = ? and correlation_key = ? order by created_at',
      [input.tenantId, input.name, input.correlationKey],
    );
    for (const sub of subs) {
      const woke = await engine.runCaseCommand(em, input.tenantId, sub.case_id, input.actor, async (x) => {
        const boundary = x.state.tokens.flatMap((t) => (t.boundary ?? []).filter((a) => a.ref === sub.id).map((a) => x.element(a.elementId)));
        const keepSubscription = boundary.some((b) => b.cancelActivity === false);
        if (!keepSubscription) await x.env.em.execute('delete from message_subscription where id = ?', [sub.id]);
        const ok = await wake(x, 'message', sub.id, input.variables);
        if (ok) x.record('message.correlated', undefined, { messageName: input.name, correlationKey: input.correlationKey });
        return { changed: ok, value: ok };
      });
      if (woke) correlated.push(sub.case_id);
    }
  }
  const started: string[] = [];
  for (const loaded of await engine.deps.definitions.messageStarts(em, input.tenantId, input.name)) {
    const { caseId } = await engine.startCase(em, { tenantId: input.tenantId, processKey: loaded.process.key, variables: input.variables, actor: input.actor, messageName: input.name });
    if (input.sourceCaseId) {
      await em.execute("insert into case_link (id, tenant_id, from_case_id, to_case_id, kind, element_id, created_at) values (gen_random_uuid(), ?, ?, ?, 'message', ?, ?)", [
        input.tenantId,
        input.sourceCaseId,
        caseId,
        loaded.process.messageStarts.get(input.name)!,
        engine.deps.clock.now(),
      ]);
    }
    started.push(caseId);
  }
  return { correlated, started };
}
