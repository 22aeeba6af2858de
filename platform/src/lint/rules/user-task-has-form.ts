/**
 * cm/user-task-has-form — every user task names the form its assignee fills
 * in (cm:formKey), and a pinned cm:formVersion is a positive whole number.
 *
 * Why: the runtime renders a user task only through its form (DESIGN.md §5);
 * a task without one could be claimed but never completed. Whether the key
 * exists in the pack is cm/form-exists' job, which needs the pack's forms.
 * Pure JS over the moddle tree, so the designer runs it too.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';
import { isFeel } from '../../engine/expressions/feel';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly id?: string;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

const userTaskHasForm: RuleFactory = () => {
  function check(node: Node, reporter: Reporter): void {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    const id = node.id ?? '';
    const formKey = typeof node.formKey === 'string' ? node.formKey.trim() : '';
    if (formKey === '') {
      reporter.report(id, 'User task has no form; set cm:formKey to the key of a form in the pack');
    } else if (isFeel(formKey)) {
      reporter.report(id, `cm:formKey "${formKey}" must name a form of the pack, not a FEEL expression`);
    }
    const version = node.formVersion;
    if (version !== undefined && !(typeof version === 'number' && Number.isSafeInteger(version) && version > 0)) {
      reporter.report(id, 'cm:formVersion must be a positive whole number (or be left out to use the latest published version)');
    }
  }

  return { check };
};

export = userTaskHasForm;
