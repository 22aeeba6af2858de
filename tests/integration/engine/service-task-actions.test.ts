import { bpmn, endAfter, EngineHarness } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'taskForm';

const ACTIONS = [
  bpmn(`
  <bpmn:process id="inbox" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" cm:formKey="${FORM}" cm:candidateDepartments="=dept" cm:deadline="1WD"/>
    ${endAfter('work', 'e1')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="pushTarget" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="claimPushed"/>
    <bpmn:userTask id="claimPushed" cm:formKey="${FORM}" cm:candidateDepartments="=targetDepartment" cm:deadline="3WD"/>
    ${endAfter('claimPushed', 'e1')}
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
    ${endAfter('doPush', 'e1')}
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
    ${endAfter('doNotify', 'e1')}
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
    ${endAfter('doSet', 'e1')}
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
    ${endAfter('doCredit', 'e1')}
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
    ${endAfter('doReport', 'e1')}
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
    ${endAfter('notifyWithoutTitle', 'e1')}
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
    ${endAfter('creditWithoutHolder', 'e1')}
  </bpmn:process>`),
];


describe(`engine: service tasks and the built-in actions (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM, { type: 'object', properties: { opinion: { type: 'string' }, approved: { type: 'boolean' } }, additionalProperties: false });
    await h.publishForm('versioned', { type: 'object', required: ['a'], properties: { a: { type: 'string' } }, additionalProperties: false });
    await h.publishForm('versioned', { type: 'object', required: ['b'], properties: { b: { type: 'string' } }, additionalProperties: false });
    for (const xml of ACTIONS) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  const departmentIds = (...codes: string[]) => Promise.all(codes.map((c) => h.departmentId(c)));

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
      // Only the pack's claim steps are pushes (circular.claimSteps): here the inbox procedure's "work" task.
      await h.em().execute(`update tenant set settings = settings || ?::jsonb where id = ?`, [
        JSON.stringify({ circular: { claimSteps: [{ procedure: 'inbox', elements: ['work'] }], legalBasis: '第十九条' } }),
        h.tenantId,
      ]);
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
      const [bureau, health, market] = await departmentIds('bureau', 'health', 'market');
      const none = { pushed: 0, claimedOnTime: 0, claimedLate: 0, overdueUnclaimed: 0, returned: 0, onTimeRate: null, medianClaimWorkingHours: null };
      expect(snapshot!.data).toEqual({
        period: { start: '2024-06-30T16:00:00.000Z', end: '2024-07-31T16:00:00.000Z' },
        legalBasis: '第十九条',
        departments: [
          { departmentId: bureau, code: 'bureau', name: '测试县行政审批服务局', kind: 'approval_bureau', ...none },
          { departmentId: health, code: 'health', name: '测试县卫生健康局', kind: 'supervising', ...none, pushed: 2, overdueUnclaimed: 1, onTimeRate: 0 },
          // Completed at once (0 working hours) and two working days later (48): median 24.
          { departmentId: market, code: 'market', name: '测试县市场监管局', kind: 'supervising', pushed: 3, claimedOnTime: 1, claimedLate: 1, overdueUnclaimed: 0, returned: 1, onTimeRate: 0.5, medianClaimWorkingHours: 24 },
        ],
        warnings: [],
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

});
