import { ruleIssues } from './lint-fixture';

const RULE = 'cm/feel-parses';

const issuesOf = ruleIssues(RULE, 'feel-parses');

describe(RULE, () => {
  test('given FEEL in every place the engine evaluates it (with and without "="), when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-feel-everywhere.bpmn')).toEqual([]);
  });

  test.each<[string, [elementId: string, fragment: string][]]>([
    ['invalid-condition.bpmn', [['Flow_broken', 'Condition: FEEL expression "amount >" does not parse (at character 9)']]],
    ['invalid-empty-condition.bpmn', [['Flow_empty', 'Condition is empty; write a FEEL expression']]],
    [
      'invalid-user-task-attributes.bpmn',
      [
        ['Task_candidates', 'cm:candidateDepartments: FEEL expression "["health"," does not parse'],
        ['Task_deadline', 'cm:deadline: FEEL expression "if urgent then" does not parse'],
      ],
    ],
    [
      'invalid-multi-instance.bpmn',
      [
        ['Task_each', 'cm:collection: FEEL expression "items[" does not parse'],
        ['Task_each', 'completionCondition: FEEL expression "count(" does not parse'],
      ],
    ],
    [
      'invalid-correlation-key.bpmn',
      [
        ['Message_bad', 'cm:correlationKey: FEEL expression "case." does not parse'],
        // Reported on the event the admin sees, not on its (invisible) event definition MessageDef_1.
        ['Catch_bad_key', 'cm:correlationKey: FEEL expression "(caseNo" does not parse'],
      ],
    ],
    ['invalid-io-mapping.bpmn', [['Task_push', 'cm:ioMapping input "departments": FEEL expression "departments +" does not parse']]],
  ])('given %s, when linted, then exactly the listed expressions are refused', async (fixture, expected) => {
    expect(await issuesOf(fixture)).toEqual(
      expected.map(([elementId, fragment]) => ({ elementId, rule: RULE, message: expect.stringContaining(fragment) })),
    );
  });
});
