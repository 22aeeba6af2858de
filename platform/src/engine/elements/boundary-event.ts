import type { ElementBehaviour } from '../runtime/execution';

/** Boundary events are triggered through their activity (triggerBoundary); a token at one simply moves on. */
export const boundaryEvent: ElementBehaviour = {
  async enter(x, token, el) {
    x.leave(token, x.outgoingFlows(token, el));
  },
};
