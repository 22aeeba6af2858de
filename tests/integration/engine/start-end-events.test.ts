import { ENGINE_JOBS } from '../../../platform/src/engine/runtime/engine-deps';
import { bpmn, EngineHarness } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(30_000);

const FORM = 'startEndForm';

const NONE_START_END = bpmn(`
  <bpmn:process id="plain" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

/** Two tasks and a timer in parallel; finishing "stop" reaches a terminate end. */
const TERMINATE_PROCESS = bpmn(`
  <bpmn:process id="terminateProcess" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="keep"/>
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="stop"/>
    <bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="wait"/>
    <bpmn:userTask id="keep" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
    <bpmn:userTask id="stop" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
    <bpmn:intermediateCatchEvent id="wait">
      <bpmn:timerEventDefinition><bpmn:timeDuration>5WD</bpmn:timeDuration></bpmn:timerEventDefinition>
    </bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f5" sourceRef="keep" targetRef="end1"/>
    <bpmn:sequenceFlow id="f6" sourceRef="stop" targetRef="kill"/>
    <bpmn:sequenceFlow id="f7" sourceRef="wait" targetRef="end2"/>
    <bpmn:endEvent id="end1"/>
    <bpmn:endEvent id="end2"/>
    <bpmn:endEvent id="kill"><bpmn:terminateEventDefinition/></bpmn:endEvent>
  </bpmn:process>`);

/** A terminate end inside a subprocess ends the subprocess only; "outside" runs in parallel in the process. */
const TERMINATE_SUB = bpmn(`
  <bpmn:process id="terminateSub" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="fork"/>
    <bpmn:parallelGateway id="fork"/>
    <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="sub"/>
    <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="outside"/>
    <bpmn:subProcess id="sub">
      <bpmn:startEvent id="subStart"/>
      <bpmn:sequenceFlow id="s1" sourceRef="subStart" targetRef="subFork"/>
      <bpmn:parallelGateway id="subFork"/>
      <bpmn:sequenceFlow id="s2" sourceRef="subFork" targetRef="inner"/>
      <bpmn:sequenceFlow id="s3" sourceRef="subFork" targetRef="innerStop"/>
      <bpmn:userTask id="inner" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
      <bpmn:userTask id="innerStop" cm:formKey="${FORM}" cm:candidateDepartments="market"/>
      <bpmn:sequenceFlow id="s4" sourceRef="inner" targetRef="subEnd"/>
      <bpmn:sequenceFlow id="s5" sourceRef="innerStop" targetRef="subKill"/>
      <bpmn:endEvent id="subEnd"/>
      <bpmn:endEvent id="subKill"><bpmn:terminateEventDefinition/></bpmn:endEvent>
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="f4" sourceRef="sub" targetRef="after"/>
    <bpmn:userTask id="after" cm:formKey="${FORM}" cm:candidateDepartments="bureau"/>
    <bpmn:sequenceFlow id="f5" sourceRef="after" targetRef="end1"/>
    <bpmn:userTask id="outside" cm:formKey="${FORM}" cm:candidateDepartments="health"/>
    <bpmn:sequenceFlow id="f6" sourceRef="outside" targetRef="end2"/>
    <bpmn:endEvent id="end1"/>
    <bpmn:endEvent id="end2"/>
  </bpmn:process>`);

/** A procedure that only a message starts (e.g. a penalty decision arriving from a supervising department). */
const MESSAGE_START = bpmn(
  `
  <bpmn:process id="onPenalty" isExecutable="true">
    <bpmn:startEvent id="received"><bpmn:messageEventDefinition messageRef="Msg_Penalty"/></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="review"/>
    <bpmn:userTask id="review" cm:formKey="${FORM}" cm:candidateDepartments="=department"/>
    <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`,
  '<bpmn:message id="Msg_Penalty" name="penalty-decided"/>',
);

/** A message start whose output mappings pick what of the payload becomes case data. */
const MESSAGE_START_MAPPED = bpmn(
  `
  <bpmn:process id="onLetter" isExecutable="true">
    <bpmn:startEvent id="received">
      <bpmn:extensionElements><cm:ioMapping>
        <cm:output name="letterId" expression="=id"/>
        <cm:output name="question" expression="=text"/>
      </cm:ioMapping></bpmn:extensionElements>
      <bpmn:messageEventDefinition messageRef="Msg_Letter"/>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="received" targetRef="answer"/>
    <bpmn:userTask id="answer" cm:formKey="${FORM}" cm:candidateDepartments="bureau"/>
    <bpmn:sequenceFlow id="f2" sourceRef="answer" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`,
  '<bpmn:message id="Msg_Letter" name="inquiry-letter"/>',
);

const timerStart = (cycle: string) =>
  bpmn(`
  <bpmn:process id="monthlyReport" isExecutable="true">
    <bpmn:startEvent id="tick">
      <bpmn:timerEventDefinition><bpmn:timeCycle>${cycle}</bpmn:timeCycle></bpmn:timerEventDefinition>
    </bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

describe(`engine: start and end events (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM);
    for (const xml of [NONE_START_END, TERMINATE_PROCESS, TERMINATE_SUB, MESSAGE_START, MESSAGE_START_MAPPED]) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  it('given a none start straight to a none end, when the case starts, then it completes at once with its variables and an ended time', async () => {
    const caseId = await h.start('plain', { licence: 'L-1' });
    const row = await h.caseRow(caseId);
    expect(row.status).toBe('completed');
    expect(row.variables).toEqual({ licence: 'L-1' });
    expect(row.state.tokens).toEqual([]);
    const [ended] = await h.query<{ ended_at: Date }>('select ended_at from case_instance where id = ?', [caseId]);
    expect(new Date(ended!.ended_at).toISOString()).toBe('2024-03-04T02:00:00.000Z');
    expect(await h.auditActions(caseId)).toEqual(['case.started', 'element.completed', 'element.completed', 'case.completed']);
  });

  it('given a procedure with only a message start, when someone starts it by hand, then it is refused and no case exists', async () => {
    await expect(h.start('onPenalty')).rejects.toMatchObject({ status: 422 });
    expect(await h.casesOf('onPenalty')).toEqual([]);
  });

  it('given parallel tasks and a timer, when one branch reaches a terminate end, then the other task is cancelled, the timer disarmed and the case terminated', async () => {
    const caseId = await h.start('terminateProcess');
    expect((await h.tasks(caseId)).map((t) => t.element_id).sort()).toEqual(['keep', 'stop']);
    expect(await h.pendingJobs(caseId)).toEqual([{ type: ENGINE_JOBS.timer, status: 'pending' }]);

    await h.complete((await h.openTask(caseId, 'stop')).id);

    const row = await h.caseRow(caseId);
    expect(row.status).toBe('terminated');
    expect(row.state.tokens).toEqual([]);
    expect((await h.tasks(caseId)).map((t) => [t.element_id, t.status]).sort()).toEqual([
      ['keep', 'cancelled'],
      ['stop', 'completed'],
    ]);
    expect(await h.pendingJobs(caseId)).toEqual([]);
    const actions = await h.auditActions(caseId);
    expect(actions).toEqual(expect.arrayContaining(['task.cancelled', 'case.terminated']));
    expect(actions).not.toContain('case.completed');
  });

  it('given a terminate end inside a subprocess, when it is reached, then only the subprocess ends: its other task is cancelled and the process goes on', async () => {
    const caseId = await h.start('terminateSub');
    expect((await h.tasks(caseId)).map((t) => t.element_id).sort()).toEqual(['inner', 'innerStop', 'outside']);

    await h.complete((await h.openTask(caseId, 'innerStop')).id);

    const row = await h.caseRow(caseId);
    expect(row.status).toBe('active');
    const byElement = Object.fromEntries((await h.tasks(caseId)).map((t) => [t.element_id, t.status]));
    expect(byElement).toEqual({ inner: 'cancelled', innerStop: 'completed', outside: 'open', after: 'open' });
    expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);

    await h.complete((await h.openTask(caseId, 'after')).id, {}, 'bureau-staff');
    await h.complete((await h.openTask(caseId, 'outside')).id, {}, 'health-staff');
    expect((await h.caseRow(caseId)).status).toBe('completed');
  });

  it('given a message start procedure, when the message is correlated with no subscriber waiting, then a case starts with the message variables', async () => {
    const result = await h.correlate('penalty-decided', null, { department: 'health', decisionNo: '罚字〔2024〕7号' });
    expect(result.correlated).toEqual([]);
    expect(result.started).toHaveLength(1);
    const caseId = result.started[0]!;
    expect(await h.casesOf('onPenalty')).toEqual([caseId]);
    const row = await h.caseRow(caseId);
    expect(row.status).toBe('active');
    expect(row.variables).toEqual({ department: 'health', decisionNo: '罚字〔2024〕7号' });
    const review = await h.openTask(caseId, 'review');
    expect(review.candidate_department_ids).toEqual([await h.departmentId('health')]);
  });

  it('given a message start with output mappings, when the message starts a case, then only the mapped values become case variables', async () => {
    const { started } = await h.correlate('inquiry-letter', 'ignored-key', { id: 'HX-9', text: '监管标准？', secret: 'not for this case' });
    expect(started).toHaveLength(1);
    expect((await h.caseRow(started[0]!)).variables).toEqual({ letterId: 'HX-9', question: '监管标准？' });
  });

  it('given a message nobody waits for and no procedure starts on, when it is correlated, then nothing happens', async () => {
    expect(await h.correlate('nobody-listens', 'k', { a: 1 })).toEqual({ correlated: [], started: [] });
  });

  it('given a timer-cycle start, when it is published, fires, and a new version is published, then cases start on time and the new cycle replaces the old', async () => {
    h.clock.set('2024-03-04T02:00:00Z');
    await h.publish(timerStart('R3/2024-03-05T09:00:00+08:00/P1D'));
    const timerStartJobs = async () => (await h.jobs()).filter((j) => j.type === ENGINE_JOBS.timerStart).map((j) => j.due_at);

    // Publishing schedules the first fire only.
    expect(await timerStartJobs()).toEqual(['2024-03-05T01:00:00.000Z']);
    expect(await h.advanceTo('2024-03-05T00:59:59Z')).toBe(0);
    expect(await h.casesOf('monthlyReport')).toEqual([]);

    // The fire starts a case at the timer start event and schedules the next one.
    await h.advanceTo('2024-03-05T01:00:00Z');
    const [first] = await h.casesOf('monthlyReport');
    expect(first).toBeDefined();
    const row = await h.caseRow(first!);
    expect(row.status).toBe('completed');
    expect(row.variables).toEqual({ firedAt: '2024-03-05T01:00:00.000Z' });
    expect(await timerStartJobs()).toEqual(['2024-03-06T01:00:00.000Z']);

    // A new version replaces the schedule: the old next fire is gone, the new cycle's first one is due.
    await h.publish(timerStart('R/2024-03-11T09:00:00+08:00/P1W'));
    expect(await timerStartJobs()).toEqual(['2024-03-11T01:00:00.000Z']);
    await h.advanceTo('2024-03-06T01:00:00Z');
    expect(await h.casesOf('monthlyReport')).toHaveLength(1);

    await h.advanceTo('2024-03-11T01:00:00Z');
    const cases = await h.casesOf('monthlyReport');
    expect(cases).toHaveLength(2);
    const [version] = await h.query<{ version: number }>('select d.version from case_instance c join definition_version d on d.id = c.definition_version_id where c.id = ?', [cases[1]]);
    expect(version!.version).toBe(2);
    expect(await timerStartJobs()).toEqual(['2024-03-18T01:00:00.000Z']);
  });

  it('given a cycle with a fixed number of repetitions, when the last one fires, then no further fire is scheduled', async () => {
    h.clock.set('2024-05-01T00:00:00Z');
    await h.publish(
      bpmn(`
      <bpmn:process id="twice" isExecutable="true">
        <bpmn:startEvent id="tick">
          <bpmn:timerEventDefinition><bpmn:timeCycle>R2/2024-05-02T09:00:00+08:00/PT1H</bpmn:timeCycle></bpmn:timerEventDefinition>
        </bpmn:startEvent>
        <bpmn:sequenceFlow id="f1" sourceRef="tick" targetRef="end"/>
        <bpmn:endEvent id="end"/>
      </bpmn:process>`),
    );
    await h.advanceTo('2024-05-02T01:00:00Z');
    await h.advanceTo('2024-05-02T02:00:00Z');
    await h.advanceTo('2024-05-09T02:00:00Z');
    expect(await h.casesOf('twice')).toHaveLength(2);
    expect((await h.jobs()).filter((j) => j.payload.processKey === 'twice')).toEqual([]);
  });
});
