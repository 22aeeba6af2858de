import { ruleIssues } from './lint-fixture';

const RULE = 'cm/message-has-correlation';

const issuesOf = ruleIssues(RULE, 'message-has-correlation');

describe(RULE, () => {
  test('given keyed catches, a keyless message start and named throws, when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-messages.bpmn')).toEqual([]);
  });

  test.each<[string, [elementId: string, fragment: string][]]>([
    [
      'invalid-catch-without-key.bpmn',
      [['Catch_no_key', 'Message intermediate catch event has no correlation key; set cm:correlationKey on message <Message_plain> or on its message event definition']],
    ],
    ['invalid-receive-task-without-key.bpmn', [['Task_receive', 'Receive task has no correlation key; set cm:correlationKey on message <Message_plain> or on the receive task']]],
    ['invalid-catch-without-message.bpmn', [['Boundary_no_message', 'Message boundary event has no message']]],
    [
      'invalid-unnamed-message.bpmn',
      [
        ['Start_unnamed', 'Message start event refers to message <Message_unnamed>, which has no name'],
        ['Task_send_unnamed', 'Send task refers to message <Message_unnamed>, which has no name'],
      ],
    ],
    ['invalid-throw-without-message.bpmn', [['End_no_message', 'Message end event has no message']]],
  ])('given %s, when linted, then exactly the listed elements are refused', async (fixture, expected) => {
    expect(await issuesOf(fixture)).toEqual(
      expected.map(([elementId, fragment]) => ({ elementId, rule: RULE, message: expect.stringContaining(fragment) })),
    );
  });
});
