import { ruleIssues } from './lint-fixture';

const RULE = 'cm/user-task-has-assignee';

const issuesOf = ruleIssues(RULE, 'user-task-has-assignee');

describe(RULE, () => {
  test('given user tasks with departments, roles, both or FEEL candidates, when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-candidates.bpmn')).toEqual([]);
  });

  test.each<[string, string]>([
    ['invalid-no-candidates.bpmn', 'Task_nobody'],
    ['invalid-empty-candidates.bpmn', 'Task_empty_lists'],
  ])('given %s, when linted, then %s is refused for having no assignee', async (fixture, elementId) => {
    expect(await issuesOf(fixture)).toEqual([
      { elementId, rule: RULE, message: 'User task has no assignee; set cm:candidateDepartments or cm:candidateRoles' },
    ]);
  });
});
