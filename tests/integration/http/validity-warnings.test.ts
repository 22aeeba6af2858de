import request from 'supertest';
import { createTestTenant, startTestApp, testPack, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

/** GET /api/validity/warnings: for every logged-in user of the county, scoped to it. The test pack ends on 2026-12-31. */
describe(`GET /api/validity/warnings (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-15T02:00:00Z' });
    const open = testPack('openended');
    open.manifest.validity = { from: '2024-01-01' };
    await createTestTenant(t.em(), t.deps, 'openended', open);
  });
  afterAll(() => t.close());

  it('given no session, then it is a 401 problem', async () => {
    const res = await request(t.app.callback()).get('/api/validity/warnings');
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('given a staff member (not an admin), then it lists the pack ending in 46 days at level 60', async () => {
    const { agent } = await t.login('market-staff');
    const res = await agent.get('/api/validity/warnings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      today: '2026-11-15',
      warnings: [{ scope: 'pack', processKey: null, name: '测试县审管联动办法', effectiveTo: '2026-12-31', daysLeft: 46, level: '60' }],
    });
  });

  it("given a user of a county whose pack has no end, then it is empty (another county's warnings never show)", async () => {
    const { agent } = await t.login('admin', 'openended');
    const res = await agent.get('/api/validity/warnings');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ today: '2026-11-15', warnings: [] });
  });
});
