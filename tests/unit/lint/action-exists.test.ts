import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IMPORT_RULE, lintDefinition, type LintContext, type LintIssue } from '../../../platform/src/lint/lint-definition';

const RULE = 'cm/action-exists';
const FIXTURES = path.resolve(__dirname, '../../fixtures/lint/action-exists');
const PLATFORM: LintContext = { actions: ['push', 'notify', 'record'] };

/** This rule's issues for one fixture, after checking that the fixture reads cleanly and the rule only errs. */
async function issuesOf(fixture: string, context: LintContext = PLATFORM): Promise<LintIssue[]> {
  const report = await lintDefinition(readFileSync(path.join(FIXTURES, fixture), 'utf8'), context);
  expect(report.errors.filter((issue) => issue.rule === IMPORT_RULE)).toEqual([]);
  expect(report.warnings.filter((issue) => issue.rule === RULE)).toEqual([]);
  return report.errors.filter((issue) => issue.rule === RULE);
}

describe(RULE, () => {
  test('given registered actions and a send task without one, when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-actions.bpmn')).toEqual([]);
  });

  test('given a service task without cm:action, when linted, then it is refused and the available actions are listed', async () => {
    expect(await issuesOf('invalid-service-task-without-action.bpmn')).toEqual([
      { elementId: 'Task_idle', rule: RULE, message: 'Service task has no action; set cm:action to one of: notify, push, record' },
    ]);
  });

  test('given unregistered action names on a service and a send task, when linted, then both are refused', async () => {
    expect(await issuesOf('invalid-unknown-action.bpmn')).toEqual([
      { elementId: 'Task_typo', rule: RULE, message: expect.stringContaining('Action "psuh" is not registered on this platform') },
      { elementId: 'Task_send_typo', rule: RULE, message: expect.stringContaining('Action "sms" is not registered') },
    ]);
  });

  test('given no actions in the context, when linted, then names are not checked but a missing action still is', async () => {
    expect(await issuesOf('invalid-unknown-action.bpmn', {})).toEqual([]);
    expect(await issuesOf('invalid-service-task-without-action.bpmn', {})).toEqual([
      { elementId: 'Task_idle', rule: RULE, message: 'Service task has no action; set cm:action' },
    ]);
  });
});
