import { bpmnProcess, endAfter, EngineHarness, flow, userTaskOf } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(60_000);

const FORM = 'raceForm';
const task = userTaskOf(FORM);

const SINGLE = bpmnProcess(
  'single',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'work')} ${task('work')} ${flow('f1', 'work', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

const FAN_OUT = bpmnProcess(
  'fanOut',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'claim')}
   <bpmn:userTask id="claim" cm:formKey="${FORM}" cm:candidateDepartments="market">
     <bpmn:multiInstanceLoopCharacteristics cm:collection="=items" cm:elementVariable="item"/>
   </bpmn:userTask>
   ${flow('f1', 'claim', 'after')} ${task('after', 'bureau')} ${endAfter('after')}`,
);

const TIMED = bpmnProcess(
  'timed',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'work')} ${task('work')} ${flow('f1', 'work', 'after')} ${task('after', 'bureau')} ${endAfter('after')}
   <bpmn:boundaryEvent id="timeout" attachedToRef="work"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
   ${flow('f2', 'timeout', 'late')} ${task('late', 'bureau')} ${endAfter('late')}`,
);

describe(`engine: concurrent commands (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM, { type: 'object', properties: { opinion: { type: 'string' } } });
    for (const xml of [SINGLE, FAN_OUT, TIMED]) await h.publish(xml);
  }, 60_000);
  afterAll(() => h.close());

  const count = (actions: string[], action: string) => actions.filter((a) => a === action).length;

  it('given one open task, when two of its candidates complete it at the same moment, then exactly one succeeds, the other gets a 409, and the case moved once', async () => {
    for (let round = 0; round < 3; round++) {
      const caseId = await h.start('single');
      const work = await h.openTask(caseId, 'work');
      // Two members of the candidate department (market-staff, market-liaison) race.
      const results = await Promise.allSettled([h.complete(work.id, { opinion: 'market' }, 'market-staff'), h.complete(work.id, { opinion: 'health' }, 'market-liaison')]);

      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toMatchObject({ name: 'ConflictError', status: 409 });

      const winner = results[0]!.status === 'fulfilled' ? 'market' : 'health';
      const row = await h.caseRow(caseId);
      expect(row.variables).toEqual({ opinion: winner });
      expect(row.version).toBe(2);
      expect(row.state.tokens.map((t) => t.elementId)).toEqual(['after']);
      const [done] = await h.query<{ status: string; completed_by: string; submission: unknown }>('select status, completed_by, submission from task where id = ?', [work.id]);
      const winnerLogin = winner === 'market' ? 'market-staff' : 'market-liaison';
      expect(done).toEqual({ status: 'completed', completed_by: await h.userId(winnerLogin), submission: { opinion: winner } });
      expect((await h.tasks(caseId)).map((t) => t.element_id).sort()).toEqual(['after', 'work']);
      expect(count(await h.auditActions(caseId), 'task.completed')).toBe(1);
    }
  });

  it('given one open task, when two people claim it at the same moment, then exactly one becomes the assignee', async () => {
    const caseId = await h.start('single');
    const work = await h.openTask(caseId, 'work');
    const results = await Promise.allSettled([h.claim(work.id, 'market-staff'), h.claim(work.id, 'market-liaison')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected?.reason).toMatchObject({ status: 409 });
    const winner = results[0]!.status === 'fulfilled' ? 'market-staff' : 'market-liaison';
    expect(await h.openTask(caseId, 'work')).toMatchObject({ status: 'claimed', assignee_id: await h.userId(winner) });
    expect(count(await h.auditActions(caseId), 'task.claimed')).toBe(1);
  });

  it('given four instances of one multi-instance task, when all are completed at the same moment, then every completion succeeds and the case moves on once', async () => {
    const caseId = await h.start('fanOut', { items: [1, 2, 3, 4] });
    const claims = await h.tasks(caseId);
    expect(claims).toHaveLength(4);

    await Promise.all(claims.map((t) => h.complete(t.id, { opinion: String(t.id) })));

    expect((await h.tasks(caseId)).map((t) => [t.element_id, t.status]).sort()).toEqual([
      ['after', 'open'],
      ['claim', 'completed'],
      ['claim', 'completed'],
      ['claim', 'completed'],
      ['claim', 'completed'],
    ]);
    const row = await h.caseRow(caseId);
    expect(row.state.tokens.map((t) => t.elementId)).toEqual(['after']);
    expect(row.state.scopes.map((s) => s.kind)).toEqual(['process']);
    expect(row.version).toBe(5);
    expect(count(await h.auditActions(caseId), 'task.completed')).toBe(4);
  });

  it('given an idempotency key, when startCase is called twice in a row, then the second call returns the first case', async () => {
    const first = await h.startWith({ processKey: 'single', variables: { n: 1 }, idempotencyKey: 'req-1' });
    const second = await h.startWith({ processKey: 'single', variables: { n: 2 }, idempotencyKey: 'req-1' });
    expect(first.created).toBe(true);
    expect(second).toEqual({ caseId: first.caseId, created: false });
    expect((await h.caseRow(first.caseId)).variables).toEqual({ n: 1 });
    expect(await h.query('select id from case_instance where idempotency_key = ?', ['req-1'])).toHaveLength(1);
  });

  it('given an idempotency key, when two starts with it race, then both return the same single case', async () => {
    for (let round = 0; round < 3; round++) {
      const key = `race-${round}`;
      const results = await Promise.all([h.startWith({ processKey: 'single', variables: {}, idempotencyKey: key }), h.startWith({ processKey: 'single', variables: {}, idempotencyKey: key })]);
      expect(results[0]!.caseId).toBe(results[1]!.caseId);
      expect(results.map((r) => r.created).sort()).toEqual([false, true]);
      expect(await h.query('select id from case_instance where idempotency_key = ?', [key])).toHaveLength(1);
    }
  });

  it('given a due interrupting timer, when it fires while the task is being completed, then exactly one of them wins and the case is consistent', async () => {
    for (let round = 0; round < 3; round++) {
      h.clock.set('2024-03-04T02:00:00Z');
      const caseId = await h.start('timed');
      const work = await h.openTask(caseId, 'work');
      h.clock.set('2024-03-04T03:00:00Z');
      const [completion] = await Promise.allSettled([h.complete(work.id), h.runDueJobs()]);
      await h.runDueJobs(); // a postponed timer job runs now and finds nothing to do

      const open = (await h.tasks(caseId)).filter((t) => t.status === 'open').map((t) => t.element_id);
      if (completion!.status === 'fulfilled') {
        expect(open).toEqual(['after']);
      } else {
        expect(completion!.reason).toMatchObject({ status: 409 });
        expect(open).toEqual(['late']);
      }
      expect((await h.caseRow(caseId)).state.tokens).toHaveLength(1);
      expect(await h.jobs(caseId)).toEqual([]);
      expect(await h.incidents()).toEqual([]);
    }
  });
});
