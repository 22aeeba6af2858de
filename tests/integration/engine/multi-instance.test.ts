import type { ScopeInstance } from '../../../platform/src/engine/runtime/case-state';
import { bpmnProcess, endAfter, EngineHarness, flow, userTaskOf } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'miForm';
const task = userTaskOf(FORM);
const overDepartments = (extra = '', sequential = false) =>
  `<bpmn:multiInstanceLoopCharacteristics isSequential="${sequential}" cm:collection="=departments" cm:elementVariable="dept">${extra}</bpmn:multiInstanceLoopCharacteristics>`;

/** start → claim (multi-instance user task) → after */
const miTask = (key: string, loop: string, boundary = '') =>
  bpmnProcess(
    key,
    `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'claim')}
     <bpmn:userTask id="claim" cm:formKey="${FORM}" cm:candidateDepartments="=dept">${loop}</bpmn:userTask>
     ${flow('f1', 'claim', 'after')} ${task('after', 'bureau')} ${endAfter('after')} ${boundary}`,
  );

const CARDINALITY = bpmnProcess(
  'cardinality',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'copy')}
   <bpmn:userTask id="copy" cm:formKey="${FORM}" cm:candidateDepartments="market">
     <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>=copies</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
   </bpmn:userTask>
   ${flow('f1', 'copy', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

/** Each instance writes an opinion, waits for a confirmation, then announces its own opinion. */
const LOCALS = bpmnProcess(
  'locals',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'perDept')}
   <bpmn:subProcess id="perDept">
     ${overDepartments()}
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'write')}
     ${task('write', '=dept')} ${flow('s1', 'write', 'confirm')} ${task('confirm', '=dept')} ${flow('s2', 'confirm', 'announce')}
     <bpmn:serviceTask id="announce" cm:action="notify"><bpmn:extensionElements><cm:ioMapping>
       <cm:input name="departments" expression="=[dept]"/><cm:input name="title" expression="=dept + &quot;：&quot; + opinion"/>
     </cm:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
     ${endAfter('announce', 'subEnd')}
   </bpmn:subProcess>
   ${flow('f1', 'perDept', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

/** A refusal in any department's review ends the whole multi-instance subprocess through its error boundary. */
const REFUSABLE = bpmnProcess(
  'refusable',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'perDept')}
   <bpmn:subProcess id="perDept">
     ${overDepartments()}
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'check')}
     ${task('check', '=dept')} ${flow('s1', 'check', 'outcome')}
     <bpmn:exclusiveGateway id="outcome" default="toOk"/>
     ${flow('toRefused', 'outcome', 'refusedEnd', 'refused = true')} ${flow('toOk', 'outcome', 'okEnd')}
     <bpmn:endEvent id="refusedEnd"><bpmn:errorEventDefinition errorRef="Err_Refused"/></bpmn:endEvent>
     <bpmn:endEvent id="okEnd"/>
   </bpmn:subProcess>
   <bpmn:boundaryEvent id="refusedAnywhere" attachedToRef="perDept"><bpmn:errorEventDefinition errorRef="Err_Refused"/></bpmn:boundaryEvent>
   ${flow('f1', 'refusedAnywhere', 'handleRefusal')} ${task('handleRefusal', 'bureau')} ${endAfter('handleRefusal')}
   ${flow('f2', 'perDept', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
  '<bpmn:error id="Err_Refused" errorCode="REFUSED"/>',
);

const CHILD = bpmnProcess(
  'perDeptChild',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'review')} ${task('review', '=dept')} ${endAfter('review')}`,
);

const MI_CALL = bpmnProcess(
  'miCall',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'call')}
   <bpmn:callActivity id="call" calledElement="perDeptChild">
     <bpmn:extensionElements><cm:ioMapping><cm:input name="dept" expression="=dept"/><cm:input name="licence" expression="=licence"/></cm:ioMapping></bpmn:extensionElements>
     ${overDepartments()}
   </bpmn:callActivity>
   ${flow('f1', 'call', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

describe(`engine: multi-instance (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM);
    const defs = [
      miTask('parallelClaims', overDepartments()),
      miTask('sequentialClaims', overDepartments('', true)),
      miTask('firstTwo', overDepartments('<bpmn:completionCondition>=nrOfCompletedInstances &gt;= 2</bpmn:completionCondition>')),
      miTask('untilApproved', overDepartments('<bpmn:completionCondition>=approved = true</bpmn:completionCondition>', true)),
      miTask(
        'timedClaims',
        overDepartments(),
        `<bpmn:boundaryEvent id="timeout" attachedToRef="claim"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
         ${flow('f9', 'timeout', 'late')} ${task('late', 'bureau')} ${endAfter('late')}`,
      ),
      bpmnProcess(
        'deadlineClaims',
        `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'claim')}
         <bpmn:userTask id="claim" cm:formKey="${FORM}" cm:candidateDepartments="=dept" cm:deadline="1WD">${overDepartments()}</bpmn:userTask>
         ${flow('f1', 'claim', 'after')} ${task('after', 'bureau')} ${endAfter('after')}
         <bpmn:boundaryEvent id="overdue" attachedToRef="claim" cancelActivity="false"><bpmn:timerEventDefinition cm:atTaskDeadline="true"/></bpmn:boundaryEvent>
         ${flow('f2', 'overdue', 'urge')} ${task('urge', 'bureau')} ${endAfter('urge')}`,
      ),
      CARDINALITY,
      LOCALS,
      REFUSABLE,
      CHILD,
      MI_CALL,
    ];
    for (const xml of defs) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  const deptOf = async (taskId: string) => {
    const [row] = await h.query<{ code: string }>('select d.code from task t join department d on d.id = t.candidate_department_ids[1] where t.id = ?', [taskId]);
    return row!.code;
  };
  const openByDept = async (caseId: string, elementId: string) => {
    const out: Record<string, string> = {};
    for (const t of await h.tasks(caseId)) if (t.element_id === elementId && t.status === 'open') out[await deptOf(t.id)] = t.id;
    return out;
  };
  const scopeKinds = async (caseId: string) => (await h.caseRow(caseId)).state.scopes.map((s) => s.kind);
  const instanceLocals = (scopes: ScopeInstance[]) => scopes.filter((s) => s.kind === 'miInstance').map((s) => s.variables);

  it('given a parallel multi-instance over three departments, when it starts, then each gets its own task and instance scope, and when all complete, then the case moves on with no scope left', async () => {
    const caseId = await h.start('parallelClaims', { departments: ['market', 'health', 'bureau'] });
    const open = await openByDept(caseId, 'claim');
    expect(Object.keys(open).sort()).toEqual(['bureau', 'health', 'market']);
    const { state } = await h.caseRow(caseId);
    expect(state.scopes.map((s) => s.kind)).toEqual(['process', 'miBody', 'miInstance', 'miInstance', 'miInstance']);
    expect(instanceLocals(state.scopes)).toEqual([
      { loopCounter: 1, dept: 'market' },
      { loopCounter: 2, dept: 'health' },
      { loopCounter: 3, dept: 'bureau' },
    ]);

    await h.complete(open.health!, {}, 'health-staff');
    await h.complete(open.market!, {}, 'market-staff');
    expect(await openByDept(caseId, 'after')).toEqual({});
    await h.complete(open.bureau!, {}, 'bureau-staff');
    expect(Object.keys(await openByDept(caseId, 'after'))).toEqual(['bureau']);
    expect(await scopeKinds(caseId)).toEqual(['process']);
    expect((await h.caseRow(caseId)).variables).toEqual({ departments: ['market', 'health', 'bureau'] });
  });

  it('given a sequential multi-instance, when each instance completes, then the next item starts only then', async () => {
    const caseId = await h.start('sequentialClaims', { departments: ['market', 'health'] });
    expect(Object.keys(await openByDept(caseId, 'claim'))).toEqual(['market']);
    await h.complete((await openByDept(caseId, 'claim')).market!);
    expect(Object.keys(await openByDept(caseId, 'claim'))).toEqual(['health']);
    expect(instanceLocals((await h.caseRow(caseId)).state.scopes)).toEqual([{ loopCounter: 2, dept: 'health' }]);
    await h.complete((await openByDept(caseId, 'claim')).health!, {}, 'health-staff');
    expect(Object.keys(await openByDept(caseId, 'after'))).toEqual(['bureau']);
  });

  it('given a loop cardinality, when the activity starts, then that many instances run with loop counters 1..n', async () => {
    const caseId = await h.start('cardinality', { copies: 3 });
    expect((await h.tasks(caseId)).map((t) => t.element_id)).toEqual(['copy', 'copy', 'copy']);
    expect(instanceLocals((await h.caseRow(caseId)).state.scopes)).toEqual([{ loopCounter: 1 }, { loopCounter: 2 }, { loopCounter: 3 }]);
  });

  it('given a completion condition on the count, when two of three complete, then the third task is cancelled, the case moves on and no instance scope is left', async () => {
    const caseId = await h.start('firstTwo', { departments: ['market', 'health', 'bureau'] });
    const open = await openByDept(caseId, 'claim');
    await h.complete(open.market!);
    await h.complete(open.health!, {}, 'health-staff');
    const statuses = Object.fromEntries(await Promise.all((await h.tasks(caseId)).filter((t) => t.element_id === 'claim').map(async (t) => [await deptOf(t.id), t.status])));
    expect(statuses).toEqual({ market: 'completed', health: 'completed', bureau: 'cancelled' });
    expect(Object.keys(await openByDept(caseId, 'after'))).toEqual(['bureau']);
    const row = await h.caseRow(caseId);
    expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);
    expect(row.state.tokens.map((t) => t.elementId)).toEqual(['after']);
  });

  it('given a completion condition on what an instance submitted, when an instance approves, then the remaining items are not started', async () => {
    const caseId = await h.start('untilApproved', { departments: ['market', 'health', 'bureau'] });
    await h.complete((await openByDept(caseId, 'claim')).market!, { approved: false });
    await h.complete((await openByDept(caseId, 'claim')).health!, { approved: true }, 'health-staff');
    expect((await h.tasks(caseId)).filter((t) => t.element_id === 'claim').length).toBe(2);
    expect(Object.keys(await openByDept(caseId, 'after'))).toEqual(['bureau']);
    expect(await scopeKinds(caseId)).toEqual(['process']);
  });

  it('given an empty collection, when the activity is reached, then it completes at once with no task and no scope left behind', async () => {
    const caseId = await h.start('parallelClaims', { departments: [] });
    expect((await h.tasks(caseId)).map((t) => t.element_id)).toEqual(['after']);
    expect(await scopeKinds(caseId)).toEqual(['process']);
  });

  it('given a collection that is not a list, when the activity is reached, then the case is refused naming the element', async () => {
    await expect(h.start('parallelClaims', { departments: 'market' })).rejects.toThrow(/claim: multi-instance collection must be a list/);
  });

  it('given parallel instances writing the same variable name, when they interleave, then each instance reads its own value and the case variables are untouched', async () => {
    const caseId = await h.start('locals', { departments: ['market', 'health'] });
    await h.complete((await openByDept(caseId, 'write')).market!, { opinion: '甲' });
    await h.complete((await openByDept(caseId, 'write')).health!, { opinion: '乙' }, 'health-staff');
    await h.complete((await openByDept(caseId, 'confirm')).market!);
    await h.complete((await openByDept(caseId, 'confirm')).health!, {}, 'health-staff');

    const titles = await h.query<{ title: string }>('select title from notification where case_id = ? order by title', [caseId]);
    expect(titles.map((t) => t.title).sort()).toEqual(['health：乙', 'market：甲']);
    expect((await h.caseRow(caseId)).variables).toEqual({ departments: ['market', 'health'] });
    expect(Object.keys(await openByDept(caseId, 'after'))).toEqual(['bureau']);
    expect(await scopeKinds(caseId)).toEqual(['process']);
  });

  it('given an error thrown in one instance of a multi-instance subprocess, when the boundary is on the activity, then all instances end and the boundary path starts once in the process', async () => {
    const caseId = await h.start('refusable', { departments: ['market', 'health'] });
    await h.complete((await openByDept(caseId, 'check')).market!, { refused: true });
    const byDept = Object.fromEntries(await Promise.all((await h.tasks(caseId)).filter((t) => t.element_id === 'check').map(async (t) => [await deptOf(t.id), t.status])));
    expect(byDept).toEqual({ market: 'completed', health: 'cancelled' });
    const row = await h.caseRow(caseId);
    expect(row.status).toBe('active');
    expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);
    expect(row.state.tokens.map((t) => [t.elementId, t.scopeId])).toEqual([['handleRefusal', 's0']]);
  });

  it('given an interrupting timer on a multi-instance task, when it fires, then every instance task is cancelled and the boundary path starts once', async () => {
    h.clock.set('2024-03-04T02:00:00Z');
    const caseId = await h.start('timedClaims', { departments: ['market', 'health'] });
    await h.advanceTo('2024-03-04T03:00:00Z');
    expect((await h.tasks(caseId)).map((t) => [t.element_id, t.status]).sort()).toEqual([
      ['claim', 'cancelled'],
      ['claim', 'cancelled'],
      ['late', 'open'],
    ]);
    expect(await scopeKinds(caseId)).toEqual(['process']);
  });

  it('given a non-interrupting deadline timer on a multi-instance task, when the deadlines pass and the instances then finish, then each urge path runs in the process scope and outlives its instance', async () => {
    h.clock.set('2024-03-04T02:00:00Z');
    const caseId = await h.start('deadlineClaims', { departments: ['market', 'health'] });
    expect((await h.jobs(caseId)).map((j) => j.due_at)).toEqual(['2024-03-05T16:00:00.000Z', '2024-03-05T16:00:00.000Z']);
    await h.advanceTo('2024-03-05T16:00:00Z');
    expect((await h.tasks(caseId)).map((t) => [t.element_id, t.status]).sort()).toEqual([
      ['claim', 'open'],
      ['claim', 'open'],
      ['urge', 'open'],
      ['urge', 'open'],
    ]);
    const urgeTokens = (await h.caseRow(caseId)).state.tokens.filter((t) => t.elementId === 'urge');
    expect(urgeTokens.map((t) => t.scopeId)).toEqual(['s0', 's0']);

    const open = await openByDept(caseId, 'claim');
    await h.complete(open.market!);
    await h.complete(open.health!, {}, 'health-staff');
    expect(Object.keys(await openByDept(caseId, 'after'))).toEqual(['bureau']);
    for (const t of (await h.tasks(caseId, 'open')).filter((t) => t.element_id === 'urge')) await h.complete(t.id, {}, 'bureau-staff');
    await h.complete((await h.openTask(caseId, 'after')).id, {}, 'bureau-staff');
    const row = await h.caseRow(caseId);
    expect(row.status).toBe('completed');
    expect(row.state).toMatchObject({ tokens: [], scopes: [{ kind: 'process' }] });
  });

  it('given a multi-instance call activity, when each child completes and the resume jobs run, then one child per item was linked and the parent moves on', async () => {
    const parent = await h.start('miCall', { departments: ['market', 'health'], licence: 'L-1' });
    const links = await h.links(parent);
    expect(links.map((l) => [l.kind, l.element_id])).toEqual([
      ['call', 'call'],
      ['call', 'call'],
    ]);
    const children = links.map((l) => l.to_case_id);
    const variables = await Promise.all(children.map(async (c) => (await h.caseRow(c)).variables));
    expect(variables.sort((a, b) => String(a.dept).localeCompare(String(b.dept)))).toEqual([
      { dept: 'health', licence: 'L-1' },
      { dept: 'market', licence: 'L-1' },
    ]);

    for (const child of children) {
      const review = await h.openTask(child, 'review');
      await h.complete(review.id, {}, `${await deptOf(review.id)}-staff`);
    }
    expect(await h.tasks(parent)).toEqual([]);
    await h.runDueJobs();
    expect(Object.keys(await openByDept(parent, 'after'))).toEqual(['bureau']);
    expect(await scopeKinds(parent)).toEqual(['process']);
  });
});
