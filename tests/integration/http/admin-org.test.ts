import request from 'supertest';
import { verifyAuditChain } from '../../../platform/src/domain/audit/verify-audit-chain';
import { departmentIds } from '../../helpers/case-api-fixture';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const PASSWORD = 'correct horse battery';

describe(`designer API: organisation (${testDbKind()})`, () => {
  let t: TestApp;
  let depts: Record<string, string>;
  let otherTenantId: string;
  beforeAll(async () => {
    t = await startTestApp();
    depts = await departmentIds(t);
    otherTenantId = (await createTestTenant(t.em(), t.deps, 'othercounty')).id;
  });
  afterAll(() => t.close());

  /** Log in with a password of our choosing (not the demo one). */
  async function loginAs(login: string, password = PASSWORD) {
    const agent = request.agent(t.app.callback());
    const res = await agent.post('/api/session').send({ login, password, tenant: 'testcounty' });
    return { agent, res };
  }

  async function auditActions(subjectId: string): Promise<string[]> {
    const rows = await t.em().execute<{ action: string }[]>('select action from audit_event where tenant_id = ? and subject_id = ? order by seq', [t.tenantId, subjectId]);
    return rows.map((r) => r.action);
  }

  async function createUser(login: string, memberships: { departmentId: string; role: string }[] = []): Promise<string> {
    const { agent, csrf } = await t.login('admin');
    const res = await agent.post('/api/admin/users').set('X-CSRF-Token', csrf).send({ login, displayName: `${login} 同志`, password: PASSWORD, memberships });
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  it('given an admin, when they create a user with memberships, then the user can log in and holds exactly those roles', async () => {
    const id = await createUser('new-inspector', [{ departmentId: depts.market!, role: 'staff' }]);
    const { agent, res } = await loginAs('new-inspector');
    expect(res.status).toBe(200);
    expect(res.body.userId).toBe(id);
    const me = await agent.get('/api/me');
    expect(me.body.memberships).toEqual([expect.objectContaining({ departmentCode: 'market', role: 'staff' })]);
    const hash = await t.em().execute<{ password_hash: string }[]>('select password_hash from app_user where id = ?', [id]);
    expect(hash[0]!.password_hash).toMatch(/^\$argon2id\$/);
    expect(await auditActions(id)).toContain('org.user.created');
  });

  it('given a taken login, when an admin creates it again in another letter case, then 409 and no second account', async () => {
    const { agent, csrf } = await t.login('admin');
    const res = await agent.post('/api/admin/users').set('X-CSRF-Token', csrf).send({ login: 'Market-Staff', displayName: '重名', password: PASSWORD });
    expect(res.status).toBe(409);
    const [row] = await t.em().execute<{ n: string }[]>("select count(*) as n from app_user where tenant_id = ? and lower(login) = 'market-staff'", [t.tenantId]);
    expect(Number(row!.n)).toBe(1);
  });

  it('given a short password or a department of another county, when creating a user, then 422 names the field', async () => {
    const { agent, csrf } = await t.login('admin');
    const short = await agent.post('/api/admin/users').set('X-CSRF-Token', csrf).send({ login: 'shorty', displayName: '短', password: 'elevenchars' });
    expect(short.status).toBe(422);
    expect(short.body.errors[0].pointer).toBe('/body/password');
    const [foreign] = await t.em().execute<{ id: string }[]>("select id from department where tenant_id = ? and code = 'market'", [otherTenantId]);
    const res = await agent.post('/api/admin/users').set('X-CSRF-Token', csrf).send({ login: 'spy', displayName: '外县', password: PASSWORD, memberships: [{ departmentId: foreign!.id, role: 'staff' }] });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/body/memberships/0/departmentId');
    expect(await t.em().execute("select id from app_user where login = 'spy'")).toHaveLength(0);
  });

  it('given a user, when an admin replaces their memberships, then the list and their next session show only the new ones', async () => {
    const id = await createUser('mover', [{ departmentId: depts.market!, role: 'staff' }]);
    const { agent, csrf } = await t.login('admin');
    const res = await agent
      .put(`/api/admin/users/${id}/memberships`)
      .set('X-CSRF-Token', csrf)
      .send({ memberships: [{ departmentId: depts.health!, role: 'staff' }, { departmentId: depts.health!, role: 'leader' }, { departmentId: depts.health!, role: 'staff' }] });
    expect(res.status).toBe(204);
    const list = await agent.get('/api/admin/users');
    expect(list.status).toBe(200);
    const mover = list.body.find((u: { login: string }) => u.login === 'mover');
    expect(mover.memberships.map((m: { departmentCode: string; role: string }) => `${m.departmentCode}/${m.role}`).sort()).toEqual(['health/leader', 'health/staff']);
    const me = await (await loginAs('mover')).agent.get('/api/me');
    expect(me.body.memberships.map((m: { departmentCode: string }) => m.departmentCode)).toEqual(['health', 'health']);
    expect(await auditActions(id)).toContain('org.memberships.replaced');
  });

  it('given a user, when an admin grants and later removes the liaison role through memberships, then a filing is opened and ended in the history', async () => {
    const id = await createUser('new-liaison', [{ departmentId: depts.health!, role: 'staff' }]);
    const { agent, csrf } = await t.login('admin');
    const grant = await agent
      .put(`/api/admin/users/${id}/memberships`)
      .set('X-CSRF-Token', csrf)
      .send({ memberships: [{ departmentId: depts.health!, role: 'staff' }, { departmentId: depts.health!, role: 'liaison' }] });
    expect(grant.status).toBe(204);
    let filings = (await agent.get(`/api/departments/${depts.health}/liaisons`)).body.filter((f: { userId: string }) => f.userId === id);
    expect(filings).toEqual([expect.objectContaining({ endedAt: null, note: 'Liaison role granted by an admin' })]);
    const drop = await agent.put(`/api/admin/users/${id}/memberships`).set('X-CSRF-Token', csrf).send({ memberships: [{ departmentId: depts.health!, role: 'staff' }] });
    expect(drop.status).toBe(204);
    filings = (await agent.get(`/api/departments/${depts.health}/liaisons`)).body.filter((f: { userId: string }) => f.userId === id);
    expect(filings).toEqual([expect.objectContaining({ endReason: 'Liaison role removed by an admin', endedAt: expect.any(String) })]);
    const actions = await t.em().execute<{ action: string }[]>("select action from audit_event where tenant_id = ? and action like 'org.liaison.%' and payload->>'userId' = ? order by seq", [t.tenantId, id]);
    expect(actions.map((a) => a.action)).toEqual(['org.liaison.designated', 'org.liaison.ended']);
  });

  it('given a filed liaison, when their other roles are replaced but the liaison role is kept, then the filing stays open', async () => {
    const { agent, csrf } = await t.login('admin');
    const [liaison] = await t.em().execute<{ id: string }[]>("select id from app_user where tenant_id = ? and login = 'market-liaison'", [t.tenantId]);
    const res = await agent
      .put(`/api/admin/users/${liaison!.id}/memberships`)
      .set('X-CSRF-Token', csrf)
      .send({ memberships: [{ departmentId: depts.market!, role: 'liaison' }, { departmentId: depts.market!, role: 'leader' }] });
    expect(res.status).toBe(204);
    const open = await t.em().execute('select id from liaison_designation where user_id = ? and ended_at is null', [liaison!.id]);
    expect(open).toHaveLength(1);
    const roles = await t.em().execute<{ role: string }[]>('select role from membership where user_id = ? order by role', [liaison!.id]);
    expect(roles.map((r) => r.role)).toEqual(['leader', 'liaison']);
  });

  it('given a logged-in user, when an admin deactivates them, then their session stops working and they cannot log in again', async () => {
    const id = await createUser('leaver', [{ departmentId: depts.market!, role: 'staff' }]);
    const session = await loginAs('leaver');
    expect((await session.agent.get('/api/me')).status).toBe(200);
    const { agent, csrf } = await t.login('admin');
    expect((await agent.patch(`/api/admin/users/${id}`).set('X-CSRF-Token', csrf).send({ active: false })).status).toBe(204);
    expect((await session.agent.get('/api/me')).status).toBe(401);
    expect((await loginAs('leaver')).res.status).toBe(401);
    expect(await t.em().execute('select token_hash from user_session where user_id = ?', [id])).toHaveLength(0);
    expect(await auditActions(id)).toContain('org.user.deactivated');
    // Reactivated with a new password, the old one no longer works and the new one does.
    expect((await agent.patch(`/api/admin/users/${id}`).set('X-CSRF-Token', csrf).send({ active: true, password: 'a brand new passphrase', displayName: '回来了' })).status).toBe(204);
    expect((await loginAs('leaver')).res.status).toBe(401);
    const back = await loginAs('leaver', 'a brand new passphrase');
    expect(back.res.status).toBe(200);
    expect(back.res.body.displayName).toBe('回来了');
  });

  it('given the admin, when they try to deactivate themselves, then 409 and they stay active', async () => {
    const { agent, csrf, userId } = await t.login('admin');
    const res = await agent.patch(`/api/admin/users/${userId}`).set('X-CSRF-Token', csrf).send({ active: false });
    expect(res.status).toBe(409);
    expect((await agent.get('/api/me')).status).toBe(200);
  });

  it('given the only admin, when their admin role is replaced away, then 409 because the county would have no admin', async () => {
    const { agent, csrf, userId } = await t.login('admin');
    const res = await agent.put(`/api/admin/users/${userId}/memberships`).set('X-CSRF-Token', csrf).send({ memberships: [{ departmentId: depts.bureau!, role: 'staff' }] });
    expect(res.status).toBe(409);
    const roles = await t.em().execute<{ role: string }[]>('select role from membership where user_id = ?', [userId]);
    expect(roles.map((r) => r.role)).toEqual(['admin']);
  });

  it("given another county's user id, when an admin patches it, then 404", async () => {
    const [foreign] = await t.em().execute<{ id: string }[]>("select id from app_user where tenant_id = ? and login = 'market-staff'", [otherTenantId]);
    const { agent, csrf } = await t.login('admin');
    const res = await agent.patch(`/api/admin/users/${foreign!.id}`).set('X-CSRF-Token', csrf).send({ displayName: '改名' });
    expect(res.status).toBe(404);
  });

  it('given an admin, when they create and rename a department, then it is listed with the new name; a taken code or a second bureau is 409', async () => {
    const { agent, csrf } = await t.login('admin');
    const created = await agent.post('/api/admin/departments').set('X-CSRF-Token', csrf).send({ code: 'transport', name: '测试县交通局', kind: 'supervising' });
    expect(created.status).toBe(201);
    const renamed = await agent.patch(`/api/admin/departments/${created.body.id}`).set('X-CSRF-Token', csrf).send({ name: '测试县交通运输局' });
    expect(renamed.status).toBe(204);
    const list = await agent.get('/api/departments');
    expect(list.body).toContainEqual({ id: created.body.id, code: 'transport', name: '测试县交通运输局', kind: 'supervising' });
    expect((await agent.post('/api/admin/departments').set('X-CSRF-Token', csrf).send({ code: 'transport', name: '重复', kind: 'other' })).status).toBe(409);
    expect((await agent.post('/api/admin/departments').set('X-CSRF-Token', csrf).send({ code: 'bureau2', name: '第二审批局', kind: 'approval_bureau' })).status).toBe(409);
    expect(await auditActions(created.body.id)).toEqual(['org.department.created', 'org.department.renamed']);
  });

  it('given staff or a liaison, when they call the admin organisation routes, then 403 and nothing changes', async () => {
    for (const login of ['market-staff', 'market-liaison', 'leader']) {
      const { agent, csrf } = await t.login(login);
      expect((await agent.get('/api/admin/users')).status).toBe(403);
      expect((await agent.post('/api/admin/users').set('X-CSRF-Token', csrf).send({ login: `by-${login}`, displayName: 'x', password: PASSWORD })).status).toBe(403);
      expect((await agent.post('/api/admin/departments').set('X-CSRF-Token', csrf).send({ code: `d-${login}`, name: 'x', kind: 'other' })).status).toBe(403);
    }
    expect(await t.em().execute("select id from app_user where login like 'by-%'")).toHaveLength(0);
  });

  it('after all these changes, the audit chain still verifies', async () => {
    const report = await verifyAuditChain(t.em(), t.tenantId);
    expect(report.ok).toBe(true);
  });
});
