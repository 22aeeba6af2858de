import { bpmnProcess, EngineHarness, flow } from '../../helpers/engine-harness';
import { testDbKind } from '../../helpers/test-database';

const overdue = (id: string, on: string) =>
  `<bpmn:boundaryEvent id="${id}" attachedToRef="${on}" cancelActivity="false"><bpmn:timerEventDefinition cm:atTaskDeadline="true"/></bpmn:boundaryEvent>
   ${flow(`${id}_out`, id, `${id}_end`)}<bpmn:endEvent id="${id}_end"/>`;

/** Version 1: one claim step with a 3-working-day deadline and a warning at its deadline. */
const v1 = (key: string) => bpmnProcess(
  key,
  `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'check')}
   <bpmn:userTask id="check" name="核对" cm:formKey="opinion" cm:candidateDepartments="market" cm:deadline="3WD"/>
   ${overdue('overdue', 'check')}
   ${flow('f2', 'check', 'end')}<bpmn:endEvent id="end"/>`,
);

/** Version 2: the step renamed (new id and name), 5 working days, and a signing step added after it. */
const v2 = (key: string) => bpmnProcess(
  key,
  `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'review')}
   <bpmn:userTask id="review" name="审核" cm:formKey="opinion" cm:candidateDepartments="market" cm:deadline="5WD" cm:legalBasis="第十条"/>
   ${overdue('late', 'review')}
   ${flow('f2', 'review', 'sign')}
   <bpmn:userTask id="sign" name="签发" cm:formKey="opinion" cm:candidateDepartments="bureau"/>
   ${flow('f3', 'sign', 'end')}<bpmn:endEvent id="end"/>`,
);

/** Version 3: the claim step removed altogether. */
const v3 = (key: string) => bpmnProcess(key, `<bpmn:startEvent id="start"/>${flow('f1', 'start', 'sign')}<bpmn:userTask id="sign" name="签发" cm:formKey="opinion" cm:candidateDepartments="bureau"/>${flow('f3', 'sign', 'end')}<bpmn:endEvent id="end"/>`);

describe(`migrating running cases between versions (${testDbKind()})`, () => {
  let h: EngineHarness;
  const admin = { id: null, label: 'admin' };
  const request = (processKey: string, fromVersion: number, toVersion: number, mapping: Record<string, string | null>, recomputeDeadlines = false) => ({
    tenantId: h.tenantId,
    processKey,
    fromVersion,
    toVersion,
    mapping,
    recomputeDeadlines,
  });
  const versionOf = async (caseId: string) =>
    Number((await h.query<{ version: number }>('select v.version from case_instance c join definition_version v on v.id = c.definition_version_id where c.id = ?', [caseId]))[0]!.version);
  const runPlan = async (req: ReturnType<typeof request>) => {
    const plan = await h.services.migrations.start(h.em(), req, admin);
    await h.runDueJobs();
    return h.services.migrations.plan(h.em(), h.tenantId, plan.id);
  };

  beforeAll(async () => {
    h = await EngineHarness.start('2024-03-04T02:00:00Z'); // Monday
    await h.publishForm('opinion', { type: 'object', properties: { opinion: { type: 'string' } } });
  });
  afterAll(() => h.db.close());

  it('given a task renamed in B, when the plan maps it, then running cases move to B keeping their due date and task, and continue on B (the added step comes next)', async () => {
    await h.publish(v1('permit'));
    const first = await h.start('permit');
    const second = await h.start('permit');
    const task = await h.openTask(first, 'check');
    await h.claim(task.id);
    await h.publish(v2('permit'));

    const proposal = await h.services.migrations.proposal(h.em(), h.tenantId, 'permit', 1, 2);
    expect(proposal.runningCases).toBe(2);
    expect(proposal.mapping).toMatchObject({ check: null, overdue: null }); // a rename is a removal to the differ: only a person can pair them
    expect(proposal.diff.removed).toEqual(expect.arrayContaining(['check', 'overdue']));
    expect(proposal.diff.added).toEqual(expect.arrayContaining(['review', 'sign', 'late']));

    const unmapped = await h.services.migrations.dryRun(h.em(), request('permit', 1, 2, proposal.mapping));
    expect(unmapped.summary).toEqual({ total: 2, migratable: 0, blocked: 2 });
    expect(unmapped.cases[0]!.reasons.join()).toContain('「核对」(check)');

    const mapping = { ...proposal.mapping, check: 'review', overdue: 'late' };
    const dry = await h.services.migrations.dryRun(h.em(), request('permit', 1, 2, mapping));
    expect(dry.summary).toEqual({ total: 2, migratable: 2, blocked: 0 });
    expect(dry.cases[0]!.moves).toEqual(expect.arrayContaining([{ from: 'check', to: 'review' }, { from: 'overdue', to: 'late' }]));
    expect(await versionOf(first)).toBe(1); // a dry run changes nothing

    const done = await runPlan(request('permit', 1, 2, mapping));
    expect(done.plan.status).toBe('done');
    expect(done.plan.progress).toEqual({ total: 2, pending: 0, migrated: 2, skipped: 0, failed: 0 });
    expect(await versionOf(first)).toBe(2);
    const moved = await h.openTask(first, 'review');
    expect(moved).toMatchObject({ id: task.id, name: '审核', status: 'claimed', due_at: task.due_at }); // same task, same assignee, original due date
    expect((await h.caseRow(first)).state.tokens[0]).toMatchObject({ elementId: 'review', boundary: [{ elementId: 'late' }] });
    expect(await h.auditActions(first)).toContain('case.migrated');

    // The deadline warning armed on v1 still fires, now as B's boundary event.
    await h.advanceTo('2024-03-08T00:30:00+08:00'); // Thursday's deadline has passed
    expect((await h.auditActions(second)).filter((a) => a === 'boundary.triggered')).toHaveLength(1);

    // Completing the moved task follows B: the signing step added in B comes next.
    await h.complete(task.id, { opinion: '同意' });
    expect((await h.openTask(first, 'sign')).name).toBe('签发');
  });

  it('given recomputeDeadlines, when a task moves to a step with another deadline, then its due date and its deadline timer follow B', async () => {
    await h.publish(v1('permit2'));
    h.clock.set('2024-03-11T02:00:00Z'); // Monday
    const caseId = await h.start('permit2');
    const before = await h.openTask(caseId, 'check');
    await h.publish(v2('permit2'));
    const done = await runPlan(request('permit2', 1, 2, { check: 'review', overdue: 'late' }, true));
    expect(done.plan.progress.migrated).toBe(1);
    const after = await h.openTask(caseId, 'review');
    expect(before.due_at).toBe('2024-03-14T16:00:00.000Z'); // 3 working days after Monday 11 March: the end of Thursday
    expect(after.due_at).toBe('2024-03-18T16:00:00.000Z'); // 5 working days: the end of the next Monday
    const timers = (await h.jobs(caseId)).filter((j) => j.dedupe_key?.includes(`:dl:${after.id}:`));
    expect(timers.map((j) => [j.due_at, j.payload.elementId])).toEqual([['2024-03-18T16:00:00.000Z', 'late']]);
  });

  it('given a step removed in B with no counterpart, then the dry run and the plan report the case as not migratable and it keeps running on A, untouched', async () => {
    await h.publish(v1('permit3'));
    const caseId = await h.start('permit3');
    await h.publish(v3('permit3'));
    const rowBefore = await h.caseRow(caseId);
    const dry = await h.services.migrations.dryRun(h.em(), request('permit3', 1, 2, {}));
    const mine = dry.cases.find((c) => c.caseId === caseId)!;
    expect(mine.migratable).toBe(false);
    expect(mine.reasons).toEqual(expect.arrayContaining([expect.stringContaining('新版本中已删除且未映射')]));

    const done = await runPlan(request('permit3', 1, 2, {}));
    expect(done.cases.find((c) => c.caseId === caseId)).toMatchObject({ status: 'skipped', reason: expect.stringContaining('「核对」(check)') });
    expect(await versionOf(caseId)).toBe(1);
    expect(await h.caseRow(caseId)).toEqual(rowBefore);
    const task = await h.openTask(caseId, 'check');
    await h.complete(task.id, { opinion: '同意' });
    expect((await h.caseRow(caseId)).status).toBe('completed'); // it finishes on A's path
  });

  it('given a migration that throws for one case, then that case is rolled back and reported failed while the others migrate', async () => {
    await h.publish(v1('permit4'));
    h.clock.set('2026-12-01T02:00:00Z');
    const late = await h.start('permit4'); // B's 5 working days still fit in the seeded calendar (2026) ...
    h.clock.set('2026-12-24T02:00:00Z');
    const tooLate = await h.start('permit4');
    await h.publish(v2('permit4')); // ... but from Christmas Eve they end on 31 December at 24:00, in 2027, which the calendar does not cover yet
    const rowBefore = await h.caseRow(tooLate);
    const taskBefore = await h.openTask(tooLate, 'check');
    const done = await runPlan(request('permit4', 1, 2, { check: 'review', overdue: 'late' }, true));
    expect(done.cases.find((c) => c.caseId === late)).toMatchObject({ status: 'migrated' });
    expect(done.cases.find((c) => c.caseId === tooLate)).toMatchObject({ status: 'failed', reason: expect.stringContaining('迁移失败，已回滚') });
    expect(await versionOf(tooLate)).toBe(1);
    expect(await h.caseRow(tooLate)).toEqual(rowBefore);
    expect(await h.openTask(tooLate, 'check')).toEqual(taskBefore); // the task rename before the failure was rolled back too
    expect(await h.auditActions(tooLate)).not.toContain('case.migrated');
  });

  it('refuses a mapping onto elements B does not have, and the same version twice, changing nothing', async () => {
    await expect(h.services.migrations.dryRun(h.em(), request('permit', 1, 2, { check: 'nowhere' }))).rejects.toMatchObject({ status: 422 });
    await expect(h.services.migrations.start(h.em(), request('permit', 1, 2, { ghost: 'review' }), admin)).rejects.toMatchObject({ status: 422 });
    await expect(h.services.migrations.start(h.em(), request('permit', 2, 2, {}), admin)).rejects.toMatchObject({ status: 422 });
    await expect(h.services.migrations.proposal(h.em(), h.tenantId, 'permit', 1, 9)).rejects.toMatchObject({ status: 404 });
  });
});
