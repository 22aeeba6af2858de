import { evaluateCondition } from '../expressions/feel';
import { ProcessExecutionError } from '../runtime/engine-errors';
import type { ElementBehaviour } from '../runtime/execution';

/** Exclusive gateway: merges without waiting; splits along the first flow whose condition holds, else the default. */
export const exclusiveGateway: ElementBehaviour = {
  async enter(x, token, el) {
    const vars = x.variablesFor(token);
    const chosen =
      el.outgoing.find((id) => {
        if (id === el.defaultFlow) return false;
        const condition = x.env.process.flows.get(id)?.condition;
        return condition ? evaluateCondition(condition.feel, vars, `${el.id} → ${id}`) : el.outgoing.length === 1;
      }) ?? el.defaultFlow;
    if (el.outgoing.length > 0 && !chosen) throw new ProcessExecutionError(el.id, 'no outgoing condition holds and there is no default flow');
    x.record('element.completed', el, { tokenId: token.id, ...(chosen ? { flow: chosen } : {}) });
    x.leave(token, chosen ? [chosen] : []);
  },
};
