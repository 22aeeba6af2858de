import type { ElementType } from '../../../../platform/src/engine/model/compiled-model';
import { compileFixture, elementOf, flowOf, processOf } from './bpmn-test-files';

describe('compileDefinition: approval push and claim (approval-push.bpmn)', () => {
  test('given the approval push process, when compiled, then the process has its key, name, legal basis and one none start', async () => {
    const process = processOf(await compileFixture('approval-push.bpmn'), 'approval-push');
    expect(process.key).toBe('approval-push');
    expect(process.name).toBe('审批信息推送认领');
    expect(process.legalBasis).toBe('第二十条');
    expect(process.noneStartId).toBe('Start_Decided');
    expect([...process.messageStarts]).toEqual([]);
    expect(process.timerStarts).toEqual([]);
    expect(process.elements.size).toBe(11);
    expect(process.flows.size).toBe(9);
  });

  test('given the claim user task, when compiled, then form, candidates, deadline, thresholds, multi-instance, mappings and boundary are exact', async () => {
    const process = processOf(await compileFixture('approval-push.bpmn'), 'approval-push');
    expect(elementOf(process, 'Task_Claim')).toEqual({
      id: 'Task_Claim',
      type: 'userTask',
      name: '认领审批信息',
      scopeId: 'approval-push',
      incoming: ['Flow_ToClaim'],
      outgoing: ['Flow_ToDecision'],
      boundaryEvents: ['Timer_ClaimOverdue'],
      legalBasis: '第二十条第二款',
      inputs: [{ name: 'approval', expression: { feel: 'approval' } }],
      outputs: [{ name: 'claimDecision', expression: { feel: 'decision' } }],
      multiInstance: { sequential: false, collection: { feel: 'departments' }, elementVariable: 'department' },
      userTask: {
        formKey: 'approval-claim',
        formVersion: 1,
        candidateDepartments: { feel: '[department]' },
        candidateRoles: { static: ['liaison', 'staff'] },
        deadline: { static: { unit: 'workingDays', amount: 3 } },
        calendar: 'cn-statutory',
        thresholds: { yellow: 0.5, red: 0.9 },
      },
    });
  });

  test('given the overdue boundary timer, when compiled, then it is a non-interrupting task-deadline timer attached to the claim', async () => {
    const process = processOf(await compileFixture('approval-push.bpmn'), 'approval-push');
    expect(elementOf(process, 'Timer_ClaimOverdue')).toEqual({
      id: 'Timer_ClaimOverdue',
      type: 'boundaryEvent',
      name: '认领超期',
      scopeId: 'approval-push',
      incoming: [],
      outgoing: ['Flow_ToRemind'],
      boundaryEvents: [],
      inputs: [],
      outputs: [],
      attachedTo: 'Task_Claim',
      cancelActivity: false,
      event: { kind: 'timer', timer: { atTaskDeadline: true } },
    });
  });

  test('given the decision gateway, when compiled, then it has its default flow and the other flow carries the FEEL condition without "="', async () => {
    const process = processOf(await compileFixture('approval-push.bpmn'), 'approval-push');
    const gateway = elementOf(process, 'Gateway_Returned');
    expect(gateway).toMatchObject({ type: 'exclusiveGateway', defaultFlow: 'Flow_Claimed', outgoing: ['Flow_Returned', 'Flow_Claimed'] });
    expect(gateway.event).toBeUndefined();
    expect(flowOf(process, 'Flow_Returned')).toEqual({
      id: 'Flow_Returned',
      name: '退回',
      sourceId: 'Gateway_Returned',
      targetId: 'Task_HandleReturn',
      condition: { feel: 'claimDecision = "returned"' },
    });
    expect(flowOf(process, 'Flow_Claimed')).toEqual({ id: 'Flow_Claimed', name: '已认领', sourceId: 'Gateway_Returned', targetId: 'Task_NotifyClaimed' });
  });

  test('given the service tasks, when compiled, then cm:action, result variable and inputs form the action and the inputs stay on the element', async () => {
    const process = processOf(await compileFixture('approval-push.bpmn'), 'approval-push');
    const push = elementOf(process, 'Task_Push');
    expect(push.action).toEqual({
      name: 'push',
      resultVariable: 'pushReceipt',
      inputs: [
        { name: 'departments', expression: { feel: 'departments' } },
        { name: 'approval', expression: { feel: 'approval' } },
      ],
    });
    expect(push.inputs).toEqual(push.action?.inputs);
    expect(push.offlineAllowed).toBe(true);
    expect(elementOf(process, 'Task_RemindOverdue').action).toEqual({
      name: 'notify',
      inputs: [
        { name: 'template', expression: { feel: '"claim-overdue"' } },
        { name: 'departments', expression: { feel: '[department]' } },
      ],
    });
  });

  test('given literal candidate departments, when compiled, then they are a static list; end events are none events', async () => {
    const process = processOf(await compileFixture('approval-push.bpmn'), 'approval-push');
    expect(elementOf(process, 'Task_HandleReturn').userTask).toEqual({
      formKey: 'approval-return',
      candidateDepartments: { static: ['approval-bureau'] },
    });
    expect(elementOf(process, 'End_Claimed')).toMatchObject({ type: 'endEvent', event: { kind: 'none' }, incoming: ['Flow_ToEndClaimed'], outgoing: [] });
  });

  test('given a compiled definition, when code tries to change it, then its elements, lists and flows are frozen', async () => {
    const process = processOf(await compileFixture('approval-push.bpmn'), 'approval-push');
    const claim = elementOf(process, 'Task_Claim');
    expect(Object.isFrozen(claim)).toBe(true);
    expect(Object.isFrozen(claim.incoming)).toBe(true);
    expect(Object.isFrozen(claim.userTask?.deadline)).toBe(true);
    expect(Object.isFrozen(flowOf(process, 'Flow_Returned').condition)).toBe(true);
    expect(Object.isFrozen(process)).toBe(true);
  });
});

describe('compileDefinition: sub-process (sub-process.bpmn)', () => {
  test('given a sub-process, when compiled, then it names its start event and its children are scoped to it', async () => {
    const process = processOf(await compileFixture('sub-process.bpmn'), 'site-inspection');
    expect(elementOf(process, 'Sub_Inspection')).toEqual({
      id: 'Sub_Inspection',
      type: 'subProcess',
      name: '组织踏勘',
      scopeId: 'site-inspection',
      startEventId: 'Sub_Start',
      legalBasis: '第二十二条',
      incoming: ['Flow_ToInspection'],
      outgoing: ['Flow_ToDone'],
      boundaryEvents: ['Timer_InspectionTimeout'],
      inputs: [{ name: 'site', expression: { feel: 'application.address' } }],
      outputs: [{ name: 'inspectionOpinion', expression: { feel: 'opinion' } }],
    });
    for (const id of ['Sub_Start', 'Sub_SelectExperts', 'Sub_Inspect', 'Sub_End']) {
      expect(elementOf(process, id).scopeId).toBe('Sub_Inspection');
    }
    expect(flowOf(process, 'Sub_Flow_ToInspect')).toEqual({ id: 'Sub_Flow_ToInspect', sourceId: 'Sub_SelectExperts', targetId: 'Sub_Inspect' });
    expect(process.noneStartId).toBe('Start_Requested');
  });

  test('given deadlines in words and in FEEL, when compiled, then the words parse and the FEEL is kept', async () => {
    const process = processOf(await compileFixture('sub-process.bpmn'), 'site-inspection');
    expect(elementOf(process, 'Sub_SelectExperts').userTask?.deadline).toEqual({ static: { unit: 'workingDays', amount: 2 } });
    expect(elementOf(process, 'Sub_Inspect').userTask).toEqual({
      formKey: 'inspection-opinion',
      candidateDepartments: { feel: 'experts.department' },
      deadline: { feel: 'inspectionDays' },
    });
  });

  test('given a boundary timer without cancelActivity, when compiled, then it interrupts (BPMN default) after P10D as 10 calendar days', async () => {
    const process = processOf(await compileFixture('sub-process.bpmn'), 'site-inspection');
    expect(elementOf(process, 'Timer_InspectionTimeout')).toMatchObject({
      attachedTo: 'Sub_Inspection',
      cancelActivity: true,
      event: { kind: 'timer', timer: { duration: { static: { unit: 'calendarDays', amount: 10 } } } },
    });
  });
});

describe('compileDefinition: call activity (call-activity.bpmn)', () => {
  test('given a file with a caller, a called process and a documentation pool, when compiled, then only the executable processes are compiled', async () => {
    const definition = await compileFixture('call-activity.bpmn');
    expect([...definition.processes.keys()]).toEqual(['amend-decision', 'expert-review']);
  });

  test('given a call activity, when compiled, then it names the called process key and maps variables in and out', async () => {
    const process = processOf(await compileFixture('call-activity.bpmn'), 'amend-decision');
    expect(elementOf(process, 'Call_ExpertReview')).toEqual({
      id: 'Call_ExpertReview',
      type: 'callActivity',
      name: '专家评审',
      scopeId: 'amend-decision',
      calledProcess: 'expert-review',
      legalBasis: '第三十四条',
      incoming: ['Flow_ToReview'],
      outgoing: ['Flow_ToDecide'],
      boundaryEvents: [],
      inputs: [
        { name: 'notice', expression: { feel: 'notice' } },
        { name: 'reviewDeadline', expression: { feel: '"5WD"' } },
      ],
      outputs: [
        { name: 'reviewOpinion', expression: { feel: 'opinion' } },
        { name: 'reviewPassed', expression: { feel: 'opinion.passed = true' } },
      ],
    });
  });

  test('given the called process, when compiled, then it has its own none start and a FEEL deadline fed by the caller', async () => {
    const child = processOf(await compileFixture('call-activity.bpmn'), 'expert-review');
    expect(child.noneStartId).toBe('Review_Start');
    expect(elementOf(child, 'Review_Opinion').userTask).toEqual({
      formKey: 'review-opinion',
      candidateRoles: { static: ['staff'] },
      deadline: { feel: 'reviewDeadline' },
    });
  });
});

describe('fixtures cover the engine', () => {
  test('given every fixture, when compiled, then together they use every element type the engine runs', async () => {
    const all: ElementType[] = [
      'startEvent', 'endEvent', 'userTask', 'serviceTask', 'sendTask', 'receiveTask', 'exclusiveGateway', 'parallelGateway',
      'inclusiveGateway', 'eventBasedGateway', 'intermediateCatchEvent', 'intermediateThrowEvent', 'boundaryEvent', 'subProcess', 'callActivity',
    ];
    const files = ['approval-push', 'sub-process', 'call-activity', 'messages', 'error-escalation', 'event-gateway', 'inclusive-gateway', 'timer-start'];
    const seen = new Set<ElementType>();
    for (const file of files) {
      for (const process of (await compileFixture(`${file}.bpmn`)).processes.values()) {
        for (const element of process.elements.values()) seen.add(element.type);
      }
    }
    expect([...seen].sort()).toEqual([...all].sort());
  });
});
