import { ENGINE_JOBS } from '../../../platform/src/engine/runtime/engine-deps';
import { bpmnProcess, endAfter, EngineHarness, flow, userTaskOf } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'boundaryForm';
const task = userTaskOf(FORM);
const boundary = (id: string, on: string, interrupting: boolean, definition: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${on}" cancelActivity="${interrupting}">${definition}</bpmn:boundaryEvent>`;
const timer = (inner: string) => `<bpmn:timerEventDefinition>${inner}</bpmn:timerEventDefinition>`;

/** review → after, with one boundary on review leading to `handler`. */
const onReview = (key: string, boundaryXml: string, extra = '') =>
  bpmnProcess(
    key,
    `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'review')}
     ${task('review')} ${flow('f1', 'review', 'after')} ${task('after')} ${endAfter('after')}
     ${boundaryXml} ${flow('f2', 'fired', 'handler')} ${task('handler', 'bureau')} ${endAfter('handler')}`,
    extra,
  );

const MESSAGES = '<bpmn:message id="Msg_Withdrawn" name="application-withdrawn" cm:correlationKey="=applicationNo"/><bpmn:message id="Msg_Supplement" name="supplement-filed" cm:correlationKey="=applicationNo"/>';

const ERRORS = '<bpmn:error id="Err_Refused" errorCode="REFUSED"/><bpmn:error id="Err_Incomplete" errorCode="INCOMPLETE"/>';

/** A review subprocess whose outcome may end it with an error; a catch-all boundary is listed before the specific one. */
const ERROR_REVIEW = bpmnProcess(
  'errorReview',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'review')}
   <bpmn:subProcess id="review">
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'check')}
     ${task('check')} ${flow('s1', 'check', 'outcome')}
     <bpmn:exclusiveGateway id="outcome" default="toOk"/>
     ${flow('toRefused', 'outcome', 'refusedEnd', 'outcome = "refused"')}
     ${flow('toIncomplete', 'outcome', 'incompleteEnd', 'outcome = "incomplete"')}
     ${flow('toOk', 'outcome', 'okEnd')}
     <bpmn:endEvent id="refusedEnd"><bpmn:errorEventDefinition errorRef="Err_Refused"/></bpmn:endEvent>
     <bpmn:endEvent id="incompleteEnd"><bpmn:errorEventDefinition errorRef="Err_Incomplete"/></bpmn:endEvent>
     <bpmn:endEvent id="okEnd"/>
   </bpmn:subProcess>
   ${boundary('anyError', 'review', true, '<bpmn:errorEventDefinition/>')}
   ${boundary('refused', 'review', true, '<bpmn:errorEventDefinition errorRef="Err_Refused"/>')}
   ${flow('f1', 'anyError', 'handleOther')} ${task('handleOther', 'bureau')} ${endAfter('handleOther')}
   ${flow('f2', 'refused', 'recordRefusal')} ${task('recordRefusal', 'bureau')} ${endAfter('recordRefusal')}
   ${flow('f3', 'review', 'approved')} ${task('approved', 'bureau')} ${endAfter('approved')}`,
  ERRORS,
);

/** The same error with nobody to catch it, while another branch is open. */
const UNCAUGHT_ERROR = bpmnProcess(
  'uncaughtError',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'fork')}
   <bpmn:parallelGateway id="fork"/> ${flow('f1', 'fork', 'review')} ${flow('f2', 'fork', 'beside')}
   <bpmn:subProcess id="review">
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'check')}
     ${task('check')} ${flow('s1', 'check', 'refusedEnd')}
     <bpmn:endEvent id="refusedEnd"><bpmn:errorEventDefinition errorRef="Err_Refused"/></bpmn:endEvent>
   </bpmn:subProcess>
   ${endAfter('review')} ${task('beside', 'health')} ${endAfter('beside')}`,
  ERRORS,
);

/** An escalation end event inside a subprocess, caught by an interrupting boundary. */
const ESCALATION_END = bpmnProcess(
  'escalationEnd',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'review')}
   <bpmn:subProcess id="review">
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'fork')}
     <bpmn:parallelGateway id="fork"/> ${flow('s1', 'fork', 'check')} ${flow('s2', 'fork', 'other')}
     ${task('check')} ${task('other')}
     ${flow('s3', 'check', 'giveUp')} ${endAfter('other', 'otherEnd')}
     <bpmn:endEvent id="giveUp"><bpmn:escalationEventDefinition escalationRef="Esc_Leader"/></bpmn:endEvent>
   </bpmn:subProcess>
   ${boundary('escalated', 'review', true, '<bpmn:escalationEventDefinition escalationRef="Esc_Leader"/>')}
   ${flow('f1', 'escalated', 'leader')} ${task('leader', 'bureau')} ${endAfter('leader')}
   ${flow('f2', 'review', 'after')} ${task('after')} ${endAfter('after')}`,
  '<bpmn:escalation id="Esc_Leader" escalationCode="LEADER"/>',
);

/** A timer on a whole subprocess: when it fires, every task inside is cancelled. */
const SUB_TIMEOUT = bpmnProcess(
  'subTimeout',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'work')}
   <bpmn:subProcess id="work">
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'fork')}
     <bpmn:parallelGateway id="fork"/> ${flow('s1', 'fork', 'a')} ${flow('s2', 'fork', 'b')}
     ${task('a')} ${task('b', 'health')} ${endAfter('a')} ${endAfter('b')}
   </bpmn:subProcess>
   ${boundary('timeout', 'work', true, timer('<bpmn:timeDuration>1WD</bpmn:timeDuration>'))}
   ${flow('f1', 'timeout', 'late')} ${task('late', 'bureau')} ${endAfter('late')}
   ${endAfter('work')}`,
);

const DEADLINE = bpmnProcess(
  'deadline',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'claim')}
   ${task('claim', 'market', 'cm:deadline="3WD"')} ${endAfter('claim')}
   ${boundary('overdue', 'claim', false, '<bpmn:timerEventDefinition cm:atTaskDeadline="true"/>')}
   ${flow('f1', 'overdue', 'urge')}
   <bpmn:serviceTask id="urge" cm:action="notify"><bpmn:extensionElements><cm:ioMapping>
     <cm:input name="departments" expression="=[&quot;bureau&quot;]"/><cm:input name="title" expression="&quot;超期未认领&quot;"/>
   </cm:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
   ${endAfter('urge')}`,
);

describe(`engine: boundary events (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM);
    const defs = [
      onReview('timerInterrupting', boundary('fired', 'review', true, timer('<bpmn:timeDuration>PT2H</bpmn:timeDuration>'))),
      onReview('timerReminder', boundary('fired', 'review', false, timer('<bpmn:timeDuration>PT2H</bpmn:timeDuration>'))),
      onReview('timerCycle', boundary('fired', 'review', false, timer('<bpmn:timeCycle>R/2024-03-05T09:00:00+08:00/P1D</bpmn:timeCycle>'))),
      onReview('messageInterrupting', boundary('fired', 'review', true, '<bpmn:messageEventDefinition messageRef="Msg_Withdrawn"/>'), MESSAGES),
      onReview('messageNonInterrupting', boundary('fired', 'review', false, '<bpmn:messageEventDefinition messageRef="Msg_Supplement"/>'), MESSAGES),
      ERROR_REVIEW,
      UNCAUGHT_ERROR,
      ESCALATION_END,
      SUB_TIMEOUT,
      DEADLINE,
    ];
    for (const xml of defs) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  const byElement = async (caseId: string) => Object.fromEntries((await h.tasks(caseId)).map((t) => [t.element_id, t.status]));
  const openElements = async (caseId: string) => (await h.tasks(caseId)).filter((t) => t.status === 'open').map((t) => t.element_id).sort();
  const timerJobs = async (caseId: string) => (await h.jobs(caseId)).filter((j) => j.type === ENGINE_JOBS.timer).map((j) => j.due_at);

  describe('timer', () => {
    it('given an interrupting timer on a task, when it fires, then the task is cancelled and the case continues from the boundary', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timerInterrupting');
      expect(await timerJobs(caseId)).toEqual(['2024-03-04T04:00:00.000Z']);
      await h.advanceTo('2024-03-04T04:00:00Z');
      expect(await byElement(caseId)).toEqual({ review: 'cancelled', handler: 'open' });
      expect((await h.caseRow(caseId)).state.tokens.map((t) => t.elementId)).toEqual(['handler']);
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['timer.fired', 'boundary.triggered', 'task.cancelled', 'element.cancelled']));
    });

    it('given an interrupting timer on a task, when the task is completed first, then the timer is disarmed and never fires', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timerInterrupting');
      await h.complete((await h.openTask(caseId, 'review')).id);
      expect(await h.jobs(caseId)).toEqual([]);
      await h.advanceTo('2024-03-04T05:00:00Z');
      expect(await byElement(caseId)).toEqual({ review: 'completed', after: 'open' });
    });

    it('given a non-interrupting timer on a task, when it fires, then a reminder path starts, the task stays open, and the timer fires only once', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timerReminder');
      await h.advanceTo('2024-03-04T04:00:00Z');
      expect(await byElement(caseId)).toEqual({ review: 'open', handler: 'open' });
      expect(await h.jobs(caseId)).toEqual([]);
      const review = (await h.caseRow(caseId)).state.tokens.find((t) => t.elementId === 'review');
      expect(review?.boundary ?? []).toEqual([]);

      await h.complete((await h.openTask(caseId, 'review')).id);
      expect(await openElements(caseId)).toEqual(['after', 'handler']);
    });

    it('given a non-interrupting cycle timer on a task, when it fires, then it re-arms for the next occurrence until the task is done', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timerCycle');
      expect(await timerJobs(caseId)).toEqual(['2024-03-05T01:00:00.000Z']);

      await h.advanceTo('2024-03-05T01:00:00Z');
      expect((await h.tasks(caseId)).filter((t) => t.element_id === 'handler')).toHaveLength(1);
      expect(await timerJobs(caseId)).toEqual(['2024-03-06T01:00:00.000Z']);

      await h.advanceTo('2024-03-06T01:00:00Z');
      expect((await h.tasks(caseId)).filter((t) => t.element_id === 'handler')).toHaveLength(2);

      await h.complete((await h.openTask(caseId, 'review')).id);
      expect(await timerJobs(caseId)).toEqual([]);
    });

    it('given an interrupting timer on a subprocess, when it fires, then every task inside is cancelled and the subprocess scope is gone', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('subTimeout');
      expect(await openElements(caseId)).toEqual(['a', 'b']);
      await h.complete((await h.openTask(caseId, 'a')).id);
      await h.advanceTo('2024-03-05T16:00:00Z');
      expect(await byElement(caseId)).toEqual({ a: 'completed', b: 'cancelled', late: 'open' });
      const row = await h.caseRow(caseId);
      expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);
      expect(row.state.tokens.map((t) => t.elementId)).toEqual(['late']);
    });
  });

  describe('message', () => {
    it('given an interrupting message boundary, when the message arrives, then the task is cancelled and the boundary path starts', async () => {
      const caseId = await h.start('messageInterrupting', { applicationNo: 'A-1' });
      expect(await h.subscriptions(caseId)).toEqual([{ element_id: 'fired', message_name: 'application-withdrawn', correlation_key: 'A-1' }]);
      expect((await h.correlate('application-withdrawn', 'A-1', { reason: '申请人撤回' })).correlated).toEqual([caseId]);
      expect(await byElement(caseId)).toEqual({ review: 'cancelled', handler: 'open' });
      expect((await h.caseRow(caseId)).variables).toEqual({ applicationNo: 'A-1', reason: '申请人撤回' });
      expect(await h.subscriptions(caseId)).toEqual([]);
    });

    it('given a non-interrupting message boundary, when the message arrives twice, then each starts a path, the task stays, and completing it removes the subscription', async () => {
      const caseId = await h.start('messageNonInterrupting', { applicationNo: 'A-2' });
      await h.correlate('supplement-filed', 'A-2', { page: 1 });
      await h.correlate('supplement-filed', 'A-2', { page: 2 });
      const tasks = await h.tasks(caseId);
      expect(tasks.map((t) => [t.element_id, t.status]).sort()).toEqual([
        ['handler', 'open'],
        ['handler', 'open'],
        ['review', 'open'],
      ]);
      expect((await h.caseRow(caseId)).variables).toEqual({ applicationNo: 'A-2', page: 2 });
      expect(await h.subscriptions(caseId)).toHaveLength(1);

      await h.complete((await h.openTask(caseId, 'review')).id);
      expect(await h.subscriptions(caseId)).toEqual([]);
      expect((await h.correlate('supplement-filed', 'A-2', { page: 3 })).correlated).toEqual([]);
    });
  });

  describe('error and escalation', () => {
    it('given an error end with a code that a specific boundary catches, when it is thrown, then that boundary wins over the catch-all listed before it', async () => {
      const caseId = await h.start('errorReview', { outcome: 'refused' });
      await h.complete((await h.openTask(caseId, 'check')).id);
      expect(await byElement(caseId)).toEqual({ check: 'completed', recordRefusal: 'open' });
      const row = await h.caseRow(caseId);
      expect(row.status).toBe('active');
      expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['error.thrown', 'boundary.triggered']));
    });

    it('given an error code no specific boundary names, when it is thrown, then the catch-all boundary catches it', async () => {
      const caseId = await h.start('errorReview', { outcome: 'incomplete' });
      await h.complete((await h.openTask(caseId, 'check')).id);
      expect(await byElement(caseId)).toEqual({ check: 'completed', handleOther: 'open' });
    });

    it('given no error, when the subprocess ends normally, then the case leaves by the normal flow', async () => {
      const caseId = await h.start('errorReview', { outcome: 'ok' });
      await h.complete((await h.openTask(caseId, 'check')).id);
      expect(await byElement(caseId)).toEqual({ check: 'completed', approved: 'open' });
    });

    it('given an error nobody catches, when it is thrown, then the case fails and every other open task is cancelled', async () => {
      const caseId = await h.start('uncaughtError');
      await h.complete((await h.openTask(caseId, 'check')).id);
      const row = await h.caseRow(caseId);
      expect(row.status).toBe('failed');
      expect(row.state.tokens).toEqual([]);
      expect(await byElement(caseId)).toEqual({ check: 'completed', beside: 'cancelled' });
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['error.thrown', 'case.failed']));
    });

    it('given an escalation end event caught by an interrupting boundary, when it is reached, then the subprocess is cancelled and the escalation path starts', async () => {
      const caseId = await h.start('escalationEnd');
      await h.complete((await h.openTask(caseId, 'check')).id);
      expect(await byElement(caseId)).toEqual({ check: 'completed', other: 'cancelled', leader: 'open' });
      const row = await h.caseRow(caseId);
      expect(row.status).toBe('active');
      expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);
      expect(row.state.tokens.map((t) => t.elementId)).toEqual(['leader']);
    });
  });

  describe('at the task deadline', () => {
    it('given a timer at a 3WD deadline, when the due day becomes a holiday, then the task and its timer move a day later and the change is audited', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('deadline');
      const claim = await h.openTask(caseId, 'claim');
      expect(claim.due_at).toBe('2024-03-07T16:00:00.000Z');
      expect(await timerJobs(caseId)).toEqual(['2024-03-07T16:00:00.000Z']);

      const { version } = await h.services.calendars.current(h.em(), h.tenantId, 'cn-statutory');
      await h.services.calendars.addDay(
        h.em(),
        { tenantId: h.tenantId, key: 'cn-statutory', expectedVersion: version.version, note: '县级临时休息日', actor: h.actor },
        'holiday',
        { date: '2024-03-06', name: '临时休息日', source: 'test' },
      );

      // Tuesday 5, (Wednesday 6 is now off), Thursday 7, Friday 8.
      expect((await h.openTask(caseId, 'claim')).due_at).toBe('2024-03-08T16:00:00.000Z');
      expect(await timerJobs(caseId)).toEqual(['2024-03-08T16:00:00.000Z']);
      const [audit] = await h.query<{ payload: { moved: { id: string; from: string; to: string }[] } }>(
        "select payload from audit_event where tenant_id = ? and action = 'deadline.recomputed' order by seq desc limit 1",
        [h.tenantId],
      );
      expect(audit!.payload.moved).toEqual([{ id: claim.id, from: '2024-03-07T16:00:00.000Z', to: '2024-03-08T16:00:00.000Z' }]);

      expect(await h.advanceTo('2024-03-07T16:00:00Z')).toBe(0);
      await h.advanceTo('2024-03-08T16:00:00Z');
      expect((await h.query<{ title: string }>('select title from notification where case_id = ?', [caseId])).map((n) => n.title)).toEqual(['超期未认领']);
      expect((await h.openTask(caseId, 'claim')).status).toBe('open');
    });
  });
});
