import { startActivity } from '../runtime/activity-lifecycle';
import { ProcessExecutionError } from '../runtime/engine-errors';
import type { ElementBehaviour } from '../runtime/execution';

/**
 * Embedded subprocess: a child scope started at its none start event; the
 * activity completes when the scope has no tokens left. Its cm:input
 * mappings are the scope's local variables (visible inside, gone after,
 * unless a cm:output maps them out).
 */
export const subProcess: ElementBehaviour = {
  async enter(x, token, el) {
    await startActivity(x, token, el, async () => {
      if (!el.startEventId) throw new ProcessExecutionError(el.id, 'a subprocess needs a none start event');
      const locals = x.evaluateMappings(el.inputs, token, el.id);
      const scope = x.openScope('subProcess', el.id, token.scopeId, token.id, locals);
      x.wait(token, { kind: 'subProcess', ref: scope.id });
      x.spawn(el.startEventId, scope.id);
    });
  },
};
