import { cancelToken } from '../runtime/activity-lifecycle';
import type { ElementBehaviour } from '../runtime/execution';
import { publishMessage, throwError, throwEscalation } from '../runtime/throw-helpers';

/**
 * End events: none ends one path; terminate ends its whole scope at once;
 * message, error and escalation ends do their throw, then end the path.
 */
export const endEvent: ElementBehaviour = {
  async enter(x, token, el) {
    switch (el.event?.kind ?? 'none') {
      case 'terminate': {
        x.record('element.completed', el, { tokenId: token.id, terminates: token.scopeId });
        for (const t of x.state.tokens.filter((t) => t !== token && t.scopeId === token.scopeId)) await cancelToken(x, t);
        if (x.scope(token.scopeId).kind === 'process') {
          x.remove(token);
          x.endCase('terminated');
          return;
        }
        x.consume(token);
        return;
      }
      case 'error':
        await throwError(x, token, el);
        return;
      case 'escalation':
        await throwEscalation(x, token, el);
        if (!x.token(token.id)) return; // an interrupting escalation boundary cancelled the scope this path ended in
        break;
      case 'message':
        await publishMessage(x, token, el);
        break;
      default:
        break;
    }
    x.record('element.completed', el, { tokenId: token.id });
    x.consume(token);
  },
};
