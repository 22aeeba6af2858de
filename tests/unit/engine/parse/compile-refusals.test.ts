import { DefinitionCompileError, parseAndCompile } from '../../../../platform/src/engine/parse/compile-definition';
import { bpmnXml } from './bpmn-test-files';

/** Compiles and returns the DefinitionCompileError it must throw. */
async function refusal(xml: string): Promise<DefinitionCompileError> {
  try {
    await parseAndCompile(xml);
  } catch (err) {
    if (err instanceof DefinitionCompileError) return err;
    throw err;
  }
  throw new Error('expected a DefinitionCompileError, but the definition compiled');
}

const START = '<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="t" />';
const TASK = (attrs = '', body = '') => `<bpmn:userTask id="t" cm:formKey="form" ${attrs}>${body}</bpmn:userTask>`;
const timer = (inner: string, attrs = '') => `<bpmn:timerEventDefinition ${attrs}>${inner}</bpmn:timerEventDefinition>`;

describe('compileDefinition refuses elements the engine does not run', () => {
  test.each([
    ['complexGateway', '<bpmn:complexGateway id="X" />', /bpmn:ComplexGateway, which the engine does not support; use an exclusive/],
    ['scriptTask', '<bpmn:scriptTask id="X" />', /bpmn:ScriptTask.*service task with cm:action/],
    ['businessRuleTask', '<bpmn:businessRuleTask id="X" />', /bpmn:BusinessRuleTask/],
    ['manualTask', '<bpmn:manualTask id="X" />', /bpmn:ManualTask.*user task/],
    ['untyped task', '<bpmn:task id="X" />', /bpmn:Task.*give it a type/],
    ['transaction', '<bpmn:transaction id="X"><bpmn:startEvent id="X_s" /></bpmn:transaction>', /bpmn:Transaction/],
    ['adHocSubProcess', '<bpmn:adHocSubProcess id="X" />', /bpmn:AdHocSubProcess/],
    ['event sub-process', '<bpmn:subProcess id="X" triggeredByEvent="true"><bpmn:startEvent id="X_s" /></bpmn:subProcess>', /event sub-process/],
    ['signal catch', '<bpmn:intermediateCatchEvent id="X"><bpmn:signalEventDefinition /></bpmn:intermediateCatchEvent>', /bpmn:SignalEventDefinition, which the engine does not support/],
    ['conditional start', '<bpmn:startEvent id="X"><bpmn:conditionalEventDefinition /></bpmn:startEvent>', /bpmn:ConditionalEventDefinition/],
    ['compensation throw', '<bpmn:intermediateThrowEvent id="X"><bpmn:compensateEventDefinition /></bpmn:intermediateThrowEvent>', /bpmn:CompensateEventDefinition/],
    ['link catch', '<bpmn:intermediateCatchEvent id="X"><bpmn:linkEventDefinition name="l" /></bpmn:intermediateCatchEvent>', /bpmn:LinkEventDefinition/],
    ['multiple event', '<bpmn:startEvent id="X"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition><bpmn:timerEventDefinition><bpmn:timeDuration>PT2H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>', /2 event definitions/],
    ['standard loop', '<bpmn:userTask id="X" cm:formKey="f"><bpmn:standardLoopCharacteristics /></bpmn:userTask>', /bpmn:StandardLoopCharacteristics/],
    ['compensation handler', '<bpmn:serviceTask id="X" cm:action="a" isForCompensation="true" />', /compensation handler/],
    ['none intermediate catch', '<bpmn:intermediateCatchEvent id="X" />', /intermediateCatchEvent with no event definition/],
    ['terminate throw', '<bpmn:intermediateThrowEvent id="X"><bpmn:terminateEventDefinition /></bpmn:intermediateThrowEvent>', /terminate event definition, which the engine does not run/],
  ])('given a %s, when compiled, then DefinitionCompileError names its id', async (_what, element, reason) => {
    const error = await refusal(bpmnXml(`<bpmn:startEvent id="s" />${element}`));
    expect(error.elementId).toBe('X');
    expect(error.message).toMatch(/^X: /);
    expect(error.message).toMatch(reason);
  });

  test('given a refusal, when it reaches HTTP, then it is a 422 problem carrying the element id', async () => {
    const error = await refusal(bpmnXml('<bpmn:startEvent id="s" /><bpmn:complexGateway id="X" />'));
    expect(error.status).toBe(422);
    expect(error.code).toBe('definition-compile');
    expect(error.extensions).toEqual({ elementId: 'X' });
  });
});

describe('compileDefinition refuses invalid attributes', () => {
  test.each([
    ['a user task without cm:formKey', `${START}<bpmn:userTask id="t" />`, 't', /without cm:formKey/],
    ['an ambiguous deadline', `${START}${TASK('cm:deadline="3 days"')}`, 't', /cm:deadline: Invalid duration "3 days": ambiguous/],
    ['a FEEL deadline that does not parse', `${START}${TASK('cm:deadline="=days +"')}`, 't', /cm:deadline: FEEL expression "days \+" does not parse/],
    ['thresholds in the wrong order', `${START}${TASK('cm:deadline="3WD" cm:warnYellow="0.9" cm:warnRed="0.5"')}`, 't', /must not exceed cm:warnRed/],
    ['a threshold of 1 or more', `${START}${TASK('cm:deadline="3WD" cm:warnRed="1.2"')}`, 't', /between 0 and 1/],
    ['thresholds without a deadline', `${START}${TASK('cm:warnYellow="0.5"')}`, 't', /no cm:deadline/],
    ['a non-positive form version', `${START}${TASK('cm:formVersion="0"')}`, 't', /positive integer/],
    ['a service task without cm:action', `${START}<bpmn:serviceTask id="t" />`, 't', /service task without cm:action/],
    ['a send task with neither message nor action', `${START}<bpmn:sendTask id="t" />`, 't', /neither messageRef nor cm:action/],
    ['a receive task without message', `${START}<bpmn:receiveTask id="t" />`, 't', /receive task without a messageRef/],
    ['a call activity without calledElement', `${START}<bpmn:callActivity id="t" />`, 't', /without calledElement/],
    ['multi-instance without collection or cardinality', `${START}${TASK('', '<bpmn:multiInstanceLoopCharacteristics />')}`, 't', /neither cm:collection nor loopCardinality/],
    ['multi-instance with both', `${START}${TASK('', '<bpmn:multiInstanceLoopCharacteristics cm:collection="=xs"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>')}`, 't', /both cm:collection and loopCardinality/],
    ['an element variable without collection', `${START}${TASK('', '<bpmn:multiInstanceLoopCharacteristics cm:elementVariable="x"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>')}`, 't', /cm:elementVariable without cm:collection/],
    ['an input without expression', `${START}${TASK('', '<bpmn:extensionElements><cm:ioMapping><cm:input name="a" /></cm:ioMapping></bpmn:extensionElements>')}`, 't', /cm:input #1 needs both name and expression/],
    ['an output mapped twice', `${START}${TASK('', '<bpmn:extensionElements><cm:ioMapping><cm:output name="a" expression="b" /><cm:output name="a" expression="c" /></cm:ioMapping></bpmn:extensionElements>')}`, 't', /cm:output "a" is mapped twice/],
    ['two ioMappings', `${START}${TASK('', '<bpmn:extensionElements><cm:ioMapping /><cm:ioMapping /></bpmn:extensionElements>')}`, 't', /2 cm:ioMapping elements/],
    ['a condition that does not parse', '<bpmn:startEvent id="s" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="c" sourceRef="s" targetRef="e"><bpmn:conditionExpression>= a &gt;</bpmn:conditionExpression></bpmn:sequenceFlow>', 'c', /conditionExpression: FEEL expression "a >" does not parse \(at character 4\)/],
    ['an empty FEEL expression', `${START}${TASK('cm:candidateRoles="="')}`, 't', /cm:candidateRoles is an empty FEEL expression/],
    ['a candidate role the platform does not have', `${START}${TASK('cm:candidateRoles="staff, expert"')}`, 't', /cm:candidateRoles names expert, but the roles are admin, liaison, staff, leader/],
  ])('given %s, when compiled, then DefinitionCompileError names the element and the attribute', async (_what, body, id, reason) => {
    const error = await refusal(bpmnXml(body));
    expect(error.elementId).toBe(id);
    expect(error.message).toMatch(reason);
  });
});

describe('compileDefinition refuses timers it cannot schedule', () => {
  const catchTimer = (inner: string) => `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="X">${inner}</bpmn:intermediateCatchEvent>`;
  test.each([
    ['no timer value', catchTimer(timer('')), /with no of timeDuration, timeDate and timeCycle/],
    ['two timer values', catchTimer(timer('<bpmn:timeDuration>PT1H</bpmn:timeDuration><bpmn:timeDate>2024-01-01T00:00:00Z</bpmn:timeDate>')), /more than one/],
    ['a cycle on an intermediate catch', catchTimer(timer('<bpmn:timeCycle>R/2024-01-01T09:00+08:00/P1D</bpmn:timeCycle>')), /timeCycle, which repeats only/],
    ['a duration in months', catchTimer(timer('<bpmn:timeDuration>P1M</bpmn:timeDuration>')), /timeDuration: Invalid duration "P1M": years and months/],
    ['a date without offset', catchTimer(timer('<bpmn:timeDate>2024-03-01T09:00:00</bpmn:timeDate>')), /timeDate: "2024-03-01T09:00:00" is not an ISO 8601 date-time with an offset/],
    ['an impossible date', catchTimer(timer('<bpmn:timeDate>2023-02-29T09:00:00+08:00</bpmn:timeDate>')), /not an ISO 8601 date-time/],
    ['a task-deadline timer that is not on a boundary', catchTimer(timer('', 'cm:atTaskDeadline="true"')), /only applies to a timer boundary event/],
    [
      'a cycle start without start date',
      `<bpmn:startEvent id="X">${timer('<bpmn:timeCycle>R/P1D</bpmn:timeCycle>')}</bpmn:startEvent>`,
      /timeCycle: Invalid timer cycle "R\/P1D": a start date-time is required/,
    ],
    [
      'a cycle on an interrupting boundary',
      `${START}${TASK()}<bpmn:boundaryEvent id="X" attachedToRef="t">${timer('<bpmn:timeCycle>R/2024-01-01T09:00+08:00/P1D</bpmn:timeCycle>')}</bpmn:boundaryEvent>`,
      /timeCycle, which repeats only/,
    ],
    [
      'a task-deadline timer with a duration as well',
      `${START}${TASK('cm:deadline="3WD"')}<bpmn:boundaryEvent id="X" attachedToRef="t" cancelActivity="false">${timer('<bpmn:timeDuration>PT1H</bpmn:timeDuration>', 'cm:atTaskDeadline="true"')}</bpmn:boundaryEvent>`,
      /the task deadline is the timer/,
    ],
    [
      'a task-deadline timer on a task without deadline',
      `${START}${TASK()}<bpmn:boundaryEvent id="X" attachedToRef="t" cancelActivity="false">${timer('', 'cm:atTaskDeadline="true"')}</bpmn:boundaryEvent>`,
      /"t" is not a user task with a cm:deadline/,
    ],
  ])('given %s, when compiled, then DefinitionCompileError names the event', async (_what, body, reason) => {
    const error = await refusal(bpmnXml(body));
    expect(error.elementId).toBe('X');
    expect(error.message).toMatch(reason);
  });
});

describe('compileDefinition refuses broken errors, escalations and messages', () => {
  const errorRoot = '<bpmn:error id="E_NoCode" name="no code" />';
  test.each([
    ['an error end without errorRef', '<bpmn:startEvent id="s" /><bpmn:endEvent id="X"><bpmn:errorEventDefinition /></bpmn:endEvent>', '', /throws without an errorRef/],
    ['an error without errorCode', `${START}${TASK()}<bpmn:boundaryEvent id="X" attachedToRef="t"><bpmn:errorEventDefinition errorRef="E_NoCode" /></bpmn:boundaryEvent>`, errorRoot, /bpmn:Error "E_NoCode", which has no errorCode/],
    ['a non-interrupting error boundary', `${START}${TASK()}<bpmn:boundaryEvent id="X" attachedToRef="t" cancelActivity="false"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>`, '', /non-interrupting error boundary/],
    ['an escalation throw without reference', '<bpmn:startEvent id="s" /><bpmn:intermediateThrowEvent id="X"><bpmn:escalationEventDefinition /></bpmn:intermediateThrowEvent>', '', /throws without an escalationRef/],
    ['a message event without messageRef', '<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="X"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>', '', /without a messageRef/],
    ['a message without a name', '<bpmn:startEvent id="s" />', '<bpmn:message id="X" />', /bpmn:message without a name/],
    ['two messages with one name', '<bpmn:startEvent id="s" />', '<bpmn:message id="M1" name="same" /><bpmn:message id="X" name="same" />', /"same", which message "M1" already uses/],
    ['a message correlation key that does not parse', '<bpmn:startEvent id="s" />', '<bpmn:message id="X" name="m" cm:correlationKey="=a +" />', /cm:correlationKey: FEEL expression/],
  ])('given %s, when compiled, then DefinitionCompileError names the element', async (_what, body, roots, reason) => {
    const error = await refusal(bpmnXml(body, roots));
    expect(error.elementId).toBe('X');
    expect(error.message).toMatch(reason);
  });
});

describe('compileDefinition refuses broken structure', () => {
  test.each([
    [
      'a flow into a sub-process child from outside',
      '<bpmn:startEvent id="s" /><bpmn:subProcess id="sp"><bpmn:startEvent id="sp_s" /><bpmn:endEvent id="sp_e" /></bpmn:subProcess><bpmn:sequenceFlow id="X" sourceRef="s" targetRef="sp_e" />',
      /crosses a sub-process boundary/,
    ],
    ['a default flow that leaves another element', '<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="X" default="f9" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="f9" sourceRef="s" targetRef="e" />', /"f9" as its default flow, but that is not one of its outgoing/],
    ['a default flow with a condition', '<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" default="X" /><bpmn:endEvent id="e" /><bpmn:sequenceFlow id="X" sourceRef="g" targetRef="e"><bpmn:conditionExpression>=true</bpmn:conditionExpression></bpmn:sequenceFlow>', /default flow of "g" and must not have a condition/],
    ['an event-based gateway leading to a user task', `<bpmn:startEvent id="s" /><bpmn:eventBasedGateway id="X" />${TASK()}<bpmn:sequenceFlow id="f1" sourceRef="X" targetRef="t" />`, /flow "f1" leads to "t", which is not a message or timer catch/],
    ['a second none start', '<bpmn:startEvent id="s" /><bpmn:startEvent id="X" />', /second none start event in process "p" \(the first is "s"\)/],
    ['a sub-process without a start event', '<bpmn:startEvent id="s" /><bpmn:subProcess id="X"><bpmn:endEvent id="X_e" /></bpmn:subProcess>', /sub-process with no start event/],
    [
      'a timer start inside a sub-process',
      `<bpmn:startEvent id="s" /><bpmn:subProcess id="sp"><bpmn:startEvent id="X">${timer('<bpmn:timeDuration>PT1H</bpmn:timeDuration>')}</bpmn:startEvent></bpmn:subProcess>`,
      /timer start event inside a sub-process/,
    ],
    ['a boundary event on a gateway', '<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="g" /><bpmn:boundaryEvent id="X" attachedToRef="g"><bpmn:errorEventDefinition /></bpmn:boundaryEvent>', /attached to "g", which is not an activity/],
    ['a boundary event with an incoming flow', `${START}${TASK()}<bpmn:boundaryEvent id="X" attachedToRef="t"><bpmn:errorEventDefinition /></bpmn:boundaryEvent><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="X" />`, /boundary event with incoming sequence flows/],
  ])('given %s, when compiled, then DefinitionCompileError names the element', async (_what, body, reason) => {
    const error = await refusal(bpmnXml(body));
    expect(error.elementId).toBe('X');
    expect(error.message).toMatch(reason);
  });

  test('given a process without any start event, when compiled, then the process id is named', async () => {
    const error = await refusal(bpmnXml('<bpmn:endEvent id="e" />'));
    expect(error.elementId).toBe('p');
    expect(error.message).toMatch(/process without a start event/);
  });

  test('given only non-executable processes, when compiled, then the definitions id is named', async () => {
    const xml = bpmnXml('<bpmn:startEvent id="s" />').replace('isExecutable="true"', 'isExecutable="false"');
    const error = await refusal(xml);
    expect(error.elementId).toBe('Definitions_Test');
    expect(error.message).toMatch(/no executable bpmn:process/);
  });

  test('given an error catch whose errorRef points nowhere, when compiled, then it is refused instead of becoming a catch-all', async () => {
    const error = await refusal(bpmnXml(`${START}${TASK()}<bpmn:boundaryEvent id="X" attachedToRef="t"><bpmn:errorEventDefinition errorRef="Missing" /></bpmn:boundaryEvent>`));
    expect(error.elementId).toBe('X');
    expect(error.message).toBe('X: its errorRef points to "Missing", which is not in the file.');
  });

  test('given a gateway whose default points nowhere, when compiled, then it is refused instead of losing its default', async () => {
    const error = await refusal(bpmnXml('<bpmn:startEvent id="s" /><bpmn:exclusiveGateway id="X" default="Nowhere" />'));
    expect(error.message).toBe('X: its default points to "Nowhere", which is not in the file.');
  });
});

describe('compileDefinition normalises timer dates JavaScript cannot read', () => {
  test.each([
    ['2024-03-01T09:00:00+08:00', '2024-03-01T09:00:00+08:00'],
    ['2024-03-01T09:00+0800', '2024-03-01T09:00+0800'],
    ['2024-03-01T09:00:00+08', '2024-03-01T01:00:00.000Z'],
    ['2024-03-01T09:00:00,5+08:00', '2024-03-01T01:00:00.500Z'],
  ])('given timeDate %s, when compiled, then the static date is %s', async (written, stored) => {
    const xml = bpmnXml(
      `<bpmn:startEvent id="s" /><bpmn:intermediateCatchEvent id="c"><bpmn:timerEventDefinition><bpmn:timeDate>${written}</bpmn:timeDate></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>`,
    );
    const { compiled } = await parseAndCompile(xml);
    const timer = compiled.processes.get('p')?.elements.get('c')?.event?.timer;
    expect(timer).toEqual({ date: { static: stored } });
    expect(new Date(stored).getTime()).toBe(Date.parse('2024-03-01T01:00:00Z') + (stored.endsWith('.500Z') ? 500 : 0));
  });
});
