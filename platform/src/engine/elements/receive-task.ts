import { startActivity } from '../runtime/activity-lifecycle';
import type { ElementBehaviour } from '../runtime/execution';
import { armSubscription } from '../runtime/wait-helpers';

/** Receive task: waits for a correlated message (e.g. a reply to an inquiry letter); the correlate command completes it. */
export const receiveTask: ElementBehaviour = {
  async enter(x, token, el) {
    await startActivity(x, token, el, async () => {
      x.wait(token, { kind: 'message', ref: await armSubscription(x, token, el) });
    });
  },
};
