import type request from 'supertest';
import { installPushProcedure, startPush } from '../../helpers/case-api-fixture';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

/**
 * Who may do what to a push from the bureau to the market department:
 * role × route × own or other department × own or other tenant. The other
 * tenant has departments with the same codes, so only tenant scoping (not
 * codes) keeps its staff out. 404 where existence must not leak; 403 where
 * the user may see the thing but not do this to it.
 */
type Actor = 'market-staff' | 'market-liaison' | 'health-staff' | 'bureau-staff' | 'leader' | 'admin' | 'other-tenant market-staff' | 'anonymous';
type Check = 'read case' | 'read timeline' | 'reveal' | 'read task' | 'claim' | 'list attachments' | 'case in search' | 'task in inbox';

const matrix: Record<Actor, Record<Check, number | boolean>> = {
  'market-staff': { 'read case': 200, 'read timeline': 200, reveal: 403, 'read task': 200, claim: 204, 'list attachments': 200, 'case in search': true, 'task in inbox': true },
  'market-liaison': { 'read case': 200, 'read timeline': 200, reveal: 200, 'read task': 200, claim: 204, 'list attachments': 200, 'case in search': true, 'task in inbox': true },
  'health-staff': { 'read case': 404, 'read timeline': 404, reveal: 404, 'read task': 404, claim: 404, 'list attachments': 404, 'case in search': false, 'task in inbox': false },
  // The bureau started the case, so it reads it; the claim task belongs to market.
  'bureau-staff': { 'read case': 200, 'read timeline': 200, reveal: 403, 'read task': 404, claim: 404, 'list attachments': 200, 'case in search': true, 'task in inbox': false },
  // The bureau's leader sees every department, may reveal, but is no candidate of a staff task.
  leader: { 'read case': 200, 'read timeline': 200, reveal: 200, 'read task': 200, claim: 403, 'list attachments': 200, 'case in search': true, 'task in inbox': false },
  // Admins configure the platform; they read no cases through that role.
  admin: { 'read case': 404, 'read timeline': 404, reveal: 404, 'read task': 404, claim: 404, 'list attachments': 404, 'case in search': false, 'task in inbox': false },
  'other-tenant market-staff': { 'read case': 404, 'read timeline': 404, reveal: 404, 'read task': 404, claim: 404, 'list attachments': 404, 'case in search': false, 'task in inbox': false },
  anonymous: { 'read case': 401, 'read timeline': 401, reveal: 401, 'read task': 401, claim: 401, 'list attachments': 401, 'case in search': 401, 'task in inbox': 401 },
};

describe(`authorisation matrix of the case and task API (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await installPushProcedure(t);
    const other = await createTestTenant(t.em(), t.deps, 'matrixother');
    await installPushProcedure(t, other.id);
    await startPush(t, 'market', {}, other.id); // the other county has its own market department and work
  });
  afterAll(() => t.close());

  async function session(actor: Actor): Promise<{ agent: request.Agent | request.SuperTest<request.Test>; csrf: string }> {
    if (actor === 'anonymous') return { agent: (await import('supertest')).default.agent(t.app.callback()), csrf: '' };
    if (actor === 'other-tenant market-staff') return t.login('market-staff', 'matrixother');
    return t.login(actor);
  }

  const checks: [Check, (s: { agent: request.Agent | request.SuperTest<request.Test>; csrf: string }, ids: { caseId: string; taskId: string }) => Promise<number | boolean>][] = [
    ['read case', async ({ agent }, { caseId }) => (await agent.get(`/api/cases/${caseId}`)).status],
    ['read timeline', async ({ agent }, { caseId }) => (await agent.get(`/api/cases/${caseId}/timeline`)).status],
    ['reveal', async ({ agent, csrf }, { caseId }) => (await agent.post(`/api/cases/${caseId}/reveal`).set('X-CSRF-Token', csrf).send({ reason: '核实相对人信息' })).status],
    ['read task', async ({ agent }, { taskId }) => (await agent.get(`/api/tasks/${taskId}`)).status],
    ['claim', async ({ agent, csrf }, { taskId }) => (await agent.post(`/api/tasks/${taskId}/claim`).set('X-CSRF-Token', csrf)).status],
    ['list attachments', async ({ agent }, { caseId }) => (await agent.get(`/api/cases/${caseId}/attachments`)).status],
    [
      'case in search',
      async ({ agent }, { caseId }) => {
        const res = await agent.get('/api/cases?pageSize=100');
        return res.status === 200 ? (res.body.items as { id: string }[]).some((c) => c.id === caseId) : res.status;
      },
    ],
    [
      'task in inbox',
      async ({ agent }, { taskId }) => {
        const res = await agent.get('/api/inbox?view=to-claim&pageSize=100');
        return res.status === 200 ? (res.body.items as { id: string }[]).some((i) => i.id === taskId) : res.status;
      },
    ],
  ];

  for (const actor of Object.keys(matrix) as Actor[]) {
    it(`${actor}: ${Object.entries(matrix[actor]).map(([k, v]) => `${k} → ${v}`).join(', ')}`, async () => {
      const s = await session(actor);
      const observed: Partial<Record<Check, number | boolean>> = {};
      for (const [check, run] of checks) {
        const ids = await startPush(t, 'market'); // a fresh push per check, so a claim never affects the next check
        observed[check] = await run(s, ids);
      }
      expect(observed).toEqual(matrix[actor]);
    });
  }
});
