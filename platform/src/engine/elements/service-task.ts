import { completeActivity, startActivity } from '../runtime/activity-lifecycle';
import type { ElementBehaviour } from '../runtime/execution';
import { publishMessage } from '../runtime/throw-helpers';

/**
 * Service and send tasks: run the named action from the registry inside the
 * command's transaction (a send task also publishes its message), store the
 * result in cm:resultVariable, and move on.
 */
export const serviceTask: ElementBehaviour = {
  async enter(x, token, el) {
    await startActivity(x, token, el, async () => {
      let result: Record<string, unknown> = {};
      if (el.action) {
        const inputs = x.evaluateMappings(el.action.inputs, token, el.id);
        const value = await x.env.deps.actions.run(el.action.name, {
          em: x.env.em,
          tenantId: x.env.tenantId,
          caseId: x.caseId,
          elementId: el.id,
          legalBasis: el.legalBasis,
          now: x.env.now,
          actor: x.env.actor,
          inputs,
          variables: x.variablesFor(token),
          record: (action, payload) => x.record(action, el, payload),
          startLinkedCase: (input) =>
            x.env.cases.startChild(x.env, { parentCaseId: x.caseId, parentTokenId: null, processKey: input.processKey, variables: input.variables, linkKind: 'push', elementId: el.id, businessKey: input.businessKey }),
        });
        if (el.action.resultVariable) result = { [el.action.resultVariable]: value ?? null };
        else if (x.env.deps.actions.mergesResult(el.action.name) && value && typeof value === 'object') result = value as Record<string, unknown>;
      }
      if (el.type === 'sendTask' && (el.messageName || el.event?.messageName)) await publishMessage(x, token, el);
      await completeActivity(x, token, result);
    });
  },
};
