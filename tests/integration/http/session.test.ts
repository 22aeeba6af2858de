import request from 'supertest';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';
import { DEMO_PASSWORD } from '../../../platform/src/domain/tenant/demo-accounts';

describe(`session: login, me, logout (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const http = () => request(t.app.callback());

  it('given a demo account, when it logs in, then it gets an httpOnly SameSite=Lax cookie, its roles and a CSRF token', async () => {
    const res = await http().post('/api/session').send({ login: 'market-liaison', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^sid=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
    expect(res.body).toMatchObject({ login: 'market-liaison', tenant: { code: 'testcounty' }, csrfToken: expect.any(String) });
    expect(res.body.memberships.map((m: { departmentCode: string; role: string }) => `${m.departmentCode}:${m.role}`).sort()).toEqual(['market:liaison', 'market:staff']);
  });

  it('when the password is wrong, then 401 problem+json, and an unknown user gets the very same answer', async () => {
    const wrong = await http().post('/api/session').send({ login: 'health-staff', password: 'nope' });
    const unknown = await http().post('/api/session').send({ login: 'nobody', password: 'nope' });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, title: 'Unauthorized', detail: 'Wrong login name or password.' });
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('GET /api/me without a session is 401; with one it returns the user', async () => {
    expect((await http().get('/api/me')).status).toBe(401);
    const { agent } = await t.login('bureau-staff');
    const me = await agent.get('/api/me');
    expect(me.status).toBe(200);
    expect(me.body.login).toBe('bureau-staff');
  });

  it('when a user logs out, then the old cookie no longer works', async () => {
    const { agent, csrf } = await t.login('health-staff');
    const out = await agent.delete('/api/session').set('X-CSRF-Token', csrf);
    expect(out.status).toBe(204);
    expect((await agent.get('/api/me')).status).toBe(401);
  });

  it('a cookie-authenticated mutation without the CSRF header is refused with 403, and changes nothing', async () => {
    const { agent } = await t.login('health-liaison');
    const res = await agent.delete('/api/session');
    expect(res.status).toBe(403);
    expect(res.body.detail).toMatch(/X-CSRF-Token/);
    expect((await agent.get('/api/me')).status).toBe(200);
  });

  it('session fixation: logging in with a planted session cookie revokes it and issues a new one', async () => {
    const victim = await t.login('bureau-liaison');
    const planted = String(victim.agent.jar.getCookie('sid', { domain: '127.0.0.1', path: '/', secure: false, script: false })?.value ?? '');
    expect(planted).not.toBe('');
    const res = await http().post('/api/session').set('Cookie', `sid=${planted}`).send({ login: 'bureau-liaison', password: DEMO_PASSWORD });
    expect(res.status).toBe(200);
    expect(String(res.headers['set-cookie'])).not.toContain(planted);
    expect((await http().get('/api/me').set('Cookie', `sid=${planted}`)).status).toBe(401);
  });

  it('an expired session is refused', async () => {
    const { agent } = await t.login('market-staff');
    t.clock.advance(13 * 3_600_000);
    try {
      expect((await agent.get('/api/me')).status).toBe(401);
    } finally {
      t.clock.advance(-13 * 3_600_000);
    }
  });

  it('every login and failed login is in the audit chain, without the password', async () => {
    const rows = await t.em().execute<{ action: string; payload: Record<string, unknown> }[]>(
      "select action, payload from audit_event where tenant_id = ? and action like 'auth.%' order by seq",
      [t.tenantId],
    );
    expect(rows.some((r) => r.action === 'auth.login')).toBe(true);
    expect(rows.some((r) => r.action === 'auth.login_failed' && r.payload.reason === 'bad_password')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(DEMO_PASSWORD);
  });
});

describe(`login throttling and lockout (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('given five wrong passwords, the account is locked (429 with Retry-After) even for the right one, until the lock expires', async () => {
    const http = () => request(t.app.callback());
    for (let i = 0; i < 5; i++) expect((await http().post('/api/session').send({ login: 'market-staff', password: 'guess' })).status).toBe(401);
    const locked = await http().post('/api/session').send({ login: 'market-staff', password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.headers['content-type']).toMatch(/problem\+json/);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Another account from the same address is not locked by this one's failures.
    expect((await http().post('/api/session').send({ login: 'health-staff', password: DEMO_PASSWORD })).status).toBe(200);
    t.clock.advance(16 * 60_000);
    expect((await http().post('/api/session').send({ login: 'market-staff', password: DEMO_PASSWORD })).status).toBe(200);
  });
});
