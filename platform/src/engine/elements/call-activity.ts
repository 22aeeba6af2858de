import { startActivity } from '../runtime/activity-lifecycle';
import { ProcessExecutionError } from '../runtime/engine-errors';
import type { ElementBehaviour } from '../runtime/execution';

/**
 * Call activity: starts a linked child case of another procedure with the
 * input mappings (all visible variables when there are none); the parent
 * waits until the child ends and a resume-parent job maps its outputs back.
 */
export const callActivity: ElementBehaviour = {
  async enter(x, token, el) {
    await startActivity(x, token, el, async () => {
      if (!el.calledProcess) throw new ProcessExecutionError(el.id, 'a call activity needs calledElement');
      const variables = el.inputs.length ? x.evaluateMappings(el.inputs, token, el.id) : x.variablesFor(token);
      x.wait(token, { kind: 'call', ref: 'pending' });
      const childId = await x.env.cases.startChild(x.env, { parentCaseId: x.caseId, parentTokenId: token.id, processKey: el.calledProcess, variables, linkKind: 'call', elementId: el.id });
      if (x.token(token.id)?.wait?.kind === 'call') x.wait(token, { kind: 'call', ref: childId });
    });
  },
  async cancel(x, token) {
    if (token.wait?.kind === 'call' && token.wait.ref !== 'pending') await x.env.cases.terminate(x.env, token.wait.ref);
  },
};
