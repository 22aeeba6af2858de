/**
 * cm/action-exists — a service task names the built-in action it runs
 * (cm:action), and any cm:action on a service or send task is one the
 * platform registers.
 *
 * Configured with the registered action names:
 * `["error", { "actions": ["notify", "push"] }]`. A service task without
 * cm:action is always an error (it would do nothing); without an `actions`
 * option the names themselves are not checked, so the designer can run the
 * rule with no server context. A send task may omit cm:action: it sends its
 * message. Pure JS over the moddle tree.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly id?: string;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

const actionExists: RuleFactory = (options?: { actions?: readonly string[] }) => {
  const actions = Array.isArray(options?.actions) ? options.actions : undefined;

  function check(node: Node, reporter: Reporter): void {
    const isService = node.$instanceOf('bpmn:ServiceTask');
    if (!isService && !node.$instanceOf('bpmn:SendTask')) return;
    const id = node.id ?? '';
    const action = typeof node.action === 'string' ? node.action.trim() : '';
    if (action === '') {
      if (isService) reporter.report(id, `Service task has no action; set cm:action${available(actions, ' to one of: ')}`);
      return;
    }
    if (actions !== undefined && !actions.includes(action)) {
      reporter.report(id, `Action "${action}" is not registered on this platform${available(actions, '; available actions: ')}`);
    }
  }

  return { check };
};

function available(actions: readonly string[] | undefined, prefix: string): string {
  if (actions === undefined) return '';
  return actions.length === 0 ? `${prefix}none` : `${prefix}${[...actions].sort().join(', ')}`;
}

export = actionExists;
