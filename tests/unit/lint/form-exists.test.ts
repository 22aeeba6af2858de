import { ruleIssues } from './lint-fixture';
import type { LintContext } from '../../../platform/src/lint/lint-definition';

const RULE = 'cm/form-exists';
const PACK: LintContext = {
  forms: [
    { key: 'intake', versions: [1] },
    { key: 'supervision-confirm', versions: [1, 2] },
    { key: 'draft-only', versions: [] },
  ],
};

const issuesOf = ruleIssues(RULE, 'form-exists', PACK);

describe(RULE, () => {
  test('given forms and versions the pack publishes, when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-known-forms.bpmn')).toEqual([]);
  });

  test.each<[string, string, string]>([
    ['invalid-unknown-form.bpmn', 'Task_unknown_form', 'Form "intak" is not in the pack (known forms: draft-only, intake, supervision-confirm)'],
    ['invalid-unknown-version.bpmn', 'Task_unknown_version', 'Form "supervision-confirm" has no version 3 (published versions: 1, 2)'],
    ['invalid-unpublished-form.bpmn', 'Task_draft_form', 'Form "draft-only" has no published version'],
  ])('given %s, when linted against the pack, then %s is refused: "%s"', async (fixture, elementId, fragment) => {
    expect(await issuesOf(fixture)).toEqual([{ elementId, rule: RULE, message: expect.stringContaining(fragment) }]);
  });

  test('given no forms in the context (the designer without a pack), when an unknown form is linted, then nothing is reported', async () => {
    expect(await issuesOf('invalid-unknown-form.bpmn', {})).toEqual([]);
  });

  test('given a pack that has no forms at all, when linted, then every form reference is refused', async () => {
    expect(await issuesOf('valid-known-forms.bpmn', { forms: [] })).toEqual([
      { elementId: 'Task_latest', rule: RULE, message: 'Form "intake" is not in the pack (known forms: none)' },
      { elementId: 'Task_pinned', rule: RULE, message: 'Form "supervision-confirm" is not in the pack (known forms: none)' },
    ]);
  });
});
