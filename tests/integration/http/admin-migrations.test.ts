import pino from 'pino';
import { JobWorker } from '../../../platform/src/scheduler/job-worker';
import { bpmnProcess, flow } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const version = (taskId: string, name: string) =>
  bpmnProcess(
    'filing',
    `<bpmn:startEvent id="start"/>${flow('f1', 'start', taskId)}
     <bpmn:userTask id="${taskId}" name="${name}" cm:formKey="note" cm:candidateDepartments="market" cm:deadline="3WD"/>
     ${flow('f2', taskId, 'end')}<bpmn:endEvent id="end"/>`,
  );

describe(`the designer's migration API (${testDbKind()})`, () => {
  let t: TestApp;
  let worker: JobWorker;
  const actor = { id: null, label: 'setup' };
  const caseIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    worker = new JobWorker({ orm: t.db.orm, clock: t.clock, handlers: t.deps.jobHandlers, workerId: 'http-test', logger: pino({ level: 'silent' }), leaseMs: 60_000 });
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'note', title: '意见', schema: { type: 'object', properties: { note: { type: 'string' } } }, actor });
    await t.deps.definitions.publish(t.em(), { tenantId: t.tenantId, xml: version('check', '核对'), actor });
    for (let i = 0; i < 3; i++) caseIds.push((await t.deps.engine.startCase(t.em(), { tenantId: t.tenantId, processKey: 'filing', variables: {}, actor })).caseId);
    await t.deps.definitions.publish(t.em(), { tenantId: t.tenantId, xml: version('review', '审核'), actor });
  });
  afterAll(() => t.close());

  it('answers 401 without a session and 403 to staff, on every migration route', async () => {
    const { agent, csrf } = await t.login('market-staff');
    const body = { fromVersion: 1, toVersion: 2, mapping: {} };
    expect((await agent.get('/api/admin/procedures/filing/migrations/proposal?from=1&to=2')).status).toBe(403);
    expect((await agent.post('/api/admin/procedures/filing/migrations/dry-run').set('X-CSRF-Token', csrf).send(body)).status).toBe(403);
    expect((await agent.post('/api/admin/procedures/filing/migrations').set('X-CSRF-Token', csrf).send(body)).status).toBe(403);
    expect((await agent.get('/api/admin/procedures/filing/migrations')).status).toBe(403);
    const { agent: anonymous } = { agent: (await import('supertest')).default.agent(t.app.callback()) };
    expect((await anonymous.get('/api/admin/procedures/filing/migrations')).status).toBe(401);
  });

  it('given a renamed task, when the admin maps it, dry-runs and starts a plan, then the batch job migrates every case and the plan reports it', async () => {
    const { agent, csrf } = await t.login('admin');
    const proposal = await agent.get('/api/admin/procedures/filing/migrations/proposal?from=1&to=2');
    expect(proposal.status).toBe(200);
    expect(proposal.body).toMatchObject({ processKey: 'filing', fromVersion: 1, toVersion: 2, runningCases: 3, mapping: { check: null } });
    expect(proposal.body.target).toEqual([{ id: 'review', name: '审核', type: 'userTask' }]);

    const body = { fromVersion: 1, toVersion: 2, mapping: { check: 'review' } };
    const dry = await agent.post('/api/admin/procedures/filing/migrations/dry-run').set('X-CSRF-Token', csrf).send(body);
    expect(dry.status).toBe(200);
    expect(dry.body.summary).toEqual({ total: 3, migratable: 3, blocked: 0 });

    const started = await agent.post('/api/admin/procedures/filing/migrations').set('X-CSRF-Token', csrf).send(body);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', fromVersion: 1, toVersion: 2, recomputeDeadlines: false, createdBy: expect.any(String), progress: { total: 3, pending: 3 } });
    const running = await agent.get(`/api/admin/migrations/${started.body.id}`);
    expect(running.body.cases.map((c: { status: string }) => c.status)).toEqual(['pending', 'pending', 'pending']);

    await worker.runUntilIdle();
    const done = await agent.get(`/api/admin/migrations/${started.body.id}`);
    expect(done.body).toMatchObject({ status: 'done', progress: { total: 3, pending: 0, migrated: 3, skipped: 0, failed: 0 } });
    expect(new Set(done.body.cases.map((c: { caseId: string }) => c.caseId))).toEqual(new Set(caseIds));
    const list = await agent.get('/api/admin/procedures/filing/migrations');
    expect(list.body.plans).toHaveLength(1);

    const { agent: staff } = await t.login('market-staff'); // admins read no cases; the department the task reaches does
    const timeline = await staff.get(`/api/cases/${caseIds[0]}/timeline`);
    expect(JSON.stringify(timeline.body)).toContain('从流程第 1 版迁移到第 2 版');
  });

  it('refuses bad bodies with problem+json and writes nothing', async () => {
    const { agent, csrf } = await t.login('admin');
    const plans = async () => Number((await t.em().execute<{ n: string }[]>('select count(*) as n from migration_plan'))[0]!.n);
    const before = await plans();
    for (const body of [{ fromVersion: 1, toVersion: 2, mapping: { check: 5 } }, { fromVersion: '1', toVersion: 2, mapping: {} }, { fromVersion: 1, toVersion: 2, mapping: {}, extra: true }, { fromVersion: 1, toVersion: 2, mapping: { check: 'nowhere' } }]) {
      const res = await agent.post('/api/admin/procedures/filing/migrations').set('X-CSRF-Token', csrf).send(body);
      expect([400, 422]).toContain(res.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await agent.get('/api/admin/procedures/filing/migrations/proposal?from=1&to=1')).status).toBe(422);
    expect((await agent.get('/api/admin/procedures/nothing/migrations/proposal?from=1&to=2')).status).toBe(404);
    expect(await plans()).toBe(before);
  });

  it("hides another county's plans: its id is a 404", async () => {
    const other = await createTestTenant(t.em(), t.deps, 'othercounty');
    await t.deps.forms.publish(t.em(), { tenantId: other.id, formKey: 'note', title: '意见', schema: { type: 'object' }, actor });
    await t.deps.definitions.publish(t.em(), { tenantId: other.id, xml: version('check', '核对'), actor });
    await t.deps.definitions.publish(t.em(), { tenantId: other.id, xml: version('review', '审核'), actor });
    const plan = await t.deps.migrations.start(t.em(), { tenantId: other.id, processKey: 'filing', fromVersion: 1, toVersion: 2, mapping: { check: 'review' }, recomputeDeadlines: false }, actor);
    const { agent } = await t.login('admin');
    expect((await agent.get(`/api/admin/migrations/${plan.id}`)).status).toBe(404);
  });
});
