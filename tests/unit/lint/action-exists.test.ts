import { ruleIssues } from './lint-fixture';
import type { LintContext } from '../../../platform/src/lint/lint-definition';

const RULE = 'cm/action-exists';
const PLATFORM: LintContext = { actions: ['push', 'notify', 'record'] };

const issuesOf = ruleIssues(RULE, 'action-exists', PLATFORM);

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
