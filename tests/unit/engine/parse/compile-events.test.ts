import { compileFixture, elementOf, flowOf, processOf } from './bpmn-test-files';

describe('compileDefinition: messages (messages.bpmn)', () => {
  test('given declared messages, when compiled, then they are listed by XML id with name and FEEL correlation key', async () => {
    const definition = await compileFixture('messages.bpmn');
    expect([...definition.messages]).toEqual([
      ['Msg_Inquiry', { name: 'inquiry-letter' }],
      ['Msg_Ack', { name: 'inquiry-acknowledged', correlationKey: { feel: 'letterId' } }],
      ['Msg_Reply', { name: 'inquiry-reply', correlationKey: { feel: 'letterId' } }],
    ]);
  });

  test('given a message start event, when compiled, then the process starts on that message name and has no none start', async () => {
    const answer = processOf(await compileFixture('messages.bpmn'), 'inquiry-answer');
    expect([...answer.messageStarts]).toEqual([['inquiry-letter', 'Answer_Start']]);
    expect(answer.noneStartId).toBeUndefined();
    expect(elementOf(answer, 'Answer_Start')).toMatchObject({
      type: 'startEvent',
      event: { kind: 'message', messageName: 'inquiry-letter' },
      outputs: [
        { name: 'letterId', expression: { feel: 'caseId' } },
        { name: 'question', expression: { feel: 'question' } },
      ],
    });
    expect(elementOf(answer, 'Answer_Start').event?.correlationKey).toBeUndefined();
  });

  test('given send and receive tasks, when compiled, then their message and the task-level correlation key are on the element and its event', async () => {
    const ask = processOf(await compileFixture('messages.bpmn'), 'inquiry-ask');
    const send = elementOf(ask, 'Ask_Send');
    expect(send.messageName).toBe('inquiry-letter');
    expect(send.event).toEqual({ kind: 'message', messageName: 'inquiry-letter', correlationKey: { feel: 'caseId' } });
    expect(send.action).toBeUndefined();
    const receive = elementOf(ask, 'Ask_AwaitAck');
    expect(receive.messageName).toBe('inquiry-acknowledged');
    expect(receive.event).toEqual({ kind: 'message', messageName: 'inquiry-acknowledged', correlationKey: { feel: 'caseId' } });
    expect(receive.outputs).toEqual([{ name: 'acknowledgedBy', expression: { feel: 'receiver' } }]);
  });

  test('given a catch event whose definition has its own correlation key, when compiled, then it overrides the message key', async () => {
    const ask = processOf(await compileFixture('messages.bpmn'), 'inquiry-ask');
    expect(elementOf(ask, 'Ask_AwaitReply').event).toEqual({ kind: 'message', messageName: 'inquiry-reply', correlationKey: { feel: 'caseId' } });
  });

  test('given message throw and end events without their own key, when compiled, then they use the message key', async () => {
    const answer = processOf(await compileFixture('messages.bpmn'), 'inquiry-answer');
    expect(elementOf(answer, 'Answer_Ack')).toMatchObject({
      type: 'intermediateThrowEvent',
      event: { kind: 'message', messageName: 'inquiry-acknowledged', correlationKey: { feel: 'letterId' } },
    });
    expect(elementOf(answer, 'Answer_End')).toMatchObject({
      type: 'endEvent',
      event: { kind: 'message', messageName: 'inquiry-reply', correlationKey: { feel: 'letterId' } },
    });
  });
});

describe('compileDefinition: errors and escalations (error-escalation.bpmn)', () => {
  test('given boundary events on a sub-process, when compiled, then they are listed on it in document order', async () => {
    const process = processOf(await compileFixture('error-escalation.bpmn'), 'revoke-review');
    expect(elementOf(process, 'Sub_Review').boundaryEvents).toEqual(['Catch_Refused', 'Catch_Meeting', 'Catch_AnyEscalation']);
    expect(elementOf(process, 'Task_Record').boundaryEvents).toEqual(['Catch_AnyError']);
  });

  test('given error and escalation catches, when compiled, then referenced codes are set and a catch without reference catches all', async () => {
    const process = processOf(await compileFixture('error-escalation.bpmn'), 'revoke-review');
    expect(elementOf(process, 'Catch_Refused')).toMatchObject({ attachedTo: 'Sub_Review', cancelActivity: true, event: { kind: 'error', errorCode: 'REQUEST_REFUSED' } });
    expect(elementOf(process, 'Catch_Meeting')).toMatchObject({ cancelActivity: false, event: { kind: 'escalation', escalationCode: 'SPECIAL_MEETING' } });
    expect(elementOf(process, 'Catch_AnyEscalation').event).toEqual({ kind: 'escalation' });
    expect(elementOf(process, 'Catch_AnyError')).toMatchObject({ attachedTo: 'Task_Record', cancelActivity: true, event: { kind: 'error' } });
    expect(elementOf(process, 'Catch_AnyError').event?.errorCode).toBeUndefined();
  });

  test('given error and escalation throws, when compiled, then they carry the code; a terminate end is a terminate event', async () => {
    const process = processOf(await compileFixture('error-escalation.bpmn'), 'revoke-review');
    expect(elementOf(process, 'Review_RefusedEnd')).toMatchObject({ type: 'endEvent', scopeId: 'Sub_Review', event: { kind: 'error', errorCode: 'REQUEST_REFUSED' } });
    expect(elementOf(process, 'Review_Escalate')).toMatchObject({ type: 'intermediateThrowEvent', event: { kind: 'escalation', escalationCode: 'SPECIAL_MEETING' } });
    expect(elementOf(process, 'End_RecordFailed').event).toEqual({ kind: 'escalation', escalationCode: 'SPECIAL_MEETING' });
    expect(elementOf(process, 'End_Revoked').event).toEqual({ kind: 'terminate' });
  });

  test('given conditions with and without "=", when compiled, then both are the same FEEL without the marker', async () => {
    const process = processOf(await compileFixture('error-escalation.bpmn'), 'revoke-review');
    expect(flowOf(process, 'Review_Flow_Refused').condition).toEqual({ feel: 'outcome = "refused"' });
    expect(flowOf(process, 'Review_Flow_Disputed').condition).toEqual({ feel: 'outcome = "disputed"' });
    expect(elementOf(process, 'Review_Outcome').defaultFlow).toBe('Review_Flow_Accepted');
  });
});

describe('compileDefinition: event-based gateway (event-gateway.bpmn)', () => {
  test('given an event-based gateway, when compiled, then it leads to the message catch, the receive task and both timers', async () => {
    const process = processOf(await compileFixture('event-gateway.bpmn'), 'penalty-push');
    expect(elementOf(process, 'Gateway_Wait')).toMatchObject({
      type: 'eventBasedGateway',
      incoming: ['Flow_ToWait'],
      outgoing: ['Flow_ToClaimed', 'Flow_ToLetter', 'Flow_ToWindow', 'Flow_ToCutoff'],
    });
    expect(elementOf(process, 'Catch_Claimed').event).toEqual({ kind: 'message', messageName: 'penalty-claimed', correlationKey: { feel: 'pushId' } });
    expect(elementOf(process, 'Receive_Letter')).toMatchObject({ type: 'receiveTask', messageName: 'penalty-letter', offlineAllowed: true });
  });

  test('given timers with a FEEL duration and a fixed date, when compiled, then the FEEL is kept and the date stays ISO text', async () => {
    const process = processOf(await compileFixture('event-gateway.bpmn'), 'penalty-push');
    expect(elementOf(process, 'Timer_ClaimWindow').event).toEqual({ kind: 'timer', timer: { duration: { feel: 'claimWindow' } } });
    expect(elementOf(process, 'Timer_Cutoff').event).toEqual({ kind: 'timer', timer: { date: { static: '2025-01-10T23:59:59+08:00' } } });
  });
});

describe('compileDefinition: inclusive and parallel gateways, sequential multi-instance (inclusive-gateway.bpmn)', () => {
  test('given an inclusive split with a default, when compiled, then conditions and default are kept and the join has three incoming flows', async () => {
    const process = processOf(await compileFixture('inclusive-gateway.bpmn'), 'commitment-check');
    expect(elementOf(process, 'Gateway_Choose')).toMatchObject({ type: 'inclusiveGateway', defaultFlow: 'Flow_DefaultDesk' });
    expect(flowOf(process, 'Flow_ToSite').condition).toEqual({ feel: 'list contains(methods, "site")' });
    expect(flowOf(process, 'Flow_ToExperts').condition).toEqual({ feel: 'list contains(methods, "experts")' });
    expect(elementOf(process, 'Gateway_Merge')).toMatchObject({ type: 'inclusiveGateway', incoming: ['Flow_SiteToMerge', 'Flow_ExpertsToMerge', 'Flow_DeskToMerge'] });
    expect(elementOf(process, 'Gateway_SiteSplit')).toMatchObject({ type: 'parallelGateway', outgoing: ['Flow_ToDocuments', 'Flow_ToVisit'] });
    expect(elementOf(process, 'Gateway_SiteJoin').incoming).toEqual(['Flow_DocumentsToJoin', 'Flow_VisitToJoin']);
  });

  test('given a sequential multi-instance over a cardinality, when compiled, then cardinality and completion condition are FEEL', async () => {
    const process = processOf(await compileFixture('inclusive-gateway.bpmn'), 'commitment-check');
    expect(elementOf(process, 'Task_ExpertSign').multiInstance).toEqual({
      sequential: true,
      loopCardinality: { feel: 'count(experts)' },
      completionCondition: { feel: 'agreed >= 2' },
    });
  });

  test('given code lists with blanks, empty items and a full-width comma, and hour and calendar-day deadlines, when compiled, then they are normalised', async () => {
    const process = processOf(await compileFixture('inclusive-gateway.bpmn'), 'commitment-check');
    expect(elementOf(process, 'Task_DeskCheck').userTask?.candidateDepartments).toEqual({ static: ['market-regulation', 'health'] });
    expect(elementOf(process, 'Task_Visit').userTask).toEqual({
      formKey: 'commitment-visit',
      candidateDepartments: { feel: 'supervisingDepartment' },
      candidateRoles: { static: ['staff', 'leader'] },
      deadline: { static: { unit: 'calendarDays', amount: 5 } },
      thresholds: { red: 0.8 },
    });
    expect(elementOf(process, 'Task_Documents').userTask?.deadline).toEqual({ static: { unit: 'hours', amount: 48 } });
  });
});

describe('compileDefinition: timer start with a cycle (timer-start.bpmn)', () => {
  test('given a timer start and a none start, when compiled, then both are recorded and the cycle is kept as text', async () => {
    const process = processOf(await compileFixture('timer-start.bpmn'), 'monthly-circular');
    expect(process.timerStarts).toEqual(['Start_Monthly']);
    expect(process.noneStartId).toBe('Start_OnDemand');
    expect(elementOf(process, 'Start_Monthly').event).toEqual({ kind: 'timer', timer: { cycle: 'R12/2023-01-31T09:00:00+08:00/P1M' } });
  });

  test('given a non-interrupting boundary timer with a cycle, when compiled, then it keeps the cycle', async () => {
    const process = processOf(await compileFixture('timer-start.bpmn'), 'monthly-circular');
    expect(elementOf(process, 'Timer_DailyReminder')).toMatchObject({
      cancelActivity: false,
      attachedTo: 'Task_Review',
      event: { kind: 'timer', timer: { cycle: 'R/2023-01-01T09:00:00+08:00/P1D' } },
    });
  });

  test('given a send task with an action and no message, when compiled, then it has the action and no message event', async () => {
    const process = processOf(await compileFixture('timer-start.bpmn'), 'monthly-circular');
    const publish = elementOf(process, 'Task_Publish');
    expect(publish.action).toEqual({ name: 'publish-circular', resultVariable: 'circularId', inputs: [{ name: 'statistics', expression: { feel: 'statistics' } }] });
    expect(publish.event).toBeUndefined();
    expect(publish.messageName).toBeUndefined();
  });
});
