import { ENGINE_JOBS } from '../../../platform/src/engine/runtime/engine-deps';
import { bpmnProcess, endAfter, EngineHarness, flow, userTaskOf } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'eventForm';
const task = userTaskOf(FORM);
const timerCatch = (id: string, timer: string) => `<bpmn:intermediateCatchEvent id="${id}"><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`;

const DECISION_MESSAGE = '<bpmn:message id="Msg_Decision" name="decision-made" cm:correlationKey="=licenceNo"/>';

const TIMER_WORKING_DAYS = bpmnProcess(
  'timerWorkingDays',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'wait')}
   ${timerCatch('wait', '<bpmn:timeDuration>2WD</bpmn:timeDuration>')}
   ${flow('f1', 'wait', 'after')} ${task('after')} ${endAfter('after')}`,
);

const TIMER_DATE = bpmnProcess(
  'timerDate',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'wait')}
   ${timerCatch('wait', '<bpmn:timeDate>2024-03-10T09:00:00+08:00</bpmn:timeDate>')}
   ${flow('f1', 'wait', 'after')} ${task('after')} ${endAfter('after')}`,
);

const TIMER_FEEL = bpmnProcess(
  'timerFeel',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'pauseFor')}
   ${timerCatch('pauseFor', '<bpmn:timeDuration>=pause</bpmn:timeDuration>')}
   ${flow('f1', 'pauseFor', 'remind')}
   ${timerCatch('remind', '<bpmn:timeDate>=remindAt</bpmn:timeDate>')}
   ${flow('f2', 'remind', 'after')} ${task('after')} ${endAfter('after')}`,
);

const AWAIT_DECISION = bpmnProcess(
  'awaitDecision',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'decision')}
   <bpmn:intermediateCatchEvent id="decision">
     <bpmn:extensionElements><cm:ioMapping><cm:output name="result" expression="=decision"/></cm:ioMapping></bpmn:extensionElements>
     <bpmn:messageEventDefinition messageRef="Msg_Decision"/>
   </bpmn:intermediateCatchEvent>
   ${flow('f1', 'decision', 'after')} ${task('after')} ${endAfter('after')}`,
  DECISION_MESSAGE,
);

const THROW_DECISION = bpmnProcess(
  'throwDecision',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'announce')}
   <bpmn:intermediateThrowEvent id="announce">
     <bpmn:extensionElements><cm:ioMapping><cm:input name="decision" expression="=verdict"/></cm:ioMapping></bpmn:extensionElements>
     <bpmn:messageEventDefinition messageRef="Msg_Decision"/>
   </bpmn:intermediateThrowEvent>
   ${flow('f1', 'announce', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
  DECISION_MESSAGE,
);

const OPENER = bpmnProcess(
  'opener',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'open')}
   <bpmn:intermediateThrowEvent id="open">
     <bpmn:extensionElements><cm:ioMapping><cm:input name="subject" expression="=subject"/></cm:ioMapping></bpmn:extensionElements>
     <bpmn:messageEventDefinition messageRef="Msg_Opened"/>
   </bpmn:intermediateThrowEvent>
   ${endAfter('open')}`,
  '<bpmn:message id="Msg_Opened" name="inspection-requested"/>',
);

const OPENED = bpmnProcess(
  'openedByMessage',
  `<bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="Msg_Opened"/></bpmn:startEvent>
   ${flow('f0', 'received', 'inspect')} ${task('inspect', 'health')} ${endAfter('inspect')}`,
  '<bpmn:message id="Msg_Opened" name="inspection-requested"/>',
);

const ESCALATION = '<bpmn:escalation id="Esc_Meeting" escalationCode="MEETING"/><bpmn:escalation id="Esc_Other" escalationCode="OTHER"/>';

/** A review that asks for a special meeting without stopping (the meeting runs beside the review). */
const ESCALATING = bpmnProcess(
  'escalating',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'review')}
   <bpmn:subProcess id="review">
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'draft')}
     ${task('draft')} ${flow('s1', 'draft', 'askMeeting')}
     <bpmn:intermediateThrowEvent id="askMeeting"><bpmn:escalationEventDefinition escalationRef="Esc_Meeting"/></bpmn:intermediateThrowEvent>
     ${flow('s2', 'askMeeting', 'finish')} ${task('finish')} ${endAfter('finish', 'subEnd')}
   </bpmn:subProcess>
   <bpmn:boundaryEvent id="meetingAsked" attachedToRef="review" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Esc_Meeting"/></bpmn:boundaryEvent>
   ${flow('f1', 'meetingAsked', 'meeting')} ${task('meeting', 'bureau')} ${endAfter('meeting')}
   ${flow('f2', 'review', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
  ESCALATION,
);

/** The only boundary listens for another code: the escalation is not caught and the path goes on. */
const ESCALATING_UNCAUGHT = bpmnProcess(
  'escalatingUncaught',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'review')}
   <bpmn:subProcess id="review">
     <bpmn:startEvent id="subStart"/> ${flow('s0', 'subStart', 'askMeeting')}
     <bpmn:intermediateThrowEvent id="askMeeting"><bpmn:escalationEventDefinition escalationRef="Esc_Meeting"/></bpmn:intermediateThrowEvent>
     ${flow('s1', 'askMeeting', 'finish')} ${task('finish')} ${endAfter('finish', 'subEnd')}
   </bpmn:subProcess>
   <bpmn:boundaryEvent id="otherAsked" attachedToRef="review" cancelActivity="false"><bpmn:escalationEventDefinition escalationRef="Esc_Other"/></bpmn:boundaryEvent>
   ${flow('f1', 'otherAsked', 'other')} ${task('other', 'bureau')} ${endAfter('other')}
   ${endAfter('review')}`,
  ESCALATION,
);

describe(`engine: intermediate events (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM);
    for (const xml of [TIMER_WORKING_DAYS, TIMER_DATE, TIMER_FEEL, AWAIT_DECISION, THROW_DECISION, OPENER, OPENED, ESCALATING, ESCALATING_UNCAUGHT]) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  const openElements = async (caseId: string) => (await h.tasks(caseId)).filter((t) => t.status === 'open').map((t) => t.element_id).sort();
  const timerDue = async (caseId: string) => (await h.jobs(caseId)).filter((j) => j.type === ENGINE_JOBS.timer).map((j) => j.due_at);

  describe('timer catch', () => {
    it('given a 2 working-day wait started before Qingming, when time passes, then it fires at the end of the second working day and not a second earlier', async () => {
      h.clock.set('2024-04-03T02:00:00Z');
      const caseId = await h.start('timerWorkingDays');
      // 4-6 April are holidays; Sunday 7 April is a make-up working day; so the 8th ends the wait.
      expect(await timerDue(caseId)).toEqual(['2024-04-08T16:00:00.000Z']);
      expect(await h.advanceTo('2024-04-08T15:59:59Z')).toBe(0);
      expect(await openElements(caseId)).toEqual([]);

      await h.advanceTo('2024-04-08T16:00:00Z');
      expect(await openElements(caseId)).toEqual(['after']);
      expect(await timerDue(caseId)).toEqual([]);
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['timer.armed', 'timer.fired']));
    });

    it('given a fixed timeDate, when the case waits, then the timer is due at that instant and fires then', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timerDate');
      expect(await timerDue(caseId)).toEqual(['2024-03-10T01:00:00.000Z']);
      await h.advanceTo('2024-03-10T01:00:00Z');
      expect(await openElements(caseId)).toEqual(['after']);
    });

    it('given a FEEL duration and a FEEL date, when the case runs, then each timer is computed from the case variables', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timerFeel', { pause: 'PT4H', remindAt: '2024-03-05T09:30:00+08:00' });
      expect(await timerDue(caseId)).toEqual(['2024-03-04T06:00:00.000Z']);
      await h.advanceTo('2024-03-04T06:00:00Z');
      expect(await timerDue(caseId)).toEqual(['2024-03-05T01:30:00.000Z']);
      await h.advanceTo('2024-03-05T01:30:00Z');
      expect(await openElements(caseId)).toEqual(['after']);
    });

    it('given a FEEL timeDate that is not a date, when the timer before it fires, then the job fails naming the timer, the case stays put, and after its retries an incident is recorded', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timerFeel', { pause: 'PT1H', remindAt: 'tomorrow' });
      const before = await h.caseRow(caseId);
      for (let hour = 3; hour <= 7; hour++) await h.advanceTo(`2024-03-04T0${hour}:00:00Z`);
      expect(await h.caseRow(caseId)).toEqual(before);
      expect((await h.jobs(caseId)).map((j) => [j.status, j.payload.elementId])).toEqual([['failed', 'pauseFor']]);
      const incidents = await h.incidents();
      expect(incidents).toHaveLength(1);
      expect(incidents[0]!.error).toMatch(/remind: timeDate is not a date-time: "tomorrow"/);
    });
  });

  describe('message catch and throw', () => {
    it('given a case waiting for a decision under its licence number, when a message with another key arrives, then it does not correlate; with its own key it does', async () => {
      const caseId = await h.start('awaitDecision', { licenceNo: 'L-7' });
      expect(await h.subscriptions(caseId)).toEqual([{ element_id: 'decision', message_name: 'decision-made', correlation_key: 'L-7' }]);

      expect(await h.correlate('decision-made', 'L-8', { decision: 'wrong case' })).toEqual({ correlated: [], started: [] });
      expect((await h.caseRow(caseId)).variables).toEqual({ licenceNo: 'L-7' });
      expect(await h.subscriptions(caseId)).toHaveLength(1);

      expect(await h.correlate('decision-made', 'L-7', { decision: '吊销许可证件' })).toEqual({ correlated: [caseId], started: [] });
      expect((await h.caseRow(caseId)).variables).toEqual({ licenceNo: 'L-7', result: '吊销许可证件' });
      expect(await openElements(caseId)).toEqual(['after']);
      expect(await h.subscriptions(caseId)).toEqual([]);
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['message.subscribed', 'message.correlated']));
    });

    it('given a throwing case and a waiting case with the same key, when the publish job runs, then the waiting case receives the thrown payload', async () => {
      const waiting = await h.start('awaitDecision', { licenceNo: 'L-9' });
      const thrower = await h.start('throwDecision', { licenceNo: 'L-9', verdict: '责令停产停业' });
      expect(await openElements(thrower)).toEqual(['after']);
      expect((await h.jobs(thrower)).map((j) => [j.type, j.payload.name, j.payload.correlationKey])).toEqual([[ENGINE_JOBS.publishMessage, 'decision-made', 'L-9']]);
      expect((await h.caseRow(waiting)).variables).toEqual({ licenceNo: 'L-9' });

      await h.runDueJobs();
      expect((await h.caseRow(waiting)).variables).toEqual({ licenceNo: 'L-9', result: '责令停产停业' });
      expect(await openElements(waiting)).toEqual(['after']);
      expect(await h.jobs(thrower)).toEqual([]);
    });

    it('given a throw whose message starts another procedure, when the publish job runs, then a case starts with the payload and is linked to the thrower', async () => {
      const thrower = await h.start('opener', { subject: '某某食品厂', unrelated: true });
      expect((await h.caseRow(thrower)).status).toBe('completed');
      expect(await h.casesOf('openedByMessage')).toEqual([]);

      await h.runDueJobs();
      const [started] = await h.casesOf('openedByMessage');
      expect(started).toBeDefined();
      expect((await h.caseRow(started!)).variables).toEqual({ subject: '某某食品厂' });
      expect(await openElements(started!)).toEqual(['inspect']);
      expect(await h.links(thrower)).toEqual([{ to_case_id: started, kind: 'message', element_id: 'received' }]);
    });
  });

  describe('escalation throw', () => {
    it('given a non-interrupting escalation boundary on the enclosing subprocess, when the escalation is thrown, then the meeting starts and the subprocess carries on', async () => {
      const caseId = await h.start('escalating');
      await h.complete((await h.openTask(caseId, 'draft')).id);
      expect(await openElements(caseId)).toEqual(['finish', 'meeting']);
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['escalation.thrown', 'boundary.triggered']));

      await h.complete((await h.openTask(caseId, 'finish')).id);
      expect(await openElements(caseId)).toEqual(['after', 'meeting']);
      await h.complete((await h.openTask(caseId, 'meeting')).id, {}, 'bureau-staff');
      await h.complete((await h.openTask(caseId, 'after')).id, {}, 'bureau-staff');
      const row = await h.caseRow(caseId);
      expect(row.status).toBe('completed');
      expect(row.state).toMatchObject({ tokens: [], scopes: [{ kind: 'process' }] });
    });

    it('given no boundary catches the escalation code, when it is thrown, then nothing is triggered and the path goes on', async () => {
      const caseId = await h.start('escalatingUncaught');
      expect(await openElements(caseId)).toEqual(['finish']);
      const actions = await h.auditActions(caseId);
      expect(actions).toContain('escalation.thrown');
      expect(actions).not.toContain('boundary.triggered');
    });
  });
});
