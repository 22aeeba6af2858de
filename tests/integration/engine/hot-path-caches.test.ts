import { bpmn, EngineHarness } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

/**
 * The engine's hot path caches what never changes (compiled forms by
 * version, compiled calendars by version, loaded definitions by version id)
 * and reads what may change on every command. These scenarios change each
 * input between two commands of one running case and check that the next
 * command sees the change.
 */
const FLOW = bpmn(`
  <bpmn:process id="twoSteps" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
    <bpmn:userTask id="first" cm:formKey="stepForm" cm:candidateDepartments="market" cm:deadline="3WD" cm:calendar="cn-statutory"/>
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="second"/>
    <bpmn:userTask id="second" cm:formKey="stepForm" cm:candidateDepartments="market" cm:deadline="3WD"/>
    <bpmn:sequenceFlow id="f3" sourceRef="second" targetRef="done"/>
    <bpmn:endEvent id="done"/>
  </bpmn:process>`);

describe(`engine: hot-path caches see changes (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    // Monday 2024-03-04 10:00 in Shanghai.
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm('stepForm', { type: 'object', properties: { note: { type: 'string' } } });
    await h.publish(FLOW);
  });
  afterAll(() => h.close());

  it('given a calendar edit between two tasks of a case, then the next deadline is counted on the new calendar version', async () => {
    const caseId = await h.start('twoSteps');
    // Mon + 3WD: Tue, Wed, Thu → due at the end of Thursday 7 March.
    expect((await h.openTask(caseId, 'first')).due_at).toBe('2024-03-07T16:00:00.000Z');
    const [cal] = await h.query<{ version: number }>("select max(version) as version from calendar_version where tenant_id = ? and calendar_key = 'cn-statutory'", [h.tenantId]);
    await h.services.calendars.addDay(h.em(), { tenantId: h.tenantId, key: 'cn-statutory', expectedVersion: Number(cal!.version), note: '县里放假一天', actor: h.actor }, 'holiday', {
      date: '2024-03-05',
      name: '县庆',
      source: '测试',
    });
    // The open task was recomputed by the edit; the next task, created by the completion, is counted on the new version too.
    const first = await h.openTask(caseId, 'first');
    await h.complete(first.id, { note: 'ok' });
    // Tue 5 March is now a holiday: Wed, Thu, Fri → end of Friday 8 March.
    expect((await h.openTask(caseId, 'second')).due_at).toBe('2024-03-08T16:00:00.000Z');
  });

  it('given the tenant default calendar and warning thresholds changed between two commands, then the next task uses them', async () => {
    const caseId = await h.start('twoSteps');
    await h.em().execute(`update tenant set settings = settings || ?::jsonb where id = ?`, [JSON.stringify({ warningThresholds: { yellow: 0.25, red: 0.75 } }), h.tenantId]);
    const first = await h.openTask(caseId, 'first');
    await h.complete(first.id, { note: 'ok' });
    const [second] = await h.query<{ thresholds: { yellow: number; red: number } }>("select thresholds from task where case_id = ? and element_id = 'second'", [caseId]);
    expect(second!.thresholds).toEqual({ yellow: 0.25, red: 0.75 });
  });

  it('given a new form version published between two tasks, then the next task takes it and its submission is validated against it, while the older task keeps its version', async () => {
    const older = await h.start('twoSteps');
    const newer = await h.start('twoSteps');
    const olderFirst = await h.openTask(older, 'first');
    // Validates once against version 1, so its compiled validator is cached.
    await h.complete((await h.openTask(newer, 'first')).id, { note: 'v1' });
    await h.publishForm('stepForm', { type: 'object', required: ['note'], properties: { note: { type: 'string', minLength: 5 } } });
    await h.complete(olderFirst.id, { note: 'v1' });
    const [task] = await h.query<{ form_version: number }>("select form_version from task where case_id = ? and element_id = 'second'", [older]);
    expect(Number(task!.form_version)).toBe(2);
    const second = await h.openTask(older, 'second');
    await expect(h.complete(second.id, { note: 'v1' })).rejects.toThrow(/invalid/);
    await h.complete(second.id, { note: 'long enough' });
    // The newer case's second task was created on version 1 and still validates against it.
    await h.complete((await h.openTask(newer, 'second')).id, { note: 'v1' });
    expect((await h.caseRow(older)).status).toBe('completed');
    expect((await h.caseRow(newer)).status).toBe('completed');
  });
});
