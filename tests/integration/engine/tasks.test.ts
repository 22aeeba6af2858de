import { bpmn, endAfter, EngineHarness } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'taskForm';

/** One process per scenario, each in its own file (ids are unique per file), as small as the scenario allows. */
const PROCESSES = [
  bpmn(`
  <bpmn:process id="candidates" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="staticTask"/>
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="feelTask"/>
    <bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="roleTask"/>
    <bpmn:userTask id="staticTask" cm:formKey="${FORM}" cm:candidateDepartments="market，health" cm:candidateRoles="liaison, staff"/>
    <bpmn:userTask id="feelTask" cm:formKey="${FORM}" cm:candidateDepartments="=[dept, &quot;bureau&quot;]" cm:candidateRoles="=roles"/>
    <bpmn:userTask id="roleTask" cm:formKey="${FORM}" cm:candidateRoles="leader"/>
    ${endAfter('staticTask', 'e1')} ${endAfter('feelTask', 'e2')} ${endAfter('roleTask', 'e3')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="pinned" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="pinnedTask"/>
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="latestTask"/>
    <bpmn:userTask id="pinnedTask" cm:formKey="versioned" cm:formVersion="1" cm:candidateDepartments="market"/>
    <bpmn:userTask id="latestTask" cm:formKey="versioned" cm:candidateDepartments="market"/>
    ${endAfter('pinnedTask', 'e1')} ${endAfter('latestTask', 'e2')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="deadlines" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="fixed"/>
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="feelDays"/>
    <bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="feelText"/>
    <bpmn:sequenceFlow id="f5" sourceRef="fork" targetRef="none"/>
    <bpmn:userTask id="fixed" cm:formKey="${FORM}" cm:candidateDepartments="market" cm:deadline="3WD"/>
    <bpmn:userTask id="feelDays" cm:formKey="${FORM}" cm:candidateDepartments="market" cm:deadline="=days"/>
    <bpmn:userTask id="feelText" cm:formKey="${FORM}" cm:candidateDepartments="market" cm:deadline="=limit"/>
    <bpmn:userTask id="none" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
    ${endAfter('fixed', 'e1')} ${endAfter('feelDays', 'e2')} ${endAfter('feelText', 'e3')} ${endAfter('none', 'e4')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="outputs" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="mapped"/>
    <bpmn:userTask id="mapped" cm:formKey="${FORM}" cm:candidateDepartments="market">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:output name="verdict" expression="=opinion"/>
        <cm:output name="ok" expression="=approved"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="mapped" targetRef="merged"/>
    <bpmn:userTask id="merged" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
    ${endAfter('merged', 'e1')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="single" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" cm:formKey="${FORM}" cm:candidateDepartments="market, health"/>
    ${endAfter('work', 'e1')}
  </bpmn:process>`),
];

const MESSAGES = [
  bpmn(`
  <bpmn:process id="asker" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="ask"/>
    <bpmn:sendTask id="ask" messageRef="Msg_Question">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="question" expression="=question"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:sendTask>
    ${endAfter('ask', 'e1')}
  </bpmn:process>`, '<bpmn:message id="Msg_Question" name="question-asked" cm:correlationKey="=ref"/>'),
  bpmn(`
  <bpmn:process id="receiver" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="await"/>
    <bpmn:receiveTask id="await" messageRef="Msg_Question">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:output name="received" expression="=question"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:receiveTask>
    <bpmn:sequenceFlow id="f2" sourceRef="await" targetRef="answer"/>
    <bpmn:userTask id="answer" cm:formKey="${FORM}" cm:candidateDepartments="health"/>
    ${endAfter('answer', 'e1')}
  </bpmn:process>`, '<bpmn:message id="Msg_Question" name="question-asked" cm:correlationKey="=ref"/>'),
];

describe(`engine: user, service, send and receive tasks (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM, { type: 'object', properties: { opinion: { type: 'string' }, approved: { type: 'boolean' } }, additionalProperties: false });
    await h.publishForm('versioned', { type: 'object', required: ['a'], properties: { a: { type: 'string' } }, additionalProperties: false });
    await h.publishForm('versioned', { type: 'object', required: ['b'], properties: { b: { type: 'string' } }, additionalProperties: false });
    for (const xml of [...PROCESSES, ...MESSAGES]) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  const departmentIds = (...codes: string[]) => Promise.all(codes.map((c) => h.departmentId(c)));
  const rolesOf = async (taskId: string) => (await h.query<{ candidate_roles: string[] }>('select candidate_roles from task where id = ?', [taskId]))[0]!.candidate_roles;

  describe('userTask', () => {
    it('given static, FEEL and role-only candidates, when the tasks are created, then each lists the departments and roles it names', async () => {
      const caseId = await h.start('candidates', { dept: 'health', roles: ['leader'] });
      const staticTask = await h.openTask(caseId, 'staticTask');
      const feelTask = await h.openTask(caseId, 'feelTask');
      const roleTask = await h.openTask(caseId, 'roleTask');
      expect(staticTask.candidate_department_ids).toEqual(await departmentIds('market', 'health'));
      expect(await rolesOf(staticTask.id)).toEqual(['liaison', 'staff']);
      expect(feelTask.candidate_department_ids).toEqual(await departmentIds('health', 'bureau'));
      expect(await rolesOf(feelTask.id)).toEqual(['leader']);
      expect(roleTask.candidate_department_ids).toEqual([]);
      expect(await rolesOf(roleTask.id)).toEqual(['leader']);
    });

    it('given FEEL candidates naming a department the county does not have, when the case starts, then it is refused with the element id and no case exists', async () => {
      const before = await h.casesOf('candidates');
      await expect(h.start('candidates', { dept: 'transport', roles: ['staff'] })).rejects.toThrow(/feelTask.*transport/);
      expect(await h.casesOf('candidates')).toEqual(before);
    });

    it('given a task pinned to form version 1 and one without a pin, when both are created and completed, then each validates against its own version', async () => {
      const caseId = await h.start('pinned');
      const pinned = await h.openTask(caseId, 'pinnedTask');
      const latest = await h.openTask(caseId, 'latestTask');
      const versions = await h.query<{ id: string; form_version: number }>('select id, form_version from task where case_id = ? order by element_id', [caseId]);
      expect(Object.fromEntries(versions.map((v) => [v.id, v.form_version]))).toEqual({ [pinned.id]: 1, [latest.id]: 2 });

      await expect(h.complete(pinned.id, { b: 'v2 data' })).rejects.toMatchObject({ status: 422 });
      await h.complete(pinned.id, { a: 'v1 data' });
      await expect(h.complete(latest.id, { a: 'v1 data' })).rejects.toMatchObject({ status: 422 });
      await h.complete(latest.id, { b: 'v2 data' });
      expect((await h.caseRow(caseId)).status).toBe('completed');
    });

    it('given deadlines in working days and by FEEL, when tasks are created on the eve of Qingming 2024, then their due dates skip the holiday and count the make-up Sunday', async () => {
      // Wednesday 2024-04-03 10:00 Shanghai; 4-6 April are holidays, Sunday 7 April is a working day.
      h.clock.set('2024-04-03T02:00:00Z');
      const caseId = await h.start('deadlines', { days: 2, limit: '1WD' });
      const due = Object.fromEntries((await h.tasks(caseId)).map((t) => [t.element_id, t.due_at]));
      expect(due).toEqual({
        fixed: '2024-04-09T16:00:00.000Z', // 7, 8, 9 April
        feelDays: '2024-04-08T16:00:00.000Z', // 7, 8 April
        feelText: '2024-04-07T16:00:00.000Z', // the make-up Sunday
        none: null,
      });
      const [fixed] = await h.query<{ calendar_key: string; deadline: { spec: unknown } }>("select calendar_key, deadline from task where case_id = ? and element_id = 'fixed'", [caseId]);
      expect(fixed!.calendar_key).toBe('cn-statutory');
      expect(fixed!.deadline.spec).toEqual({ unit: 'workingDays', amount: 3 });
    });

    it('given a FEEL deadline that is not a duration, when the task is reached, then the case is refused with the element id', async () => {
      await expect(h.start('deadlines', { days: 2, limit: '3 days' })).rejects.toThrow(/feelText deadline/);
    });

    it('given output mappings on one task and none on the next, when both are completed, then the first writes only its mapped names and the second merges its submission', async () => {
      const caseId = await h.start('outputs', { licence: 'L-1' });
      await h.complete((await h.openTask(caseId, 'mapped')).id, { opinion: '同意', approved: true });
      expect((await h.caseRow(caseId)).variables).toEqual({ licence: 'L-1', verdict: '同意', ok: true });

      await h.complete((await h.openTask(caseId, 'merged')).id, { opinion: '再议' });
      const row = await h.caseRow(caseId);
      expect(row.status).toBe('completed');
      expect(row.variables).toEqual({ licence: 'L-1', verdict: '同意', ok: true, opinion: '再议' });
    });

    it('given an open task, when it is claimed, released, claimed by another and completed, then statuses, assignee and audit follow, and only the assignee may act', async () => {
      const caseId = await h.start('single');
      const task = await h.openTask(caseId, 'work');
      const marketStaff = await h.userId('market-staff');
      const healthStaff = await h.userId('health-staff');

      await h.claim(task.id, 'market-staff');
      expect(await h.openTask(caseId, 'work')).toMatchObject({ status: 'claimed', assignee_id: marketStaff });
      await expect(h.claim(task.id, 'health-staff')).rejects.toMatchObject({ status: 409 });
      await expect(h.unclaim(task.id, 'health-staff')).rejects.toMatchObject({ status: 403 });

      await h.unclaim(task.id, 'market-staff');
      expect(await h.openTask(caseId, 'work')).toMatchObject({ status: 'open', assignee_id: null });

      await h.claim(task.id, 'health-staff');
      const before = await h.caseRow(caseId);
      await expect(h.complete(task.id, { opinion: 'x' }, 'market-staff')).rejects.toMatchObject({ status: 403 });
      expect(await h.caseRow(caseId)).toEqual(before);

      await h.complete(task.id, { opinion: '已办' }, 'health-staff');
      const [done] = await h.tasks(caseId);
      expect(done).toMatchObject({ status: 'completed', assignee_id: healthStaff });
      expect((await h.caseRow(caseId)).status).toBe('completed');
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['task.claimed', 'task.unclaimed', 'task.completed', 'case.completed']));
    });

    it('given a completed task, when it is completed again, then it is a conflict and nothing changes', async () => {
      const caseId = await h.start('single');
      const task = await h.openTask(caseId, 'work');
      await h.complete(task.id, { opinion: 'first' });
      const before = await h.caseRow(caseId);
      await expect(h.complete(task.id, { opinion: 'second' })).rejects.toMatchObject({ status: 409 });
      await expect(h.claim(task.id)).rejects.toMatchObject({ status: 409 });
      expect(await h.caseRow(caseId)).toEqual(before);
      expect(before.variables).toEqual({ opinion: 'first' });
    });

    it('given an open task, when it is completed without a claim, then it is claimed implicitly by whoever completes it', async () => {
      const caseId = await h.start('single');
      const task = await h.openTask(caseId, 'work');
      await h.complete(task.id, {}, 'health-staff');
      const [row] = await h.query<{ assignee_id: string; completed_by: string; status: string }>('select assignee_id, completed_by, status from task where id = ?', [task.id]);
      const healthStaff = await h.userId('health-staff');
      expect(row).toEqual({ assignee_id: healthStaff, completed_by: healthStaff, status: 'completed' });
    });
  });


  describe('sendTask and receiveTask', () => {
    it('given two receivers waiting under different keys, when a send task publishes under one key, then after the jobs run only that receiver moves on with the payload', async () => {
      const r1 = await h.start('receiver', { ref: 'Q-1' });
      const r2 = await h.start('receiver', { ref: 'Q-2' });
      expect(await h.subscriptions(r1)).toEqual([{ element_id: 'await', message_name: 'question-asked', correlation_key: 'Q-1' }]);

      const asker = await h.start('asker', { ref: 'Q-1', question: '是否属于本部门监管？' });
      expect((await h.caseRow(asker)).status).toBe('completed');
      expect(await h.auditActions(asker)).toContain('message.published');
      // The message travels as a job: nothing is delivered inside the sender's transaction.
      expect(await h.tasks(r1)).toEqual([]);

      await h.runDueJobs();
      expect((await h.caseRow(r1)).variables).toEqual({ ref: 'Q-1', received: '是否属于本部门监管？' });
      expect((await h.openTask(r1, 'answer')).status).toBe('open');
      expect(await h.subscriptions(r1)).toEqual([]);
      expect(await h.auditActions(r1)).toEqual(expect.arrayContaining(['message.correlated', 'element.completed']));

      expect(await h.tasks(r2)).toEqual([]);
      expect(await h.subscriptions(r2)).toHaveLength(1);
    });

    it('given a waiting receive task, when its message is correlated directly, then the task completes with its output mapping and a second correlation finds nobody', async () => {
      const caseId = await h.start('receiver', { ref: 'Q-3' });
      expect(await h.correlate('question-asked', 'Q-3', { question: '直接送达' })).toEqual({ correlated: [caseId], started: [] });
      expect((await h.caseRow(caseId)).variables.received).toBe('直接送达');
      expect(await h.correlate('question-asked', 'Q-3', { question: 'again' })).toEqual({ correlated: [], started: [] });
      expect((await h.caseRow(caseId)).variables.received).toBe('直接送达');
    });
  });
});
