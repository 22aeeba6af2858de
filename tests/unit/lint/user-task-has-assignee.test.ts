import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_RULE, lintDefinition, type LintIssue } from '../../../platform/src/lint/lint-definition';

const RULE = 'cm/user-task-has-assignee';
const FIXTURES = path.resolve(__dirname, '../../fixtures/lint/user-task-has-assignee');

/** This rule's issues for one fixture, after checking that the fixture reads cleanly and the rule only errs. */
async function issuesOf(fixture: string): Promise<LintIssue[]> {
  const report = await lintDefinition(readFileSync(path.join(FIXTURES, fixture), 'utf8'));
  expect(report.errors.filter((issue) => issue.rule === IMPORT_RULE)).toEqual([]);
  expect(report.warnings.filter((issue) => issue.rule === RULE)).toEqual([]);
  return report.errors.filter((issue) => issue.rule === RULE);
}

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
