import type { ElementBehaviour } from '../runtime/execution';
import { publishMessage, throwEscalation } from '../runtime/throw-helpers';

/** Intermediate throw events: none (a milestone), message (publish), escalation (notify an enclosing activity), then continue. */
export const intermediateThrowEvent: ElementBehaviour = {
  async enter(x, token, el) {
    if (el.event?.kind === 'message') await publishMessage(x, token, el);
    if (el.event?.kind === 'escalation') await throwEscalation(x, token, el);
    if (!x.token(token.id)) return; // an interrupting escalation boundary cancelled this path
    x.record('element.completed', el, { tokenId: token.id });
    x.leave(token, x.outgoingFlows(token, el));
  },
};
