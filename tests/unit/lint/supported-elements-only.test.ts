import { ruleIssues } from './lint-fixture';

const RULE = 'cm/supported-elements-only';

const issuesOf = ruleIssues(RULE, 'supported-elements-only');

describe(RULE, () => {
  test('given every element, event definition and loop the engine executes, when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-every-supported-kind.bpmn')).toEqual([]);
  });

  test.each<[string, [elementId: string, fragment: string][]]>([
    ['invalid-script-task.bpmn', [['Task_script', 'Element type <bpmn:ScriptTask> is not supported by the case engine']]],
    ['invalid-untyped-task.bpmn', [['Task_plain', 'give the task a type: user, service, send or receive task']]],
    ['invalid-transaction.bpmn', [['Transaction_1', 'Element type <bpmn:Transaction> is not supported']]],
    [
      'invalid-data-object.bpmn',
      [
        ['DataObject_1', 'Element type <bpmn:DataObject> is not supported'],
        ['DataRef_1', 'Element type <bpmn:DataObjectReference> is not supported'],
      ],
    ],
    [
      'invalid-signal-end-event.bpmn',
      [['End_signal', '<bpmn:SignalEventDefinition> is not supported on <bpmn:EndEvent>; the case engine supports only none, terminate, message, error or escalation']],
    ],
    ['invalid-conditional-catch.bpmn', [['Catch_conditional', '<bpmn:ConditionalEventDefinition> is not supported on <bpmn:IntermediateCatchEvent>']]],
    ['invalid-catch-without-definition.bpmn', [['Catch_nothing', '<bpmn:IntermediateCatchEvent> has no event definition; the case engine supports only timer or message']]],
    ['invalid-event-sub-process.bpmn', [['EventSub_1', 'Event sub-processes are not supported']]],
    ['invalid-standard-loop.bpmn', [['Task_loop', 'Standard loops <bpmn:StandardLoopCharacteristics> are not supported']]],
    ['invalid-multi-instance-service-task.bpmn', [['Task_each', 'Multi-instance is not supported on <bpmn:ServiceTask>']]],
  ])('given %s, when linted, then exactly the unsupported elements are refused', async (fixture, expected) => {
    expect(await issuesOf(fixture)).toEqual(
      expected.map(([elementId, fragment]) => ({ elementId, rule: RULE, message: expect.stringContaining(fragment) })),
    );
  });
});
