import type { ElementBehaviour } from '../runtime/execution';

/** Parallel gateway: a join waits for one token from every incoming flow, then forks along every outgoing flow. */
export const parallelGateway: ElementBehaviour = {
  async enter(x, token, el) {
    if (el.incoming.length > 1) {
      const here = x.state.tokens.filter((t) => t.elementId === el.id && t.scopeId === token.scopeId && (t === token || t.wait?.kind === 'join'));
      const firstPerFlow = new Map<string, (typeof here)[number]>();
      for (const t of here) if (t.viaFlow && !firstPerFlow.has(t.viaFlow)) firstPerFlow.set(t.viaFlow, t);
      if (!el.incoming.every((flow) => firstPerFlow.has(flow))) {
        x.wait(token, { kind: 'join' });
        return;
      }
      for (const t of firstPerFlow.values()) if (t !== token) x.remove(t);
    }
    x.record('element.completed', el, { tokenId: token.id });
    x.leave(token, el.outgoing);
  },
};
