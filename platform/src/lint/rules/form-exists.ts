/**
 * cm/form-exists — a user task's (or start event's) cm:formKey (and cm:formVersion, when
 * pinned) is among the forms the pack publishes.
 *
 * Configured with the pack's forms:
 * `["error", { "forms": [{ "key": "claim", "versions": [1, 2] }] }]`.
 * Without a `forms` option the rule reports nothing, so the designer can run
 * it before it knows the pack; an empty list means "the pack has no forms"
 * and every key is missing. A missing or blank key is left to
 * cm/user-task-has-form. Pure JS over the moddle tree.
 */
import type { Reporter, RuleFactory } from 'bpmnlint/lib/types';

/** The slice of a moddle element this rule reads. */
interface Node {
  readonly id?: string;
  $instanceOf(type: string): boolean;
  readonly [property: string]: unknown;
}

/** One form of the pack and its published versions. */
interface KnownForm {
  readonly key: string;
  readonly versions: readonly number[];
}

const LISTED = 10;

const formExists: RuleFactory = (options?: { forms?: readonly KnownForm[] }) => {
  const forms = Array.isArray(options?.forms) ? options.forms : undefined;

  function check(node: Node, reporter: Reporter): void {
    if (forms === undefined || !(node.$instanceOf('bpmn:UserTask') || node.$instanceOf('bpmn:StartEvent'))) return;
    const key = typeof node.formKey === 'string' ? node.formKey.trim() : '';
    if (key === '') return;
    const id = node.id ?? '';
    const form = forms.find((f) => f.key === key);
    if (form === undefined) {
      reporter.report(id, `Form "${key}" is not in the pack (known forms: ${list(forms.map((f) => f.key))})`);
      return;
    }
    const version = node.formVersion;
    if (form.versions.length === 0) {
      reporter.report(id, `Form "${key}" has no published version`);
    } else if (typeof version === 'number' && !form.versions.includes(version)) {
      reporter.report(id, `Form "${key}" has no version ${version} (published versions: ${list(form.versions.map(String))})`);
    }
  }

  return { check };
};

function list(items: readonly string[]): string {
  if (items.length === 0) return 'none';
  const sorted = [...items].sort();
  return sorted.length > LISTED ? `${sorted.slice(0, LISTED).join(', ')}, …` : sorted.join(', ');
}

export = formExists;
