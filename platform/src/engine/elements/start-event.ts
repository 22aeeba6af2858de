import type { ElementBehaviour } from '../runtime/execution';

/** Start events (none, message, timer): the case or subprocess begins here and moves straight on. */
export const startEvent: ElementBehaviour = {
  async enter(x, token, el) {
    x.record('element.completed', el, { tokenId: token.id });
    x.leave(token, x.outgoingFlows(token, el));
  },
};
