/**
 * cm/user-task-has-assignee — every user task says who may work on it:
 * cm:candidateDepartments, cm:candidateRoles, or both.
 *
 * Why: a user task with no candidates lands in nobody's inbox and the case
 * stalls silently until its deadline passes (DESIGN.md §5). Whether the
 * named departments exist is checked when the pack is loaded, not here.
 * Pure JS over the moddle tree, so the designer runs it too.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly id?: string;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

const userTaskHasAssignee: RuleFactory = () => {
  function check(node: Node, reporter: Reporter): void {
    if (!node.$instanceOf('bpmn:UserTask')) return;
    if (isSet(node.candidateDepartments) || isSet(node.candidateRoles)) return;
    reporter.report(node.id ?? '', 'User task has no assignee; set cm:candidateDepartments or cm:candidateRoles');
  }

  return { check };
};

/** A candidate list counts when it has something besides blanks and separators. */
function isSet(value: unknown): boolean {
  return typeof value === 'string' && value.replace(/[\s,，、]/g, '') !== '';
}

export = userTaskHasAssignee;
