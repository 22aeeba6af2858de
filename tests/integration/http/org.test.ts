import { verifyAuditChain } from '../../../platform/src/domain/audit/verify-audit-chain';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

describe(`departments and liaison filings (${testDbKind()})`, () => {
  let t: TestApp;
  let otherTenantId: string;
  beforeAll(async () => {
    t = await startTestApp();
    // A second county using the very same department codes and demo logins.
    otherTenantId = (await createTestTenant(t.em(), t.deps, 'othercounty')).id;
  });
  afterAll(() => t.close());

  async function departmentId(code: string, tenantId = t.tenantId): Promise<string> {
    const [row] = await t.em().execute<{ id: string }[]>('select id from department where tenant_id = ? and code = ?', [tenantId, code]);
    return row!.id;
  }

  it("lists only the caller's county's departments", async () => {
    const { agent } = await t.login('market-staff', 'testcounty');
    const res = await agent.get('/api/departments');
    expect(res.status).toBe(200);
    expect(res.body.map((d: { code: string }) => d.code).sort()).toEqual(['bureau', 'health', 'market']);
    const ids = res.body.map((d: { id: string }) => d.id);
    expect(ids).not.toContain(await departmentId('market', otherTenantId));
  });

  it('given two counties, login needs the county code and lands in the right one', async () => {
    const { agent } = await t.login('admin', 'othercounty');
    expect((await agent.get('/api/me')).body.tenant.code).toBe('othercounty');
  });

  it("shows a department's current liaison filing", async () => {
    const { agent } = await t.login('market-staff', 'testcounty');
    const res = await agent.get(`/api/departments/${await departmentId('market')}/liaisons`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ userLogin: 'market-liaison', endedAt: null });
  });

  it("another county's department id is a 404, so its existence does not leak", async () => {
    const { agent } = await t.login('admin', 'testcounty');
    const res = await agent.get(`/api/departments/${await departmentId('market', otherTenantId)}/liaisons`);
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toMatch(/problem\+json/);
  });

  it('a malformed id is a 422 naming the path parameter', async () => {
    const { agent } = await t.login('admin', 'testcounty');
    const res = await agent.get('/api/departments/not-a-uuid/liaisons');
    expect(res.status).toBe(422);
    expect(res.body.errors[0].pointer).toBe('/params/id');
  });

  it('when an admin replaces a liaison, the history keeps both filings with who and when, and the roles follow', async () => {
    const { agent, csrf, userId: adminId } = await t.login('admin', 'testcounty');
    const market = await departmentId('market');
    const [staff] = await t.em().execute<{ id: string }[]>("select id from app_user where tenant_id = ? and login = 'market-staff'", [t.tenantId]);
    const [current] = (await agent.get(`/api/departments/${market}/liaisons`)).body;

    t.clock.advance(2 * 3_600_000); // within the 12-hour session, so the filing time differs from the initial one
    const filed = await agent.post(`/api/departments/${market}/liaisons`).set('X-CSRF-Token', csrf).send({ userId: staff!.id, note: '局党组会议决定调整联络员' });
    expect(filed.status).toBe(201);
    expect(filed.body).toMatchObject({ userLogin: 'market-staff', designatedBy: adminId, note: '局党组会议决定调整联络员', endedAt: null });

    const ended = await agent.post(`/api/liaison-designations/${current.id}/end`).set('X-CSRF-Token', csrf).send({ reason: '工作调动' });
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endedBy: adminId, endReason: '工作调动', endedAt: t.clock.now().toISOString() });

    const history = (await agent.get(`/api/departments/${market}/liaisons`)).body;
    expect(history.map((h: { userLogin: string; endedAt: string | null }) => [h.userLogin, h.endedAt === null])).toEqual([
      ['market-staff', true],
      ['market-liaison', false],
    ]);
    const newLiaison = await t.login('market-staff', 'testcounty');
    expect((await newLiaison.agent.get('/api/me')).body.memberships.map((m: { role: string }) => m.role)).toContain('liaison');
    const oldLiaison = await t.login('market-liaison', 'testcounty');
    expect((await oldLiaison.agent.get('/api/me')).body.memberships.map((m: { role: string }) => m.role)).not.toContain('liaison');

    const again = await agent.post(`/api/liaison-designations/${current.id}/end`).set('X-CSRF-Token', csrf).send({ reason: 'twice' });
    expect(again.status).toBe(409);
    expect((await verifyAuditChain(t.em(), t.tenantId)).ok).toBe(true);
  });

  it('staff may not file liaison changes (403), and nothing changes', async () => {
    const { agent, csrf } = await t.login('health-staff', 'testcounty');
    const health = await departmentId('health');
    const before = (await agent.get(`/api/departments/${health}/liaisons`)).body;
    const [user] = await t.em().execute<{ id: string }[]>("select id from app_user where tenant_id = ? and login = 'health-staff'", [t.tenantId]);
    const res = await agent.post(`/api/departments/${health}/liaisons`).set('X-CSRF-Token', csrf).send({ userId: user!.id, note: 'self-appointed' });
    expect(res.status).toBe(403);
    expect((await agent.get(`/api/departments/${health}/liaisons`)).body).toEqual(before);
  });

  it("a leader may file for their own department but not for another's", async () => {
    const { agent, csrf } = await t.login('leader', 'testcounty');
    const [user] = await t.em().execute<{ id: string }[]>("select id from app_user where tenant_id = ? and login = 'bureau-staff'", [t.tenantId]);
    const own = await agent.post(`/api/departments/${await departmentId('bureau')}/liaisons`).set('X-CSRF-Token', csrf).send({ userId: user!.id, note: '备案' });
    expect(own.status).toBe(201);
    const foreign = await agent.post(`/api/departments/${await departmentId('health')}/liaisons`).set('X-CSRF-Token', csrf).send({ userId: user!.id, note: '备案' });
    expect(foreign.status).toBe(403);
  });

  it('a user of another county cannot be filed as liaison here (404)', async () => {
    const { agent, csrf } = await t.login('admin', 'testcounty');
    const [foreignUser] = await t.em().execute<{ id: string }[]>("select id from app_user where tenant_id = ? and login = 'health-staff'", [otherTenantId]);
    const res = await agent.post(`/api/departments/${await departmentId('health')}/liaisons`).set('X-CSRF-Token', csrf).send({ userId: foreignUser!.id, note: 'x' });
    expect(res.status).toBe(404);
  });

  it('an admin can verify the audit chain over HTTP; staff cannot', async () => {
    const admin = await t.login('admin', 'testcounty');
    const res = await admin.agent.get('/api/audit/verify');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, rowsChecked: expect.any(Number) });
    expect(res.body.rowsChecked).toBeGreaterThan(5);
    const staff = await t.login('health-staff', 'testcounty');
    expect((await staff.agent.get('/api/audit/verify')).status).toBe(403);
  });
});
