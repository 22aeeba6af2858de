import { verifyAuditChain } from '../../../platform/src/domain/audit/verify-audit-chain';
import { claimTask } from '../../../platform/src/engine/commands/task-commands';
import { bpmnProcess, endAfter, EngineHarness, flow } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

jest.setTimeout(180_000);

const PAIRS = 1000;
const FORM = 'raceForm';

/** One case whose multi-instance task opens one claimable task per item: PAIRS tasks to race on. */
const FAN_OUT = bpmnProcess(
  'fanOut',
  `<bpmn:startEvent id="start"/> ${flow('f0', 'start', 'claim')}
   <bpmn:userTask id="claim" cm:formKey="${FORM}" cm:candidateDepartments="market">
     <bpmn:multiInstanceLoopCharacteristics cm:collection="=items" cm:elementVariable="item"/>
   </bpmn:userTask>
   ${endAfter('claim')}`,
);

describe(`engine: ${PAIRS} racing pairs of claims (${testDbKind()})`, () => {
  let h: EngineHarness;
  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z');
    await h.publishForm(FORM, { type: 'object' });
    await h.publish(FAN_OUT);
  }, 60_000);
  afterAll(() => h.close());

  it('given an open task per pair, when two candidates claim each at the same moment, then each task has exactly one winner, the loser gets a 409, and one claim is audited per task', async () => {
    const caseId = await h.start('fanOut', { items: Array.from({ length: PAIRS }, (_, i) => i) });
    const tasks = (await h.tasks(caseId)).filter((t) => t.status === 'open');
    expect(tasks).toHaveLength(PAIRS);
    const before = new Map((await h.query<{ id: string; version: number }>('select id, version from task where case_id = ?', [caseId])).map((r) => [r.id, r.version]));
    const staff = await h.who('market-staff');
    const liaison = await h.who('market-liaison');

    // Both claims of a pair are issued together; 25 pairs are in flight at a time (embedded PGlite has one
    // connection with a 3 s acquire timeout, so 2,000 claims at once would time out in its queue, not race).
    const outcomes: { taskId: string; a: PromiseSettledResult<void>; b: PromiseSettledResult<void> }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        for (let i = next++; i < tasks.length; i = next++) {
          const t = tasks[i]!;
          const [a, b] = await Promise.allSettled([claimTask(h.services.engine, h.em(), staff, t.id), claimTask(h.services.engine, h.em(), liaison, t.id)]);
          outcomes.push({ taskId: t.id, a, b });
        }
      }),
    );
    expect(outcomes).toHaveLength(PAIRS);

    for (const { a, b } of outcomes) {
      expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
      const loser = (a.status === 'rejected' ? a : b) as PromiseRejectedResult;
      expect(loser.reason).toMatchObject({ status: 409 });
    }
    const winners = new Map(outcomes.map((o) => [o.taskId, o.a.status === 'fulfilled' ? staff.userId : liaison.userId]));
    const rows = await h.query<{ id: string; status: string; assignee_id: string; version: number }>("select id, status, assignee_id, version from task where case_id = ? and element_id = 'claim'", [caseId]);
    expect(rows).toHaveLength(PAIRS);
    // Claimed once: the winner is the assignee and the version moved by exactly one.
    for (const row of rows) expect(row).toMatchObject({ status: 'claimed', assignee_id: winners.get(row.id), version: before.get(row.id)! + 1 });
    const claimed = await h.query<{ n: string; tasks: string }>(
      "select count(*) as n, count(distinct payload->>'taskId') as tasks from audit_event where tenant_id = ? and subject_id = ? and action = 'task.claimed'",
      [h.tenantId, caseId],
    );
    expect(claimed[0]).toEqual({ n: String(PAIRS), tasks: String(PAIRS) });
    expect(await verifyAuditChain(h.em(), h.tenantId)).toMatchObject({ ok: true });
  });
});
