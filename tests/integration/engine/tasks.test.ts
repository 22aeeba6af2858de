import { bpmn, EngineHarness } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'taskForm';
const END = (id: string, from: string) => `<bpmn:sequenceFlow id="${id}_in" sourceRef="${from}" targetRef="${id}"/><bpmn:endEvent id="${id}"/>`;

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
    ${END('e1', 'staticTask')} ${END('e2', 'feelTask')} ${END('e3', 'roleTask')}
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
    ${END('e1', 'pinnedTask')} ${END('e2', 'latestTask')}
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
    ${END('e1', 'fixed')} ${END('e2', 'feelDays')} ${END('e3', 'feelText')} ${END('e4', 'none')}
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
    ${END('e1', 'merged')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="single" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" cm:formKey="${FORM}" cm:candidateDepartments="market, health"/>
    ${END('e1', 'work')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="inbox" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" cm:formKey="${FORM}" cm:candidateDepartments="=dept" cm:deadline="1WD"/>
    ${END('e1', 'work')}
  </bpmn:process>`),
];

const ACTIONS = [
  bpmn(`
  <bpmn:process id="pushTarget" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="claimPushed"/>
    <bpmn:userTask id="claimPushed" cm:formKey="${FORM}" cm:candidateDepartments="=targetDepartment" cm:deadline="3WD"/>
    ${END('e1', 'claimPushed')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="pushFlow" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="doPush"/>
    <bpmn:serviceTask id="doPush" cm:action="push" cm:resultVariable="pushedCases">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="process" expression="&quot;pushTarget&quot;"/>
        <cm:input name="departments" expression="=departments"/>
        <cm:input name="variables" expression="={licence: licence}"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${END('e1', 'doPush')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="notifyFlow" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="doNotify"/>
    <bpmn:serviceTask id="doNotify" cm:action="notify" cm:resultVariable="notified">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="departments" expression="=[&quot;market&quot;, &quot;health&quot;]"/>
        <cm:input name="users" expression="=[&quot;bureau-staff&quot;]"/>
        <cm:input name="title" expression="=&quot;请认领：&quot; + licence"/>
        <cm:input name="kind" expression="&quot;reminder&quot;"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${END('e1', 'doNotify')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="setVarsFlow" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="doSet"/>
    <bpmn:serviceTask id="doSet" cm:action="setVariables">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="status" expression="&quot;已通报&quot;"/>
        <cm:input name="count" expression="=count + 1"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${END('e1', 'doSet')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="creditFlow" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="doCredit"/>
    <bpmn:serviceTask id="doCredit" cm:action="recordCredit" cm:resultVariable="creditId">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="subjectName" expression="=holder"/>
        <cm:input name="subjectCode" expression="=code"/>
        <cm:input name="kind" expression="&quot;虚假承诺&quot;"/>
        <cm:input name="description" expression="=&quot;承诺不实：&quot; + licence"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${END('e1', 'doCredit')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="reportFlow" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="doReport"/>
    <bpmn:serviceTask id="doReport" cm:action="generateReport" cm:resultVariable="reportId">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="kind" expression="&quot;monthly-claims&quot;"/>
        <cm:input name="periodStart" expression="=from"/>
        <cm:input name="periodEnd" expression="=to"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${END('e1', 'doReport')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="badNotify" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="notifyWithoutTitle"/>
    <bpmn:serviceTask id="notifyWithoutTitle" cm:action="notify">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="departments" expression="=[&quot;market&quot;]"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${END('e1', 'notifyWithoutTitle')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="badLater" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="first"/>
    <bpmn:userTask id="first" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
    <bpmn:sequenceFlow id="f2" sourceRef="first" targetRef="creditWithoutHolder"/>
    <bpmn:serviceTask id="creditWithoutHolder" cm:action="recordCredit">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="subjectName" expression="=holder"/>
        <cm:input name="kind" expression="&quot;虚假承诺&quot;"/>
        <cm:input name="description" expression="&quot;x&quot;"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${END('e1', 'creditWithoutHolder')}
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
    ${END('e1', 'ask')}
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
    ${END('e1', 'answer')}
  </bpmn:process>`, '<bpmn:message id="Msg_Question" name="question-asked" cm:correlationKey="=ref"/>'),
];

describe(`engine: user, service, send and receive tasks (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM, { type: 'object', properties: { opinion: { type: 'string' }, approved: { type: 'boolean' } }, additionalProperties: false });
    await h.publishForm('versioned', { type: 'object', required: ['a'], properties: { a: { type: 'string' } }, additionalProperties: false });
    await h.publishForm('versioned', { type: 'object', required: ['b'], properties: { b: { type: 'string' } }, additionalProperties: false });
    for (const xml of [...PROCESSES, ...ACTIONS, ...MESSAGES]) await h.publish(xml);
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

  describe('serviceTask actions', () => {
    it('given a push to two departments, when it runs, then one linked case per department starts with a push link, the department variable and its claim task', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('pushFlow', { departments: ['market', 'health'], licence: '许可-001' });
      const row = await h.caseRow(caseId);
      expect(row.status).toBe('completed');
      const pushed = row.variables.pushedCases as string[];
      expect(pushed).toHaveLength(2);

      const links = await h.links(caseId);
      expect(links.map((l) => [l.kind, l.element_id])).toEqual([
        ['push', 'doPush'],
        ['push', 'doPush'],
      ]);
      expect(new Set(links.map((l) => l.to_case_id))).toEqual(new Set(pushed));

      const children = await Promise.all(pushed.map(async (id) => ({ row: await h.caseRow(id), task: await h.openTask(id, 'claimPushed') })));
      expect(children.map((c) => c.row.variables)).toEqual([
        { licence: '许可-001', targetDepartment: 'market' },
        { licence: '许可-001', targetDepartment: 'health' },
      ]);
      expect(children.map((c) => c.task.candidate_department_ids)).toEqual([await departmentIds('market'), await departmentIds('health')]);
      // Monday 4 March + 3WD: Tuesday, Wednesday, Thursday.
      expect(children.map((c) => c.task.due_at)).toEqual(['2024-03-07T16:00:00.000Z', '2024-03-07T16:00:00.000Z']);
      const parents = await h.query<{ parent_case_id: string }>('select parent_case_id from case_instance where id in (?, ?)', pushed);
      expect(parents).toEqual([{ parent_case_id: caseId }, { parent_case_id: caseId }]);
      expect(await h.auditActions(caseId)).toContain('case.pushed');
    });

    it('given a notification to two departments and a user, when it runs, then three in-app notification rows exist and the count is the result', async () => {
      const caseId = await h.start('notifyFlow', { licence: '许可-002' });
      expect((await h.caseRow(caseId)).variables.notified).toBe(3);
      const rows = await h.query<{ recipient_department_id: string | null; recipient_user_id: string | null; kind: string; title: string; channel: string }>(
        'select recipient_department_id, recipient_user_id, kind, title, channel from notification where case_id = ?',
        [caseId],
      );
      const [market, health] = await departmentIds('market', 'health');
      expect(new Set(rows.map((r) => r.recipient_department_id ?? `user:${r.recipient_user_id}`))).toEqual(new Set([market, health, `user:${await h.userId('bureau-staff')}`]));
      expect(rows.every((r) => r.kind === 'reminder' && r.title === '请认领：许可-002' && r.channel === 'in-app')).toBe(true);
      expect(await h.auditActions(caseId)).toContain('notification.sent');
    });

    it('given setVariables, when it runs, then its inputs are merged into the case variables', async () => {
      const caseId = await h.start('setVarsFlow', { count: 1, other: 'kept' });
      expect((await h.caseRow(caseId)).variables).toEqual({ count: 2, other: 'kept', status: '已通报' });
    });

    it('given recordCredit, when it runs, then a credit record about the subject exists and its id is the result', async () => {
      const caseId = await h.start('creditFlow', { holder: '某某餐饮有限公司', code: '91370881MA3C0000X1', licence: '许可-003' });
      const rows = await h.query<{ id: string; subject_name: string; subject_code: string; kind: string; description: string }>(
        'select id, subject_name, subject_code, kind, description from credit_record where case_id = ?',
        [caseId],
      );
      expect(rows).toEqual([{ id: expect.any(String), subject_name: '某某餐饮有限公司', subject_code: '91370881MA3C0000X1', kind: '虚假承诺', description: '承诺不实：许可-003' }]);
      expect((await h.caseRow(caseId)).variables.creditId).toBe(rows[0]!.id);
    });

    it('given tasks received in July done on time, late, returned and overdue, when the report runs, then each department has the numbers counted by hand', async () => {
      // Monday 2024-07-01 10:00 Shanghai; 1WD tasks are due at the end of Tuesday 2 July (16:00Z).
      h.clock.set('2024-07-01T02:00:00Z');
      const inbox = async (dept: string) => {
        const id = await h.start('inbox', { dept });
        return (await h.openTask(id, 'work')).id;
      };
      const onTime = await inbox('market');
      const late = await inbox('market');
      const returned = await inbox('market');
      await inbox('health'); // stays open past its due date
      await h.complete(onTime, {});
      await h.returnTask(returned, '不属于本部门');

      h.clock.set('2024-07-03T02:00:00Z');
      await h.complete(late, {});
      await inbox('health'); // open, due 4 July: not overdue yet

      h.clock.set('2024-07-03T03:00:00Z');
      const caseId = await h.start('reportFlow', { from: '2024-06-30T16:00:00Z', to: '2024-07-31T16:00:00Z' });
      const reportId = (await h.caseRow(caseId)).variables.reportId as string;
      const [snapshot] = await h.query<{ case_id: string; kind: string; period_start: Date; period_end: Date; data: unknown }>(
        'select case_id, kind, period_start, period_end, data from report_snapshot where id = ?',
        [reportId],
      );
      expect(snapshot!.case_id).toBe(caseId);
      expect(snapshot!.kind).toBe('monthly-claims');
      expect([new Date(snapshot!.period_start).toISOString(), new Date(snapshot!.period_end).toISOString()]).toEqual(['2024-06-30T16:00:00.000Z', '2024-07-31T16:00:00.000Z']);
      expect(snapshot!.data).toEqual({
        departments: [
          { code: 'bureau', name: '测试县行政审批服务局', received: 0, onTime: 0, late: 0, overdue: 0, returned: 0 },
          { code: 'health', name: '测试县卫生健康局', received: 2, onTime: 0, late: 0, overdue: 1, returned: 0 },
          { code: 'market', name: '测试县市场监管局', received: 3, onTime: 1, late: 1, overdue: 0, returned: 1 },
        ],
      });
    });

    it('given an action whose inputs break its schema at the start, when the case starts, then the start fails naming the element and nothing is written', async () => {
      const notifications = (await h.query<{ n: number }>('select count(*)::int as n from notification'))[0]!.n;
      await expect(h.start('badNotify')).rejects.toThrow(/notifyWithoutTitle: inputs of action "notify" are invalid/);
      expect(await h.casesOf('badNotify')).toEqual([]);
      expect((await h.query<{ n: number }>('select count(*)::int as n from notification'))[0]!.n).toBe(notifications);
    });

    it('given an action with invalid inputs after a task, when the task is completed, then the completion fails and the task, case and audit are unchanged', async () => {
      const caseId = await h.start('badLater', {});
      const task = await h.openTask(caseId, 'first');
      const before = await h.caseRow(caseId);
      const audit = await h.auditActions(caseId);
      await expect(h.complete(task.id, {})).rejects.toThrow(/creditWithoutHolder: inputs of action "recordCredit" are invalid/);
      expect(await h.caseRow(caseId)).toEqual(before);
      expect((await h.openTask(caseId, 'first')).status).toBe('open');
      expect(await h.auditActions(caseId)).toEqual(audit);
      expect(await h.query('select id from credit_record where case_id = ?', [caseId])).toEqual([]);
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
