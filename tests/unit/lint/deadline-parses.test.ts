import { ruleIssues } from './lint-fixture';

const RULE = 'cm/deadline-parses';

const issuesOf = ruleIssues(RULE, 'deadline-parses');

describe(RULE, () => {
  test('given deadlines, thresholds and timers in every accepted form, when linted, then nothing is reported', async () => {
    expect(await issuesOf('valid-deadlines-and-timers.bpmn')).toEqual([]);
  });

  test.each<[string, [elementId: string, fragment: string][]]>([
    ['invalid-ambiguous-deadline.bpmn', [['Task_days', 'cm:deadline: Invalid duration "3 days": ambiguous']]],
    [
      'invalid-thresholds.bpmn',
      [
        ['Task_over_one', 'cm:warnRed must be a fraction of the time limit between 0 and 1 (exclusive), e.g. 0.5; got 1.2'],
        ['Task_no_deadline', 'cm:warnYellow / cm:warnRed are fractions of the deadline, but the task has no cm:deadline'],
        ['Task_yellow_after_red', 'cm:warnYellow (0.9) must not be later than cm:warnRed (0.6)'],
      ],
    ],
    ['invalid-timer-duration.bpmn', [['Catch_month', 'Timer duration: Invalid duration "P1M": years and months are not supported']]],
    [
      'invalid-timer-date.bpmn',
      [
        ['Catch_local', 'Timer date "2024-03-01T09:00:00" is not an ISO 8601 date-time with a UTC offset'],
        ['Catch_feb30', 'Timer date "2024-02-30T09:00:00+08:00" is not an ISO 8601 date-time'],
      ],
    ],
    [
      'invalid-timer-cycle.bpmn',
      [
        ['Start_cron', 'Invalid timer cycle "0 9 1 * *": expected R[n]/<start>/<period>'],
        ['Start_zero', 'the repetition count must be at least 1'],
        ['Start_unanchored', 'a start date-time is required before the period'],
        ['Catch_cycle', 'A timer cycle repeats only on a timer start event or a non-interrupting boundary timer'],
      ],
    ],
    [
      'invalid-timer-without-time.bpmn',
      [
        ['Catch_empty', 'Timer has no duration, date or cycle'],
        ['Catch_both', 'Timer sets more than one of duration, date, cycle and cm:atTaskDeadline'],
      ],
    ],
    ['invalid-at-task-deadline.bpmn', [['Boundary_no_deadline', 'cm:atTaskDeadline needs a boundary event attached to a user task that has a cm:deadline']]],
  ])('given %s, when linted, then exactly the listed elements are refused', async (fixture, expected) => {
    expect(await issuesOf(fixture)).toEqual(
      expected.map(([elementId, fragment]) => ({ elementId, rule: RULE, message: expect.stringContaining(fragment) })),
    );
  });

  test('given a FEEL deadline that does not parse, when linted, then it is left to cm/feel-parses (one error, not two)', async () => {
    expect(await issuesOf('invalid-user-task-attributes.bpmn', undefined, 'feel-parses')).toEqual([]);
  });
});
