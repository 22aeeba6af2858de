import { ProcessExecutionError } from '../runtime/engine-errors';
import type { ElementBehaviour } from '../runtime/execution';
import { armSubscription, armTimer, disarm } from '../runtime/wait-helpers';
import type { Token } from '../runtime/case-state';
import type { Execution } from '../runtime/execution';

/** Event-based gateway: arm every following catch event; the first to fire wins and the others are disarmed. */
export const eventBasedGateway: ElementBehaviour = {
  async enter(x, token, el) {
    x.wait(token, { kind: 'eventGateway' });
    for (const flowId of el.outgoing) {
      const target = x.element(x.env.process.flows.get(flowId)!.targetId);
      if (target.event?.kind === 'timer') {
        const ref = await armTimer(x, token, target);
        (token.boundary ??= []).push({ elementId: target.id, ref: ref!, kind: 'timer' });
      } else if (target.event?.kind === 'message' || target.type === 'receiveTask') {
        (token.boundary ??= []).push({ elementId: target.id, ref: await armSubscription(x, token, target), kind: 'message' });
      } else {
        throw new ProcessExecutionError(el.id, `an event-based gateway may only lead to timer or message catches, not ${target.id}`);
      }
    }
    x.record('element.activated', el, { tokenId: token.id });
  },
  async cancel(x, token) {
    for (const armed of token.boundary ?? []) await disarm(x, armed.kind, armed.ref);
  },
};

/** The armed catch `targetId` of a waiting gateway token fired: the others are disarmed and the path continues past the catch. */
export async function resolveEventGateway(x: Execution, gatewayToken: Token, targetId: string, result: Record<string, unknown>): Promise<void> {
  for (const armed of gatewayToken.boundary ?? []) if (armed.elementId !== targetId) await disarm(x, armed.kind, armed.ref);
  const gateway = x.element(gatewayToken.elementId);
  x.record('element.completed', gateway, { tokenId: gatewayToken.id, chosen: targetId });
  x.remove(gatewayToken);
  const catchEl = x.element(targetId);
  const t = x.spawn(targetId, gatewayToken.scopeId);
  x.applyOutputs(t, catchEl, result);
  x.record('element.completed', catchEl, { tokenId: t.id });
  x.leave(t, x.outgoingFlows(t, catchEl));
}
