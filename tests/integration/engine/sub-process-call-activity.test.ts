import { ENGINE_JOBS } from '../../../platform/src/engine/runtime/engine-deps';
import { bpmnProcess, endAfter, EngineHarness, flow, userTaskOf } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';
import { fixtureXml } from '../../unit/engine/parse/bpmn-test-files';

jest.setTimeout(30_000);

const FORM = 'callForm';
const task = userTaskOf(FORM);
const io = (mappings: string) => `<bpmn:extensionElements><cm:ioMapping>${mappings}</cm:ioMapping></bpmn:extensionElements>`;

const EMBEDDED = bpmnProcess(
  'embedded',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'sub')}
   <bpmn:subProcess id="sub">
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'inner')}
     ${task('inner', '=dept')} ${endAfter('inner', 'subEnd')}
   </bpmn:subProcess>
   ${flow('f1', 'sub', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

/** Inputs of a subprocess are its local variables: visible inside, gone after, unless mapped out. */
const EMBEDDED_IO = bpmnProcess(
  'embeddedIo',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'sub')}
   <bpmn:subProcess id="sub">
     ${io('<cm:input name="reviewer" expression="=&quot;health&quot;"/><cm:output name="reviewedBy" expression="=reviewer"/>')}
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'inner')}
     ${task('inner', '=reviewer')} ${endAfter('inner', 'subEnd')}
   </bpmn:subProcess>
   ${flow('f1', 'sub', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

const CALLEE = bpmnProcess(
  'callee',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'review')}
   ${task('review', 'bureau', 'cm:deadline="=deadlineText"')} ${endAfter('review')}`,
);

const CALLER = bpmnProcess(
  'caller',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'call')}
   <bpmn:callActivity id="call" calledElement="callee">
     ${io(`<cm:input name="notice" expression="=notice"/>
           <cm:input name="deadlineText" expression="&quot;5WD&quot;"/>
           <cm:output name="reviewOpinion" expression="=opinion"/>
           <cm:output name="reviewPassed" expression="=approved = true"/>`)}
   </bpmn:callActivity>
   ${flow('f1', 'call', 'decide')} ${task('decide', 'bureau')} ${endAfter('decide')}`,
);

const INSTANT_CALLEE = bpmnProcess(
  'instantCallee',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'compute')}
   <bpmn:serviceTask id="compute" cm:action="setVariables">${io('<cm:input name="doubled" expression="=n * 2"/>')}</bpmn:serviceTask>
   ${endAfter('compute')}`,
);

const UNMAPPED_CALLER = bpmnProcess(
  'unmappedCaller',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'call')}
   <bpmn:callActivity id="call" calledElement="instantCallee"/>
   ${flow('f1', 'call', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

const TIMED_CALLER = bpmnProcess(
  'timedCaller',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'call')}
   <bpmn:callActivity id="call" calledElement="callee">${io('<cm:input name="deadlineText" expression="&quot;5WD&quot;"/>')}</bpmn:callActivity>
   <bpmn:boundaryEvent id="timeout" attachedToRef="call"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
   ${flow('f1', 'timeout', 'handleTimeout')} ${task('handleTimeout', 'bureau')} ${endAfter('handleTimeout')}
   ${endAfter('call')}`,
);

const FAILING_CHILD = bpmnProcess(
  'failingChild',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'check')}
   ${task('check')} ${flow('f1', 'check', 'refused')}
   <bpmn:endEvent id="refused"><bpmn:errorEventDefinition errorRef="Err_Refused"/></bpmn:endEvent>`,
  '<bpmn:error id="Err_Refused" errorCode="REFUSED"/>',
);

const CATCHING_CALLER = bpmnProcess(
  'catchingCaller',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'call')}
   <bpmn:callActivity id="call" calledElement="failingChild"/>
   <bpmn:boundaryEvent id="childFailed" attachedToRef="call"><bpmn:errorEventDefinition/></bpmn:boundaryEvent>
   ${flow('f1', 'childFailed', 'handleFailure')} ${task('handleFailure', 'bureau')} ${endAfter('handleFailure')}
   ${flow('f2', 'call', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

const EXPOSED_CALLER = bpmnProcess(
  'exposedCaller',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'fork')}
   <bpmn:parallelGateway id="fork"/> ${flow('f1', 'fork', 'call')} ${flow('f2', 'fork', 'beside')}
   <bpmn:callActivity id="call" calledElement="failingChild"/>
   ${endAfter('call')} ${task('beside', 'health')} ${endAfter('beside')}`,
);

describe(`engine: subprocesses and call activities (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM, { type: 'object', properties: { opinion: { type: 'string' }, approved: { type: 'boolean' } } });
    for (const xml of [EMBEDDED, EMBEDDED_IO, CALLEE, CALLER, INSTANT_CALLEE, UNMAPPED_CALLER, TIMED_CALLER, FAILING_CHILD, CATCHING_CALLER, EXPOSED_CALLER]) await h.publish(xml);
    // The parse fixture, with its bureau renamed to the test county's code and without its documentation pool
    // (publish-time lint refuses the pool's manual task even though the process is not executable).
    for (const form of ['amend-decision', 'review-opinion']) await h.publishForm(form);
    await h.publish(
      fixtureXml('call-activity.bpmn')
        .replaceAll('approval-bureau', 'bureau')
        .replace(/<bpmn:process id="documentation-pool"[\s\S]*?<\/bpmn:process>/, ''),
    );
  }, 60_000);
  afterAll(() => h.close());

  const byElement = async (caseId: string) => Object.fromEntries((await h.tasks(caseId)).map((t) => [t.element_id, t.status]));
  const childOf = async (caseId: string) => {
    const links = await h.links(caseId);
    expect(links).toHaveLength(1);
    return links[0]!;
  };

  describe('embedded subprocess', () => {
    it('given a subprocess, when the case enters it, then its tasks live in a child scope owned by the waiting subprocess token, and the scope goes when it completes', async () => {
      const caseId = await h.start('embedded', { dept: 'health' });
      const { state } = await h.caseRow(caseId);
      const subToken = state.tokens.find((t) => t.elementId === 'sub')!;
      const subScope = state.scopes.find((s) => s.kind === 'subProcess')!;
      expect(subScope).toMatchObject({ elementId: 'sub', ownerTokenId: subToken.id, parentScopeId: 's0' });
      expect(subToken.wait).toEqual({ kind: 'subProcess', ref: subScope.id });
      expect(state.tokens.find((t) => t.elementId === 'inner')!.scopeId).toBe(subScope.id);
      expect((await h.openTask(caseId, 'inner')).candidate_department_ids).toEqual([await h.departmentId('health')]);

      await h.complete((await h.openTask(caseId, 'inner')).id, { opinion: '内部意见' }, 'health-staff');
      const row = await h.caseRow(caseId);
      expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);
      expect(row.state.tokens.map((t) => t.elementId)).toEqual(['after']);
      expect(row.variables).toEqual({ dept: 'health', opinion: '内部意见' });
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['element.activated', 'element.completed']));
    });

    it('given subprocess input and output mappings, when it runs, then the inputs are local inside it and only the mapped outputs reach the case', async () => {
      const caseId = await h.start('embeddedIo', {});
      expect((await h.openTask(caseId, 'inner')).candidate_department_ids).toEqual([await h.departmentId('health')]);
      expect((await h.caseRow(caseId)).variables).toEqual({});

      await h.complete((await h.openTask(caseId, 'inner')).id, {}, 'health-staff');
      expect((await h.caseRow(caseId)).variables).toEqual({ reviewedBy: 'health' });
      expect(await byElement(caseId)).toEqual({ inner: 'completed', after: 'open' });
    });
  });

  describe('call activity', () => {
    it('given the expert-review fixture, when the expert gives an opinion, then the decision task sees the mapped opinion and verdict', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const parent = await h.start('amend-decision', { notice: { no: '函-7' } });
      const child = (await childOf(parent)).to_case_id;
      expect((await h.caseRow(child)).variables).toEqual({ notice: { no: '函-7' }, reviewDeadline: '5WD' });
      const opinion = await h.openTask(child, 'Review_Opinion');
      expect(opinion.due_at).toBe('2024-03-11T16:00:00.000Z');

      await h.complete(opinion.id, { opinion: { passed: true, text: '同意变更' } });
      await h.runDueJobs();
      const row = await h.caseRow(parent);
      expect(row.variables).toEqual({ notice: { no: '函-7' }, reviewOpinion: { passed: true, text: '同意变更' }, reviewPassed: true });
      expect((await h.openTask(parent, 'Task_Decide')).candidate_department_ids).toEqual([await h.departmentId('bureau')]);
    });

    it('given input and output mappings, when the child completes and the resume job runs, then the parent continues with only the mapped outputs', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const parent = await h.start('caller', { notice: '函告-1', secret: '不传给子案件' });
      const link = await childOf(parent);
      expect(link).toMatchObject({ kind: 'call', element_id: 'call' });
      const child = link.to_case_id;

      const childRow = await h.caseRow(child);
      expect(childRow.variables).toEqual({ notice: '函告-1', deadlineText: '5WD' });
      const parentRow = await h.caseRow(parent);
      const callToken = parentRow.state.tokens.find((t) => t.elementId === 'call')!;
      expect(callToken.wait).toEqual({ kind: 'call', ref: child });
      const [childCase] = await h.query<{ parent_case_id: string; parent_token_id: string }>('select parent_case_id, parent_token_id from case_instance where id = ?', [child]);
      expect(childCase).toEqual({ parent_case_id: parent, parent_token_id: callToken.id });
      expect((await h.openTask(child, 'review')).due_at).toBe('2024-03-11T16:00:00.000Z');
      expect(await h.tasks(parent)).toEqual([]);

      await h.complete((await h.openTask(child, 'review')).id, { opinion: '同意撤销', approved: true }, 'bureau-staff');
      expect((await h.caseRow(child)).status).toBe('completed');
      expect(await h.pendingJobs(parent)).toEqual([{ type: ENGINE_JOBS.resumeParent, status: 'pending' }]);
      expect(await h.tasks(parent)).toEqual([]);

      await h.runDueJobs();
      expect(await byElement(parent)).toEqual({ decide: 'open' });
      expect((await h.caseRow(parent)).variables).toEqual({ notice: '函告-1', secret: '不传给子案件', reviewOpinion: '同意撤销', reviewPassed: true });
    });

    it('given no mappings and a child that completes at once, when the resume job runs, then every visible variable went in and every child variable comes back', async () => {
      const parent = await h.start('unmappedCaller', { n: 21 });
      const child = (await childOf(parent)).to_case_id;
      expect((await h.caseRow(child)).status).toBe('completed');
      expect((await h.caseRow(parent)).state.tokens.map((t) => t.wait?.kind)).toEqual(['call']);

      await h.runDueJobs();
      expect((await h.caseRow(parent)).variables).toEqual({ n: 21, doubled: 42 });
      expect(await byElement(parent)).toEqual({ after: 'open' });
    });

    it('given an interrupting timer on a call activity, when it fires, then the child case is terminated, its task cancelled, and the parent takes the boundary path', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const parent = await h.start('timedCaller');
      const child = (await childOf(parent)).to_case_id;
      await h.advanceTo('2024-03-04T03:00:00Z');

      const childRow = await h.caseRow(child);
      expect(childRow.status).toBe('terminated');
      expect(childRow.state.tokens).toEqual([]);
      expect(await byElement(child)).toEqual({ review: 'cancelled' });
      expect(await h.auditActions(child)).toContain('case.terminated');
      expect(await byElement(parent)).toEqual({ handleTimeout: 'open' });

      // The terminated child's resume job finds nobody waiting and changes nothing.
      const before = await h.caseRow(parent);
      await h.runDueJobs();
      expect(await h.caseRow(parent)).toEqual(before);
      expect(await h.incidents()).toEqual([]);
    });

    it('given a child that fails with an error, when the parent has an error boundary on the call activity, then the parent takes it', async () => {
      const parent = await h.start('catchingCaller');
      const child = (await childOf(parent)).to_case_id;
      await h.complete((await h.openTask(child, 'check')).id);
      expect((await h.caseRow(child)).status).toBe('failed');

      await h.runDueJobs();
      const row = await h.caseRow(parent);
      expect(row.status).toBe('active');
      expect(row.state.tokens.map((t) => t.elementId)).toEqual(['handleFailure']);
      expect(await byElement(parent)).toEqual({ handleFailure: 'open' });
    });

    it('given a child that fails with an error, when the parent has no error boundary, then the parent fails too and its other tasks are cancelled', async () => {
      const parent = await h.start('exposedCaller');
      const child = (await childOf(parent)).to_case_id;
      await h.complete((await h.openTask(child, 'check')).id);
      await h.runDueJobs();
      const row = await h.caseRow(parent);
      expect(row.status).toBe('failed');
      expect(row.state.tokens).toEqual([]);
      expect(await byElement(parent)).toEqual({ beside: 'cancelled' });
      expect(await h.auditActions(parent)).toContain('case.failed');
    });
  });
});
