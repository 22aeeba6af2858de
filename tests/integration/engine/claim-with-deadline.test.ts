import { bpmn, EngineHarness } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

/**
 * An approval push in miniature: one claim per department (multi-instance
 * subprocess), 3 working days each, a non-interrupting timer at the task's
 * deadline that raises a 督办 notification, and a return (退回) that the
 * bureau re-routes.
 */
const CLAIM = bpmn(`
  <bpmn:process id="claimFlow" name="认领" isExecutable="true" cm:legalBasis="第二十条">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="perDept"/>
    <bpmn:subProcess id="perDept" name="各部门认领">
      <bpmn:multiInstanceLoopCharacteristics cm:collection="=departments" cm:elementVariable="dept"/>
      <bpmn:startEvent id="s2"/>
      <bpmn:sequenceFlow id="g1" sourceRef="s2" targetRef="claim"/>
      <bpmn:userTask id="claim" name="认领审批信息" cm:formKey="claimForm" cm:candidateDepartments="=dept" cm:deadline="3WD" cm:legalBasis="第二十条（一）"/>
      <bpmn:boundaryEvent id="late" attachedToRef="claim" cancelActivity="false">
        <bpmn:timerEventDefinition cm:atTaskDeadline="true"/>
      </bpmn:boundaryEvent>
      <bpmn:sequenceFlow id="g2" sourceRef="late" targetRef="urge"/>
      <bpmn:serviceTask id="urge" name="督办" cm:action="notify">
        <bpmn:extensionElements><cm:ioMapping>
          <cm:input name="departments" expression="=[&quot;bureau&quot;]"/>
          <cm:input name="title" expression="=&quot;超期未认领：&quot; + dept"/>
          <cm:input name="kind" expression="=&quot;overdue&quot;"/>
        </cm:ioMapping></bpmn:extensionElements>
      </bpmn:serviceTask>
      <bpmn:sequenceFlow id="g3" sourceRef="urge" targetRef="urged"/>
      <bpmn:endEvent id="urged"/>
      <bpmn:sequenceFlow id="g4" sourceRef="claim" targetRef="wasReturned"/>
      <bpmn:exclusiveGateway id="wasReturned" default="g6"/>
      <bpmn:sequenceFlow id="g5" sourceRef="wasReturned" targetRef="reroute"><bpmn:conditionExpression>returned = true</bpmn:conditionExpression></bpmn:sequenceFlow>
      <bpmn:sequenceFlow id="g6" sourceRef="wasReturned" targetRef="claimed"/>
      <bpmn:userTask id="reroute" name="重新分派" cm:formKey="claimForm" cm:candidateDepartments="bureau"/>
      <bpmn:sequenceFlow id="g7" sourceRef="reroute" targetRef="claimed"/>
      <bpmn:endEvent id="claimed"/>
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="f2" sourceRef="perDept" targetRef="done"/>
    <bpmn:endEvent id="done"/>
  </bpmn:process>`);

describe(`engine: claim within 3 working days (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    // Friday 2024-02-02 10:00 in Shanghai: the next counted day is Sunday 2024-02-04, a 调休 working day.
    h = await EngineHarness.start('2024-02-02T02:00:00Z');
    await h.publishForm('claimForm', { type: 'object', properties: { note: { type: 'string' } }, additionalProperties: false });
    await h.publish(CLAIM);
  });
  afterAll(() => h.close());

  it('given a push to two departments, then each gets a claim task due at the end of Tuesday 2024-02-06', async () => {
    const caseId = await h.start('claimFlow', { departments: ['market', 'health'] });
    const tasks = await h.tasks(caseId);
    expect(tasks.map((t) => [t.element_id, t.status, t.due_at])).toEqual([
      ['claim', 'open', '2024-02-06T16:00:00.000Z'],
      ['claim', 'open', '2024-02-06T16:00:00.000Z'],
    ]);
    expect(new Set(tasks.map((t) => t.candidate_department_ids[0]))).toEqual(new Set([await h.departmentId('market'), await h.departmentId('health')]));
  });

  it('when one claims in time, one lets the deadline pass and then returns it, then the bureau is urged and re-routes, and the case completes', async () => {
    const caseId = await h.start('claimFlow', { departments: ['market', 'health'] });
    const [market, health] = await h.tasks(caseId);
    const marketDept = await h.departmentId('market');
    const [mine, theirs] = market!.candidate_department_ids[0] === marketDept ? [market!, health!] : [health!, market!];

    await h.claim(mine.id, 'market-staff');
    await h.complete(mine.id, { note: '已认领' }, 'market-staff');

    expect(await h.advanceTo('2024-02-06T15:59:59Z')).toBe(0);
    await h.advanceTo('2024-02-06T16:00:00Z');
    const notes = await h.em().execute<{ title: string; kind: string }[]>('select title, kind from notification where case_id = ?', [caseId]);
    expect(notes).toEqual([{ title: '超期未认领：health', kind: 'overdue' }]);
    // Non-interrupting: the late department can still act on its task.
    expect((await h.openTask(caseId, 'claim')).id).toBe(theirs.id);

    await h.returnTask(theirs.id, '不属于本部门监管事项', 'health-staff');
    const reroute = await h.openTask(caseId, 'reroute');
    expect(reroute.due_at).toBeNull();
    await h.complete(reroute.id, {}, 'bureau-staff');

    const row = await h.caseRow(caseId);
    expect(row.status).toBe('completed');
    expect(row.state.tokens).toEqual([]);
    const actions = await h.auditActions(caseId);
    expect(actions).toEqual(expect.arrayContaining(['case.started', 'task.created', 'task.claimed', 'task.completed', 'timer.fired', 'boundary.triggered', 'task.returned', 'case.completed']));
    expect(await h.pendingJobs(caseId)).toEqual([]);
  });

  it('a submission that breaks the form schema is refused and changes nothing', async () => {
    const caseId = await h.start('claimFlow', { departments: ['market'] });
    const task = await h.openTask(caseId, 'claim');
    const before = await h.caseRow(caseId);
    await expect(h.complete(task.id, { note: 1, extra: true })).rejects.toMatchObject({ status: 422 });
    expect(await h.caseRow(caseId)).toEqual(before);
    expect((await h.openTask(caseId, 'claim')).status).toBe('open');
  });
});
