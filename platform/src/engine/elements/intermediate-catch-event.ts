import type { ElementBehaviour } from '../runtime/execution';
import { ProcessExecutionError } from '../runtime/engine-errors';
import { armSubscription, armTimer } from '../runtime/wait-helpers';

/** Intermediate catch events: wait for a timer or a correlated message, then continue (resumed by the fire-timer or correlate command). */
export const intermediateCatchEvent: ElementBehaviour = {
  async enter(x, token, el) {
    if (el.event?.kind === 'timer') {
      const ref = await armTimer(x, token, el);
      x.wait(token, { kind: 'timer', ref: ref! });
    } else if (el.event?.kind === 'message') {
      x.wait(token, { kind: 'message', ref: await armSubscription(x, token, el) });
    } else {
      throw new ProcessExecutionError(el.id, `intermediate catch of kind ${el.event?.kind ?? 'none'} is not supported`);
    }
    x.record('element.activated', el, { tokenId: token.id });
  },
};
