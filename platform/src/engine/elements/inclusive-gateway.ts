import type { CompiledProcess } from '../model/compiled-model';
import { ProcessExecutionError } from '../runtime/engine-errors';
import type { ElementBehaviour, Execution } from '../runtime/execution';
import type { Token } from '../runtime/case-state';

const reachCache = new WeakMap<CompiledProcess, Map<string, Set<string>>>();

/** Elements reachable from `from` along sequence flows (within its scope), cached per compiled process. */
function reachableFrom(process: CompiledProcess, from: string): Set<string> {
  let perProcess = reachCache.get(process);
  if (!perProcess) reachCache.set(process, (perProcess = new Map()));
  let set = perProcess.get(from);
  if (set) return set;
  set = new Set();
  const stack = [from];
  while (stack.length) {
    const el = process.elements.get(stack.pop()!);
    for (const flowId of el?.outgoing ?? []) {
      const target = process.flows.get(flowId)!.targetId;
      if (!set.has(target)) {
        set.add(target);
        stack.push(target);
      }
    }
    // A boundary event's activity can also continue through its boundaries.
    for (const b of el?.boundaryEvents ?? []) if (!set.has(b)) (set.add(b), stack.push(b));
  }
  perProcess.set(from, set);
  return set;
}

/**
 * The inclusive join may fire when no other token of the scope can still
 * arrive: every token not already waiting here is at an element from which
 * the gateway is unreachable. Called when the command runs out of ready tokens.
 */
export function tryFireInclusiveJoins(x: Execution): boolean {
  for (const waiting of x.state.tokens.filter((t) => t.wait?.kind === 'join' && x.element(t.elementId).type === 'inclusiveGateway')) {
    const others = x.state.tokens.filter((t) => t.scopeId === waiting.scopeId && t.elementId !== waiting.elementId);
    if (others.some((t) => t.elementId === waiting.elementId || reachableFrom(x.env.process, t.elementId).has(waiting.elementId))) continue;
    for (const t of x.state.tokens.filter((t) => t.elementId === waiting.elementId && t.scopeId === waiting.scopeId && t !== waiting)) x.remove(t);
    waiting.status = 'ready';
    waiting.wait = { kind: 'join' };
    waiting.viaFlow = 'joined';
    return true;
  }
  return false;
}

/** Inclusive gateway: splits along every flow whose condition holds (the default if none); joins tokens that can still arrive. */
export const inclusiveGateway: ElementBehaviour = {
  async enter(x, token, el) {
    if (el.incoming.length > 1 && token.viaFlow !== 'joined') {
      x.wait(token, { kind: 'join' });
      return;
    }
    const flows = x.outgoingFlows(token as Token, el);
    if (flows.length === 0 && el.outgoing.length > 0) throw new ProcessExecutionError(el.id, 'no outgoing condition holds and there is no default flow');
    x.record('element.completed', el, { tokenId: token.id, flows });
    x.leave(token, flows);
  },
};
