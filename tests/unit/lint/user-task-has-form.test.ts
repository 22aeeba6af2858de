import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_RULE, lintDefinition, type LintIssue } from '../../../platform/src/lint/lint-definition';

const RULE = 'cm/user-task-has-form';
const FIXTURES = path.resolve(__dirname, '../../fixtures/lint/user-task-has-form');

/** This rule's issues for one fixture, after checking that the fixture reads cleanly and the rule only errs. */
async function issuesOf(fixture: string): Promise<LintIssue[]> {
  const report = await lintDefinition(readFileSync(path.join(FIXTURES, fixture), 'utf8'));
  expect(report.errors.filter((issue) => issue.rule === IMPORT_RULE)).toEqual([]);
  expect(report.warnings.filter((issue) => issue.rule === RULE)).toEqual([]);
  return report.errors.filter((issue) => issue.rule === RULE);
}

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
