import request from 'supertest';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const V1 = { type: 'object', required: ['name'], properties: { name: { type: 'string', title: '名称' } } };
const V2 = { type: 'object', required: ['name', 'phone'], properties: { name: { type: 'string', title: '名称' }, phone: { type: 'string', format: 'cn-phone', title: '联系方式' } } };
const UI = { 'ui:order': ['name', 'phone'] };

describe(`reading published forms over HTTP (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    const actor = { id: null, label: 'setup' };
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'reg-start', title: '登记表', schema: V1, actor });
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'reg-start', title: '登记表（第二版）', schema: V2, uiSchema: UI, actor });
    const other = await createTestTenant(t.em(), t.deps, 'othercounty');
    await t.deps.forms.publish(t.em(), { tenantId: other.id, formKey: 'other-only', title: '别县表单', schema: V1, actor });
  });
  afterAll(() => t.close());

  it('given two versions of a form, when staff ask without a version, then they get the latest with its UI schema', async () => {
    const { agent } = await t.login('market-staff');
    const res = await agent.get('/api/forms/reg-start');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ key: 'reg-start', version: 2, title: '登记表（第二版）', schema: V2, uiSchema: UI });
  });

  it('given two versions of a form, when staff ask for version 1, then they get that version and a null UI schema', async () => {
    const { agent } = await t.login('bureau-staff');
    const res = await agent.get('/api/forms/reg-start?version=1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ key: 'reg-start', version: 1, title: '登记表', schema: V1, uiSchema: null });
  });

  it('given an unknown key or version, when asked, then the answer is a 404 problem', async () => {
    const { agent } = await t.login('bureau-staff');
    const unknown = await agent.get('/api/forms/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/problem\+json/);
    expect((await agent.get('/api/forms/reg-start?version=3')).status).toBe(404);
  });

  it('given a form of another county, when asked by key, then it is a 404 exactly like an unknown key', async () => {
    const { agent } = await t.login('bureau-staff');
    const res = await agent.get('/api/forms/other-only');
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('别县表单');
  });

  it('given a malformed version, when asked, then it is a 422 pointing at the query', async () => {
    const { agent } = await t.login('bureau-staff');
    const res = await agent.get('/api/forms/reg-start?version=0');
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/query/version' })]);
  });

  it('given no session, when asked, then it is a 401', async () => {
    expect((await request(t.app.callback()).get('/api/forms/reg-start')).status).toBe(401);
  });
});
