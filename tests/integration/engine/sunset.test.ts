import { bpmn } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, testPack, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const procedure = (name: string) =>
  bpmn(`
  <bpmn:process id="filing" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="check"/>
    <bpmn:userTask id="check" name="核对" cm:formKey="filing-check" cm:candidateDepartments="market" cm:deadline="3WD"/>
    <bpmn:sequenceFlow id="b" sourceRef="check" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

const TENANT = 'sunsetcounty';
const actor = { id: null, label: 'test' };

/** A county whose pack ends on 2025-01-10 (like the Qufu measures), moved across that day with the fake clock. */
describe(`validity windows and the sunset (${testDbKind()})`, () => {
  let t: TestApp;
  let tenantId: string;
  const start = () => t.deps.engine.startCase(t.em(), { tenantId, processKey: 'filing', variables: {}, actor });
  const versionOf = async (caseId: string) =>
    Number((await t.em().execute<{ version: number }[]>('select v.version from case_instance c join definition_version v on v.id = c.definition_version_id where c.id = ?', [caseId]))[0]!.version);

  beforeAll(async () => {
    t = await startTestApp({ start: '2025-01-09T02:00:00Z' });
    const pack = testPack(TENANT);
    pack.manifest.validity = { from: '2023-01-11', to: '2025-01-10' };
    tenantId = (await createTestTenant(t.em(), t.deps, TENANT, pack)).id;
    await t.deps.forms.publish(t.em(), { tenantId, formKey: 'filing-check', title: '核对', schema: { type: 'object', properties: { opinion: { type: 'string' } } }, actor });
    await t.deps.definitions.publish(t.em(), { tenantId, xml: procedure('备案'), actor });
  });
  afterAll(() => t.close());

  it('given the pack ends on 2025-01-10, when the clock crosses that day, then a case starts on the 10th (to local midnight), is refused on the 11th, starts again after an extension, and takes the successor once it is in effect', async () => {
    t.clock.set('2025-01-10T23:30:00+08:00'); // still the 10th in Shanghai (15:30 UTC)
    const onLastDay = await start();
    expect(onLastDay.created).toBe(true);
    expect(await versionOf(onLastDay.caseId)).toBe(1);

    t.clock.set('2025-01-11T00:30:00+08:00'); // the 11th in Shanghai, though still the 10th in UTC
    await expect(start()).rejects.toMatchObject({
      status: 409,
      code: 'procedure-not-effective',
      extensions: { procedure: 'filing', effectiveTo: '2025-01-10', action: 'extend-or-publish-successor' },
    });

    const { agent, csrf } = await t.login('admin', TENANT);
    const extended = await agent.post('/api/admin/pack/extensions').set('X-CSRF-Token', csrf).send({ extendedTo: '2025-06-30', reason: '新办法尚未印发，延期适用' });
    expect(extended.status).toBe(201);
    expect(extended.body).toMatchObject({ processKey: null, extendedTo: '2025-06-30', reason: '新办法尚未印发，延期适用' });
    const afterExtension = await start();
    expect(await versionOf(afterExtension.caseId)).toBe(1);

    // The successor takes effect on the 20th; until then new cases still take version 1.
    await t.deps.definitions.publish(t.em(), { tenantId, xml: procedure('备案（2025年修订）'), actor, effectiveFrom: '2025-01-20' });
    expect(await versionOf((await start()).caseId)).toBe(1);
    t.clock.set('2025-01-20T09:00:00+08:00');
    expect(await versionOf((await start()).caseId)).toBe(2);

    // Past the extension nothing is in effect again, and the problem names the extended end.
    t.clock.set('2025-07-01T09:00:00+08:00');
    await expect(start()).rejects.toMatchObject({ code: 'procedure-not-effective', extensions: { effectiveTo: '2025-06-30' } });
  });

  it('given an extension was granted, then it is in the audit chain with its reason and the previous end, and the overview lists it with the windows', async () => {
    const [row] = await t.em().execute<{ payload: Record<string, unknown>; actor_label: string }[]>(
      "select payload, actor_label from audit_event where tenant_id = ? and action = 'validity.extended'",
      [tenantId],
    );
    expect(row).toMatchObject({ actor_label: 'admin', payload: { scope: 'pack', previousEnd: '2025-01-10', extendedTo: '2025-06-30', reason: '新办法尚未印发，延期适用' } });

    t.clock.set('2025-02-01T09:00:00+08:00');
    const { agent } = await t.login('admin', TENANT);
    const res = await agent.get('/api/admin/validity');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      today: '2025-02-01',
      pack: { from: '2023-01-11', to: '2025-01-10', extendedTo: '2025-06-30' },
      procedures: [
        {
          key: 'filing',
          effectiveVersion: 2,
          versions: [
            { version: 2, own: { from: '2025-01-20', to: null }, effective: { from: '2025-01-20', to: '2025-06-30' }, effectiveToday: true },
            { version: 1, own: { from: null, to: null }, effective: { from: '2023-01-11', to: '2025-06-30' }, effectiveToday: true },
          ],
        },
      ],
      extensions: [{ processKey: null, extendedTo: '2025-06-30' }],
    });
  });

  it('given an extension that does not move the end later, then it is refused with 422 and nothing is recorded', async () => {
    const { agent, csrf } = await t.login('admin', TENANT);
    const res = await agent.post('/api/admin/procedures/filing/extensions').set('X-CSRF-Token', csrf).send({ extendedTo: '2025-03-01', reason: '过早' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ pointer: '/body/extendedTo', message: 'must be after 2025-06-30' }]);
    const staff = await t.login('market-staff', TENANT);
    const forbidden = await staff.agent.post('/api/admin/pack/extensions').set('X-CSRF-Token', staff.csrf).send({ extendedTo: '2026-01-01', reason: 'x' });
    expect(forbidden.status).toBe(403);
    const [{ n }] = (await t.em().execute<{ n: string }[]>('select count(*) as n from validity_extension where tenant_id = ?', [tenantId])) as [{ n: string }];
    expect(Number(n)).toBe(1);
  });

  it('given a case started before the sunset, when its task is completed after it (nothing in effect), then the case keeps its version and finishes, its deadline unchanged', async () => {
    t.clock.set('2025-07-02T09:00:00+08:00');
    await expect(start()).rejects.toMatchObject({ code: 'procedure-not-effective' });
    const [task] = await t.em().execute<{ id: string; case_id: string; due_at: Date | string; status: string }[]>(
      "select t.id, t.case_id, t.due_at, t.status from task t join case_instance c on c.id = t.case_id where t.tenant_id = ? and c.started_at < '2025-01-10T16:00:00Z' and t.element_id = 'check'",
      [tenantId],
    );
    expect(task).toBeDefined();
    const dueBefore = new Date(task!.due_at).toISOString();
    // Started on 2025-01-10 (a Friday): three working days later is Wednesday the 15th.
    expect(dueBefore.slice(0, 10)).toBe('2025-01-15');
    const { agent, csrf } = await t.login('market-staff', TENANT);
    const done = await agent.post(`/api/tasks/${task!.id}/complete`).set('X-CSRF-Token', csrf).send({ data: { opinion: '已核对' } });
    expect(done.status).toBeLessThan(300);
    const [after] = await t.em().execute<{ status: string; version: number; due_at: Date | string; completed_at: Date | string }[]>(
      'select c.status, v.version, t.due_at, t.completed_at from case_instance c join definition_version v on v.id = c.definition_version_id join task t on t.case_id = c.id where c.id = ?',
      [task!.case_id],
    );
    expect(after).toMatchObject({ status: 'completed', version: 1 });
    expect(new Date(after!.due_at).toISOString()).toBe(dueBefore);
    // Completed long after its due date: the deadline kept counting, so it was finished late.
    expect(new Date(after!.completed_at).getTime()).toBeGreaterThan(new Date(dueBefore).getTime());
  });

  it('given the sunset has passed, when a citizen-facing start is asked over HTTP, then it is a 409 problem+json naming the procedure, the expiry date and what an admin must do', async () => {
    const { agent, csrf } = await t.login('bureau-staff', TENANT);
    const res = await agent.post('/api/cases').set('X-CSRF-Token', csrf).send({ procedure: 'filing', variables: {} });
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 409, procedure: 'filing', effectiveTo: '2025-06-30', action: 'extend-or-publish-successor' });
    expect(res.body.type).toMatch(/procedure-not-effective$/);
    expect(res.body.detail).toMatch(/备案（2025年修订）.*filing.*2025-06-30.*延期适用.*successor/);
    const listed = (await agent.get('/api/procedures')).body as { key: string; inEffect: boolean }[];
    expect(listed.find((p) => p.key === 'filing')).toMatchObject({ inEffect: false }); // the start page can say so before anyone fills a form
  });
});
