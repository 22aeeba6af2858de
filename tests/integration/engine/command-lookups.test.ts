import { randomUUID } from 'node:crypto';
import { bpmn, endAfter, EngineHarness } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

/**
 * A command reads a user task's department ids, form version and calendar
 * version once and keeps them only until it ends (a push creates several
 * tasks from them). These scenarios change the configuration between two
 * commands and check that the next command sees the change, and that one
 * command's tasks of different departments keep their own departments.
 */
const FORM = 'lookupForm';
const FLOWS = [
  bpmn(`
  <bpmn:process id="toDepartment" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="handle"/>
    <bpmn:userTask id="handle" cm:formKey="${FORM}" cm:candidateDepartments="=targetDepartment" cm:deadline="3WD"/>
    ${endAfter('handle', 'e1')}
  </bpmn:process>`),
  bpmn(`
  <bpmn:process id="pushAll" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="doPush"/>
    <bpmn:serviceTask id="doPush" cm:action="push" cm:resultVariable="pushed">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:input name="process" expression="&quot;toDepartment&quot;"/>
        <cm:input name="departments" expression="=departments"/>
      </cm:ioMapping></bpmn:extensionElements>
    </bpmn:serviceTask>
    ${endAfter('doPush', 'e1')}
  </bpmn:process>`),
];

describe(`engine: per-command lookups (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM, { type: 'object' });
    for (const xml of FLOWS) await h.publish(xml);
  });
  afterAll(() => h.close());

  const pushedTasks = async (caseId: string) => {
    const pushed = (await h.caseRow(caseId)).variables.pushed as string[];
    return Promise.all(pushed.map((id) => h.openTask(id, 'handle')));
  };

  it('given one push to three departments, then each pushed task is for its own department', async () => {
    const caseId = await h.start('pushAll', { departments: ['market', 'health', 'market'] });
    const tasks = await pushedTasks(caseId);
    expect(tasks.map((t) => t.candidate_department_ids)).toEqual([[await h.departmentId('market')], [await h.departmentId('health')], [await h.departmentId('market')]]);
  });

  it('given a department created between two commands, then the next command finds it', async () => {
    await expect(h.start('pushAll', { departments: ['market', 'newbureau'] })).rejects.toThrow(/no department with code newbureau/);
    const id = randomUUID();
    await h.em().execute("insert into department (id, tenant_id, code, name, kind, created_at) values (?, ?, 'newbureau', '新设局', 'supervising', now())", [id, h.tenantId]);
    const tasks = await pushedTasks(await h.start('pushAll', { departments: ['market', 'newbureau'] }));
    expect(tasks.map((t) => t.candidate_department_ids)).toEqual([[await h.departmentId('market')], [id]]);
  });

  it('given a form published between two pushes, then the next push creates its tasks on the new version', async () => {
    const versionsOf = async (caseId: string) => {
      const pushed = (await h.caseRow(caseId)).variables.pushed as string[];
      const rows = await h.query<{ form_version: number }>('select form_version from task where case_id in (?, ?) order by form_version', pushed);
      return rows.map((r) => Number(r.form_version));
    };
    const [before] = await h.query<{ version: number }>('select max(version) as version from form_version where tenant_id = ? and form_key = ?', [h.tenantId, FORM]);
    const v = Number(before!.version);
    expect(await versionsOf(await h.start('pushAll', { departments: ['market', 'health'] }))).toEqual([v, v]);
    await h.publishForm(FORM, { type: 'object', properties: { note: { type: 'string' } } });
    expect(await versionsOf(await h.start('pushAll', { departments: ['market', 'health'] }))).toEqual([v + 1, v + 1]);
  });
});
