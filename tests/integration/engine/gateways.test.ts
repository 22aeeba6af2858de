import { ENGINE_JOBS } from '../../../platform/src/engine/runtime/engine-deps';
import { bpmnProcess, endAfter, EngineHarness, flow, userTaskOf } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'gatewayForm';
const task = userTaskOf(FORM);

const EXCLUSIVE = bpmnProcess(
  'exclusive',
  `<bpmn:startEvent id="start"/>
   ${flow('f0', 'start', 'size')}
   <bpmn:exclusiveGateway id="size" default="toSmall"/>
   ${flow('toBig', 'size', 'big', 'amount &gt; 100')}
   ${flow('toMedium', 'size', 'medium', 'amount &gt; 10')}
   ${flow('toSmall', 'size', 'small')}
   ${task('big')} ${task('medium')} ${task('small')}
   ${endAfter('big')} ${endAfter('medium')} ${endAfter('small')}`,
);

/** No default flow: a kind nobody modelled has nowhere to go. */
const STRICT = bpmnProcess(
  'strict',
  `<bpmn:startEvent id="start"/>
   ${flow('f0', 'start', 'route')}
   <bpmn:exclusiveGateway id="route"/>
   ${flow('toA', 'route', 'a', 'kind = "a"')}
   ${flow('toB', 'route', 'b', 'kind = "b"')}
   ${task('a')} ${task('b')} ${endAfter('a')} ${endAfter('b')}`,
);

const STRICT_LATER = bpmnProcess(
  'strictLater',
  `<bpmn:startEvent id="start"/>
   ${flow('f0', 'start', 'decide')}
   ${task('decide')}
   ${flow('f1', 'decide', 'route')}
   <bpmn:exclusiveGateway id="route"/>
   ${flow('toA', 'route', 'a', 'kind = "a"')}
   ${flow('toB', 'route', 'b', 'kind = "b"')}
   ${task('a')} ${task('b')} ${endAfter('a')} ${endAfter('b')}`,
);

const PARALLEL = bpmnProcess(
  'parallel',
  `<bpmn:startEvent id="start"/>
   ${flow('f0', 'start', 'fork')}
   <bpmn:parallelGateway id="fork"/>
   ${flow('toA', 'fork', 'a')} ${flow('toB', 'fork', 'b')}
   ${task('a')} ${task('b', 'health')}
   ${flow('fromA', 'a', 'join')} ${flow('fromB', 'b', 'join')}
   <bpmn:parallelGateway id="join"/>
   ${flow('toC', 'join', 'c')}
   ${task('c', 'bureau')} ${endAfter('c')}`,
);

/** Both branches are automatic, so both tokens reach the join in the same command. */
const PARALLEL_AUTO = bpmnProcess(
  'parallelAuto',
  `<bpmn:startEvent id="start"/>
   ${flow('f0', 'start', 'fork')}
   <bpmn:parallelGateway id="fork"/>
   ${flow('toX', 'fork', 'x')} ${flow('toY', 'fork', 'y')}
   <bpmn:serviceTask id="x" cm:action="setVariables"><bpmn:extensionElements><cm:ioMapping><cm:input name="x" expression="1"/></cm:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
   <bpmn:serviceTask id="y" cm:action="setVariables"><bpmn:extensionElements><cm:ioMapping><cm:input name="y" expression="2"/></cm:ioMapping></bpmn:extensionElements></bpmn:serviceTask>
   ${flow('fromX', 'x', 'join')} ${flow('fromY', 'y', 'join')}
   <bpmn:parallelGateway id="join"/>
   ${flow('toC', 'join', 'c')}
   ${task('c')} ${endAfter('c')}`,
);

const INCLUSIVE = bpmnProcess(
  'inclusive',
  `<bpmn:startEvent id="start"/>
   ${flow('f0', 'start', 'fork')}
   <bpmn:inclusiveGateway id="fork" default="toC"/>
   ${flow('toA', 'fork', 'a', 'needsA')}
   ${flow('toB', 'fork', 'b', 'needsB')}
   ${flow('toC', 'fork', 'c')}
   ${task('a')} ${task('b', 'health')} ${task('c', 'bureau')}
   ${flow('fromA', 'a', 'join')} ${flow('fromB', 'b', 'join')} ${flow('fromC', 'c', 'join')}
   <bpmn:inclusiveGateway id="join"/>
   ${flow('toD', 'join', 'd')}
   ${task('d', 'bureau')} ${endAfter('d')}`,
);

const EVENT_BASED = bpmnProcess(
  'eventBased',
  `<bpmn:startEvent id="start"/>
   ${flow('f0', 'start', 'waitFirst')}
   <bpmn:eventBasedGateway id="waitFirst"/>
   ${flow('toReply', 'waitFirst', 'reply')} ${flow('toTimeout', 'waitFirst', 'timeout')}
   <bpmn:intermediateCatchEvent id="reply">
     <bpmn:extensionElements><cm:ioMapping><cm:output name="answer" expression="=text"/></cm:ioMapping></bpmn:extensionElements>
     <bpmn:messageEventDefinition messageRef="Msg_Reply"/>
   </bpmn:intermediateCatchEvent>
   <bpmn:intermediateCatchEvent id="timeout">
     <bpmn:timerEventDefinition><bpmn:timeDuration>2WD</bpmn:timeDuration></bpmn:timerEventDefinition>
   </bpmn:intermediateCatchEvent>
   ${flow('f1', 'reply', 'handleReply')} ${flow('f2', 'timeout', 'chase')}
   ${task('handleReply')} ${task('chase', 'bureau')}
   ${endAfter('handleReply')} ${endAfter('chase')}`,
  '<bpmn:message id="Msg_Reply" name="reply-received" cm:correlationKey="=ref"/>',
);

describe(`engine: gateways (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM);
    for (const xml of [EXCLUSIVE, STRICT, STRICT_LATER, PARALLEL, PARALLEL_AUTO, INCLUSIVE, EVENT_BASED]) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  const openElements = async (caseId: string) => (await h.tasks(caseId)).filter((t) => t.status === 'open').map((t) => t.element_id).sort();

  describe('exclusive', () => {
    it.each([
      [500, 'big'],
      [50, 'medium'],
      [5, 'small'],
    ])('given amount %d, when the gateway decides, then only the first matching branch (%s) is taken', async (amount, expected) => {
      const caseId = await h.start('exclusive', { amount });
      expect(await openElements(caseId)).toEqual([expected]);
      expect((await h.caseRow(caseId)).state.tokens).toHaveLength(1);
    });

    it('given no condition holds and no default flow, when the case starts, then it fails naming the gateway and no case exists', async () => {
      await expect(h.start('strict', { kind: 'c' })).rejects.toThrow(/^route: no outgoing condition holds/);
      expect(await h.casesOf('strict')).toEqual([]);
    });

    it('given no condition holds after a task, when the task is completed, then the completion fails naming the gateway and nothing changes', async () => {
      const caseId = await h.start('strictLater', { kind: 'c' });
      const decide = await h.openTask(caseId, 'decide');
      const before = await h.caseRow(caseId);
      await expect(h.complete(decide.id, {})).rejects.toThrow(/route: no outgoing condition holds/);
      expect(await h.caseRow(caseId)).toEqual(before);
      expect(await openElements(caseId)).toEqual(['decide']);
    });
  });

  describe('parallel', () => {
    it('given a fork into two tasks, when one completes, then the join waits, and when the other completes, then the join fires once', async () => {
      const caseId = await h.start('parallel');
      expect(await openElements(caseId)).toEqual(['a', 'b']);

      await h.complete((await h.openTask(caseId, 'a')).id);
      expect(await openElements(caseId)).toEqual(['b']);
      expect((await h.caseRow(caseId)).state.tokens.map((t) => [t.elementId, t.wait?.kind]).sort()).toEqual([
        ['b', 'task'],
        ['join', 'join'],
      ]);

      await h.complete((await h.openTask(caseId, 'b')).id, {}, 'health-staff');
      expect(await openElements(caseId)).toEqual(['c']);
      expect((await h.caseRow(caseId)).state.tokens.map((t) => t.elementId)).toEqual(['c']);
    });

    it('given two automatic branches, when both reach the join in one command, then exactly one token continues', async () => {
      const caseId = await h.start('parallelAuto');
      expect((await h.tasks(caseId)).map((t) => t.element_id)).toEqual(['c']);
      const row = await h.caseRow(caseId);
      expect(row.variables).toEqual({ x: 1, y: 2 });
      expect(row.state.tokens.map((t) => t.elementId)).toEqual(['c']);
    });
  });

  describe('inclusive', () => {
    it('given two of three branches taken, when the first finishes, then the join waits for the other taken branch only', async () => {
      const caseId = await h.start('inclusive', { needsA: true, needsB: true });
      expect(await openElements(caseId)).toEqual(['a', 'b']);

      await h.complete((await h.openTask(caseId, 'a')).id);
      expect(await openElements(caseId)).toEqual(['b']);

      await h.complete((await h.openTask(caseId, 'b')).id, {}, 'health-staff');
      expect(await openElements(caseId)).toEqual(['d']);
      expect((await h.caseRow(caseId)).state.tokens.map((t) => t.elementId)).toEqual(['d']);
    });

    it('given one branch taken, when it finishes, then the join fires at once without waiting for the untaken branches', async () => {
      const caseId = await h.start('inclusive', { needsA: false, needsB: true });
      expect(await openElements(caseId)).toEqual(['b']);
      await h.complete((await h.openTask(caseId, 'b')).id, {}, 'health-staff');
      expect(await openElements(caseId)).toEqual(['d']);
    });

    it('given no condition holds, when the fork decides, then only the default branch is taken', async () => {
      const caseId = await h.start('inclusive', { needsA: false });
      expect(await openElements(caseId)).toEqual(['c']);
      await h.complete((await h.openTask(caseId, 'c')).id, {}, 'bureau-staff');
      expect(await openElements(caseId)).toEqual(['d']);
    });
  });

  describe('event-based', () => {
    it('given a message and a timer armed, when the message arrives first, then its branch is taken and the timer is disarmed', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('eventBased', { ref: 'R-1' });
      expect(await h.subscriptions(caseId)).toEqual([{ element_id: 'reply', message_name: 'reply-received', correlation_key: 'R-1' }]);
      expect((await h.jobs(caseId)).map((j) => [j.type, j.due_at])).toEqual([[ENGINE_JOBS.timer, '2024-03-06T16:00:00.000Z']]);

      expect((await h.correlate('reply-received', 'R-1', { text: '已阅' })).correlated).toEqual([caseId]);
      expect(await openElements(caseId)).toEqual(['handleReply']);
      expect((await h.caseRow(caseId)).variables).toEqual({ ref: 'R-1', answer: '已阅' });
      expect(await h.jobs(caseId)).toEqual([]);
      expect(await h.subscriptions(caseId)).toEqual([]);

      // The timer's instant passes: nothing fires and the case is where it was.
      expect(await h.advanceTo('2024-03-07T00:00:00Z')).toBe(0);
      expect(await openElements(caseId)).toEqual(['handleReply']);
    });

    it('given a message and a timer armed, when the timer fires first, then its branch is taken and the subscription is removed', async () => {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('eventBased', { ref: 'R-2' });
      await h.advanceTo('2024-03-06T16:00:00Z');
      expect(await openElements(caseId)).toEqual(['chase']);
      expect(await h.subscriptions(caseId)).toEqual([]);
      expect(await h.correlate('reply-received', 'R-2', { text: 'late' })).toEqual({ correlated: [], started: [] });
      expect((await h.caseRow(caseId)).variables).toEqual({ ref: 'R-2' });
      expect(await h.auditActions(caseId)).toEqual(expect.arrayContaining(['timer.armed', 'message.subscribed', 'timer.fired']));
    });
  });
});
