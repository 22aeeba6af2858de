import { bpmn } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const PROCEDURE = bpmn(`
  <bpmn:process id="registration" name="登记" isExecutable="true" cm:legalBasis="第二十条">
    <bpmn:startEvent id="start" name="登记" cm:formKey="reg-start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="check"/>
    <bpmn:userTask id="check" name="核对" cm:formKey="reg-start" cm:candidateDepartments="market" cm:deadline="3WD"/>
    <bpmn:sequenceFlow id="b" sourceRef="check" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

const FORM = { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string', minLength: 2, title: '名称' } } };

describe(`starting cases over HTTP (${testDbKind()})`, () => {
  let t: TestApp;
  let otherCaseId: string;
  beforeAll(async () => {
    t = await startTestApp();
    const actor = { id: null, label: 'setup' };
    for (const tenantId of [t.tenantId, (await createTestTenant(t.em(), t.deps, 'othercounty')).id]) {
      await t.deps.forms.publish(t.em(), { tenantId, formKey: 'reg-start', title: '登记表', schema: FORM, actor });
      await t.deps.definitions.publish(t.em(), { tenantId, xml: PROCEDURE, actor });
    }
    const [other] = await t.em().execute<{ id: string }[]>("select id from tenant where code = 'othercounty'");
    otherCaseId = (await t.deps.engine.startCase(t.em(), { tenantId: other!.id, processKey: 'registration', variables: { name: '别县' }, actor })).caseId;
  });
  afterAll(() => t.close());

  it('lists the published procedures with their start forms', async () => {
    const { agent } = await t.login('bureau-staff');
    const res = await agent.get('/api/procedures');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ key: 'registration', name: '登记', version: 1, legalBasis: '第二十条', startForm: { formKey: 'reg-start' }, inEffect: true }]);
  });

  it('refuses variables that break the start form with 422 pointing at the field, and starts nothing', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    const res = await agent.post('/api/cases').set('X-CSRF-Token', csrf).send({ procedure: 'registration', variables: { name: 'x', extra: 1 } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { pointer: '/body/variables/name', message: expect.stringMatching(/fewer than 2/) },
        { pointer: '/body/variables/extra', message: 'is not an allowed property' },
      ]),
    );
    const [{ n }] = (await t.em().execute<{ n: string }[]>('select count(*) as n from case_instance where tenant_id = ?', [t.tenantId])) as [{ n: string }];
    expect(Number(n)).toBe(0);
  });

  it('starts a case (201 with Location), and the same idempotency key returns the same case (200)', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    const first = await agent.post('/api/cases').set('X-CSRF-Token', csrf).set('Idempotency-Key', 'approval-2024-0001').send({ procedure: 'registration', variables: { name: '曲阜某公司' } });
    expect(first.status).toBe(201);
    expect(first.headers.location).toBe(`/api/cases/${first.body.caseId}`);
    const again = await agent.post('/api/cases').set('X-CSRF-Token', csrf).set('Idempotency-Key', 'approval-2024-0001').send({ procedure: 'registration', variables: { name: '曲阜某公司' } });
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(first.body.caseId);
    const status = await agent.get(`/api/cases/${first.body.caseId}`);
    expect(status.body).toMatchObject({ id: first.body.caseId, procedure: { key: 'registration' }, status: 'active' });
  });

  it('an unknown procedure is a 404 problem', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    const res = await agent.post('/api/cases').set('X-CSRF-Token', csrf).send({ procedure: 'nope', variables: {} });
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it("another county's case id is a 404", async () => {
    const { agent } = await t.login('bureau-staff');
    expect((await agent.get(`/api/cases/${otherCaseId}`)).status).toBe(404);
  });
});
