import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { departmentIds } from '../../helpers/case-api-fixture';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

describe(`the notification bell and the session probe (${testDbKind()})`, () => {
  let t: TestApp;
  let otherTenantNote: string;
  beforeAll(async () => {
    t = await startTestApp();
    const depts = await departmentIds(t);
    const insert = (tenantId: string, dept: string | null, user: string | null, title: string, at: string) =>
      t.em().execute(
        "insert into notification (id, tenant_id, recipient_department_id, recipient_user_id, kind, title, body, case_id, task_id, channel, created_at) values (?, ?, ?, ?, 'push', ?, null, null, null, 'in-app', ?)",
        [randomUUID(), tenantId, dept, user, title, at],
      );
    await insert(t.tenantId, depts.market!, null, '市场监管局：新的推送', '2024-03-01T01:00:00Z');
    await insert(t.tenantId, depts.health!, null, '卫健局：新的推送', '2024-03-01T02:00:00Z');
    const other = await createTestTenant(t.em(), t.deps, 'bellother');
    const [otherMarket] = await t.em().execute<{ id: string }[]>("select id from department where tenant_id = ? and code = 'market'", [other.id]);
    await insert(other.id, otherMarket!.id, null, '别县：新的推送', '2024-03-01T03:00:00Z');
    [{ id: otherTenantNote }] = (await t.em().execute<{ id: string }[]>("select id from notification where title = '别县：新的推送'")) as [{ id: string }];
  });
  afterAll(() => t.close());

  it("a department's notification reaches each member, and reading it is per person", async () => {
    const a = await t.login('market-staff');
    const b = await t.login('market-liaison');
    const listA = await a.agent.get('/api/notifications');
    expect(listA.body.items.map((n: { title: string }) => n.title)).toEqual(['市场监管局：新的推送']);
    expect(listA.body.unread).toBe(1);
    await a.agent.post(`/api/notifications/${listA.body.items[0].id}/read`).set('X-CSRF-Token', a.csrf).expect(204);
    expect((await a.agent.get('/api/notifications')).body).toMatchObject({ unread: 0, items: [{ readAt: expect.any(String) }] });
    expect((await b.agent.get('/api/notifications')).body.unread).toBe(1);
    await b.agent.post('/api/notifications/read-all').set('X-CSRF-Token', b.csrf).expect(204);
    expect((await b.agent.get('/api/notifications?unread=true')).body.items).toEqual([]);
  });

  it("another department's or another county's notification cannot be seen or marked (404)", async () => {
    const a = await t.login('market-staff');
    expect((await a.agent.post(`/api/notifications/${otherTenantNote}/read`).set('X-CSRF-Token', a.csrf)).status).toBe(404);
    const [health] = await t.em().execute<{ id: string }[]>("select id from notification where title = '卫健局：新的推送'");
    expect((await a.agent.post(`/api/notifications/${health!.id}/read`).set('X-CSRF-Token', a.csrf)).status).toBe(404);
  });

  it('GET /api/session says whether the browser is logged in with a 200 either way, and lists counties for the login page', async () => {
    const anonymous = await request(t.app.callback()).get('/api/session');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ authenticated: false });
    const a = await t.login('market-staff');
    const me = await a.agent.get('/api/session');
    expect(me.body).toMatchObject({ authenticated: true, me: { login: 'market-staff', csrfToken: a.csrf } });
    const tenants = await request(t.app.callback()).get('/api/session/tenants');
    expect(tenants.body.map((x: { code: string }) => x.code)).toEqual(expect.arrayContaining(['testcounty', 'bellother']));
  });
});
