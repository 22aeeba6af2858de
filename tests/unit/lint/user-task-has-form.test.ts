import { ruleIssues } from './lint-fixture';

const RULE = 'cm/user-task-has-form';

const issuesOf = ruleIssues(RULE, 'user-task-has-form');

describe(RULE, () => {
  test('given user tasks with a form key, one pinned to a version, when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-form-key.bpmn')).toEqual([]);
  });

  test.each<[string, string, string]>([
    ['invalid-no-form-key.bpmn', 'Task_no_form', 'User task has no form; set cm:formKey'],
    ['invalid-blank-form-key.bpmn', 'Task_blank_form', 'User task has no form'],
    ['invalid-feel-form-key.bpmn', 'Task_feel_form', 'cm:formKey "=formFor(kind)" must name a form of the pack, not a FEEL expression'],
    ['invalid-form-version.bpmn', 'Task_version_zero', 'cm:formVersion must be a positive whole number'],
  ])('given %s, when linted, then %s is refused: "%s"', async (fixture, elementId, fragment) => {
    expect(await issuesOf(fixture)).toEqual([{ elementId, rule: RULE, message: expect.stringContaining(fragment) }]);
  });
});
