import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Koa from 'koa';
import pino from 'pino';
import request from 'supertest';
import { ManualClock } from '../../../platform/src/clock';
import { EXPIRY_CHECK_JOB } from '../../../platform/src/engine/definitions/expiry-check-job';
import { ensureFirstTenant } from '../../../platform/src/domain/tenant/first-start';
import { createApp } from '../../../platform/src/http/app';
import { createServices } from '../../../platform/src/services';
import { cheapHasher, createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { openTestDatabase, testDbKind } from '../../helpers/test-database';

const MINI = path.resolve(__dirname, '../../fixtures/packs/mini-county');
const PASSWORD = 'county-admin-pass-1';

/**
 * Issue 10, "Tenants": a platform administrator (the first-start admin)
 * creates counties from the server's packs in the designer. County admins,
 * staff and leaders may not; a created county is a county like any other,
 * isolated from the rest.
 */
describe(`platform API: counties (${testDbKind()})`, () => {
  let t: TestApp;
  let app: Koa;
  let packsDir: string;

  beforeAll(async () => {
    // Given PACKS_DIR holding the mini pack, a copy whose scenario expects the wrong due date, and a broken folder.
    packsDir = await mkdtemp(path.join(os.tmpdir(), 'platform-packs-'));
    await cp(MINI, path.join(packsDir, 'mini-county'), { recursive: true });
    await cp(MINI, path.join(packsDir, 'failing-county'), { recursive: true });
    const scenario = path.join(packsDir, 'failing-county/scenarios/push-claim-two-days.json');
    await writeFile(scenario, (await readFile(scenario, 'utf8')).replaceAll('"2024-03-12"', '"2024-03-11"'));
    await mkdir(path.join(packsDir, 'broken'));
    await writeFile(path.join(packsDir, 'broken/pack.json'), '{ "id": ');
    await writeFile(path.join(packsDir, 'README.txt'), 'not a pack');

    t = await startTestApp();
    // The test county plays the first-start county: its admin is the platform admin.
    await t.em().execute(`update app_user set platform_admin = true where tenant_id = ? and login = 'admin'`, [t.tenantId]);
    await createTestTenant(t.em(), t.deps, 'othercounty');
    app = createApp({ ...t.deps, packsDir });
  });
  afterAll(async () => {
    await t.close();
    await rm(packsDir, { recursive: true, force: true });
  });

  async function login(login: string, tenant = 'testcounty', password = 'demo-2023') {
    const agent = request.agent(app.callback());
    const res = await agent.post('/api/session').send({ tenant, login, password });
    expect(res.status).toBe(200);
    return { agent, csrf: res.body.csrfToken as string, me: res.body };
  }
  const platformAdmin = () => login('admin');
  const create = async (body: Record<string, unknown>) => {
    const { agent, csrf } = await platformAdmin();
    return agent.post('/api/platform/tenants').set('X-CSRF-Token', csrf).send(body);
  };
  const counts = async () => {
    const [row] = await t.em().execute<{ tenants: string; users: string; audits: string; jobs: string }[]>(
      // Logins audit too (auth.*); every other entry would be a write.
      `select (select count(*) from tenant) as tenants, (select count(*) from app_user) as users, (select count(*) from audit_event where action not like 'auth.%') as audits, (select count(*) from job) as jobs`,
    );
    return row;
  };

  it('given no session, every platform route is a 401', async () => {
    const http = request(app.callback());
    expect((await http.get('/api/platform/packs')).status).toBe(401);
    expect((await http.get('/api/platform/tenants')).status).toBe(401);
    expect((await http.post('/api/platform/tenants').send({ pack: 'mini-county', code: 'anon', name: 'x', adminPassword: PASSWORD })).status).toBe(401);
  });

  it.each([
    ['staff', 'market-staff', 'testcounty'],
    ['a leader', 'leader', 'testcounty'],
    ['the admin of a county made later', 'admin', 'othercounty'],
  ])('given %s, every platform route is a 403 and the session says platformAdmin: false', async (_who, user, tenant) => {
    const before = await counts();
    const { agent, csrf, me } = await login(user, tenant);
    expect(me.platformAdmin).toBe(false);
    expect((await agent.get('/api/session')).body.me.platformAdmin).toBe(false);
    for (const res of [
      await agent.get('/api/platform/packs'),
      await agent.get('/api/platform/tenants'),
      await agent.post('/api/platform/tenants').set('X-CSRF-Token', csrf).send({ pack: 'mini-county', code: 'sneaky', name: '偷建县', adminPassword: PASSWORD }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const after = await counts();
    expect({ tenants: after!.tenants, users: after!.users }).toEqual({ tenants: before!.tenants, users: before!.users });
  });

  it('given the platform admin, the session says so and the packs under PACKS_DIR are listed by folder, broken ones left out', async () => {
    const { agent, me } = await platformAdmin();
    expect(me.platformAdmin).toBe(true);
    expect((await agent.get('/api/session')).body.me).toMatchObject({ login: 'admin', platformAdmin: true });
    const res = await agent.get('/api/platform/packs');
    expect(res.status).toBe(200);
    expect(res.body.map((p: { dir: string }) => p.dir)).toEqual(['failing-county', 'mini-county']);
    expect(res.body[1]).toEqual({
      dir: 'mini-county',
      id: 'mini-county-2024',
      title: '某县审管联动办法（测试用小型规则包）',
      documentNumber: '某政发〔2024〕1号',
      jurisdiction: { code: '999998', name: '某县' },
      validity: { from: '2024-01-01', to: '2026-12-31' },
      tenant: { code: 'minicounty', name: '某县' },
      procedures: 1,
      scenarios: 2,
    });
  });

  it('creates a county from a pack: its admin logs in to it and sees only its own departments, users and procedures', async () => {
    const res = await create({ pack: 'mini-county', code: 'newcounty', name: '新设县', adminPassword: PASSWORD });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      code: 'newcounty',
      name: '新设县',
      packId: 'mini-county-2024',
      scenarios: [
        { file: 'push-claim-two-days.json', title: expect.any(String), ok: true },
        { file: 'push-counts-as-claim.json', title: expect.any(String), ok: true },
      ],
    });

    const list = await (await platformAdmin()).agent.get('/api/platform/tenants');
    expect(list.status).toBe(200);
    expect(list.body.map((c: { code: string }) => c.code)).toEqual(['newcounty', 'othercounty', 'testcounty']);
    expect(list.body[0]).toEqual({ code: 'newcounty', name: '新设县', packId: 'mini-county-2024', createdAt: '2024-03-01T02:00:00.000Z', users: 1, cases: 0 });

    const [tenant] = await t.em().execute<{ id: string }[]>(`select id from tenant where code = 'newcounty'`);
    const [created] = await t.em().execute<{ actor_label: string; payload: Record<string, unknown> }[]>(
      `select actor_label, payload from audit_event where tenant_id = ? and action = 'tenant.created'`,
      [tenant!.id],
    );
    expect(created).toMatchObject({ actor_label: 'testcounty/admin', payload: { code: 'newcounty', packId: 'mini-county-2024', createdBy: { login: 'admin', tenantCode: 'testcounty' } } });
    const jobs = await t.em().execute<{ type: string }[]>('select type from job where tenant_id = ?', [tenant!.id]);
    expect(jobs.map((j) => j.type)).toContain(EXPIRY_CHECK_JOB);

    const { agent, me } = await login('admin', 'newcounty', PASSWORD);
    expect(me).toMatchObject({ tenant: { code: 'newcounty' }, platformAdmin: false, memberships: [{ departmentCode: 'spj', role: 'admin' }] });
    const departments = await agent.get('/api/departments');
    expect(departments.body.map((d: { code: string }) => d.code).sort()).toEqual(['scj', 'spj', 'wjj']);
    const users = await agent.get('/api/admin/users');
    expect(users.body.map((u: { login: string }) => u.login)).toEqual(['admin']);
    const procedures = await agent.get('/api/admin/procedures');
    expect(procedures.status).toBe(200);
    expect(JSON.stringify(procedures.body)).toContain('push-claim');
    expect(JSON.stringify(procedures.body)).not.toContain('testcounty');
    // Its admin is a county admin, not a platform admin.
    expect((await agent.get('/api/platform/tenants')).status).toBe(403);
    // The demo password of the pack's usual accounts opens nothing there: only `admin` exists.
    expect((await request(app.callback()).post('/api/session').send({ tenant: 'newcounty', login: 'spj-staff', password: 'demo-2023' })).status).toBe(401);
  });

  it('given a taken code, is a 409 and writes nothing', async () => {
    const before = await counts();
    for (const code of ['testcounty', 'othercounty']) {
      const res = await create({ pack: 'mini-county', code, name: '重复县', adminPassword: PASSWORD });
      expect(res.status).toBe(409);
      expect(res.body.detail).toContain(code);
    }
    expect(await counts()).toEqual(before);
  });

  it.each([
    ['an upper-case code', { code: 'BadCode' }, '/body/code'],
    ['a one-letter code', { code: 'x' }, '/body/code'],
    ['a code starting with a digit', { code: '9county' }, '/body/code'],
    ['a short password', { adminPassword: 'short-pw' }, '/body/adminPassword'],
    ['a blank name', { name: '   ' }, '/body/name'],
    ['an unknown pack', { pack: 'no-such-pack' }, '/body/pack'],
    ['a broken pack not offered', { pack: 'broken' }, '/body/pack'],
    ['a parent-folder pack name', { pack: '../mini-county' }, '/body/pack'],
    ['a pack path', { pack: 'mini-county/../mini-county' }, '/body/pack'],
    ['the packs folder itself', { pack: '.' }, '/body/pack'],
    ['an extra field', { tenantId: 'x' }, '/body/tenantId'],
  ])('given %s, is a 422 at the field and writes nothing', async (_what, change, pointer) => {
    const before = await counts();
    const res = await create({ pack: 'mini-county', code: 'fresh', name: '新县', adminPassword: PASSWORD, ...change });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    expect(await counts()).toEqual(before);
  });

  it('given a pack with a failing scenario, is a 422 naming the scenario, and writes nothing', async () => {
    const before = await counts();
    const res = await create({ pack: 'failing-county', code: 'failcounty', name: '失败县', adminPassword: PASSWORD });
    expect(res.status).toBe(422);
    expect(res.body.problems).toEqual([expect.stringMatching(/^scenarios\/push-claim-two-days\.json: /)]);
    expect(res.body.scenarios).toEqual([
      { file: 'push-claim-two-days.json', title: expect.any(String), ok: false },
      { file: 'push-counts-as-claim.json', title: expect.any(String), ok: true },
    ]);
    expect(await counts()).toEqual(before);
    expect(await t.em().execute(`select id from tenant where code = 'failcounty'`)).toEqual([]);
  });

  it('without PACKS_DIR configured, offers no packs and refuses any pack name', async () => {
    const bare = createApp({ ...t.deps, packsDir: undefined });
    const agent = request.agent(bare.callback());
    const res = await agent.post('/api/session').send({ tenant: 'testcounty', login: 'admin', password: 'demo-2023' });
    expect((await agent.get('/api/platform/packs')).body).toEqual([]);
    const refused = await agent.post('/api/platform/tenants').set('X-CSRF-Token', res.body.csrfToken).send({ pack: 'mini-county', code: 'fresh', name: '新县', adminPassword: PASSWORD });
    expect(refused.status).toBe(422);
  });
});

describe(`first start makes its admin the platform admin (${testDbKind()})`, () => {
  it.each([
    ['demo accounts', undefined],
    ['INITIAL_ADMIN_PASSWORD', 'initial-admin-pass-1'],
  ])('with %s, only `admin` may create counties', async (_how, initialAdminPassword) => {
    const db = await openTestDatabase();
    try {
      const clock = new ManualClock('2024-03-01T02:00:00Z');
      const services = createServices({ clock, hasher: cheapHasher, sessionTtlHours: 1 });
      await ensureFirstTenant(
        db.orm.em.fork(),
        { packDir: MINI, production: false, allowDemoAccounts: true, initialAdminPassword },
        { clock, ...services, hasher: cheapHasher, actionNames: services.actions.names(), logger: pino({ level: 'silent' }) },
      );
      const rows = await db.orm.em.fork().execute<{ login: string; platform_admin: boolean }[]>('select login, platform_admin from app_user order by login');
      expect(rows.filter((r) => r.platform_admin).map((r) => r.login)).toEqual(['admin']);
      expect(rows.length).toBeGreaterThan(initialAdminPassword ? 0 : 1);
      if (initialAdminPassword) expect(rows.map((r) => r.login)).toEqual(['admin']);
    } finally {
      await db.close();
    }
  });
});
