import { ID_NUMBER, departmentIds, installPushProcedure, startPush } from '../../helpers/case-api-fixture';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

describe(`tasks over HTTP: inbox, claim, complete, return, delegate, drafts, offline delivery (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ start: '2024-03-01T02:00:00Z' }); // Friday 10:00 in Shanghai
    await installPushProcedure(t);
  });
  afterAll(() => t.close());

  it('given a push to the market department, its staff see it under 待认领 with the case headline masked, and the health department does not', async () => {
    const { taskId } = await startPush(t, 'market');
    const market = await t.login('market-staff');
    const res = await market.agent.get('/api/inbox?view=to-claim');
    expect(res.status).toBe(200);
    const item = res.body.items.find((i: { id: string }) => i.id === taskId);
    expect(item).toMatchObject({
      name: '认领推送信息',
      status: 'open',
      procedure: { key: 'push', name: '信息推送认领' },
      case: { counterparty: '张三食品店', documentNumber: '测行审〔2024〕1号', identifier: expect.not.stringContaining(ID_NUMBER.slice(6, 14)) },
      candidateDepartments: [{ name: '测试县市场监管局' }],
      stage: 'normal',
      dueAt: '2024-03-06T16:00:00.000Z', // end of Wednesday 03-06 in Shanghai
      legalBasis: '第二十条（一）',
    });
    expect(item.remainingWorkingDays).toBe(3);
    const health = await t.login('health-staff');
    expect((await health.agent.get('/api/inbox?view=to-claim')).body.items.map((i: { id: string }) => i.id)).not.toContain(taskId);
    expect((await health.agent.get(`/api/tasks/${taskId}`)).status).toBe(404);
  });

  it('when the clock passes the yellow and due instants, the task moves to 即将超期 and then 已超期, and the badge counts follow', async () => {
    const { taskId } = await startPush(t, 'health');
    // Sessions last 12 hours, so log in again after each jump of the clock.
    const at = async (instant: string) => {
      t.clock.set(instant);
      const { agent } = await t.login('health-staff');
      return { agent, counts: (await agent.get('/api/inbox/counts')).body as Record<string, number> };
    };
    try {
      const before = await at('2024-03-01T02:00:00Z');
      expect(before.counts['to-claim']).toBeGreaterThanOrEqual(1);
      const tuesday = await at('2024-03-05T00:00:00Z'); // Tue 08:00 local: past half of the working time
      const soon = await tuesday.agent.get('/api/inbox?view=due-soon');
      expect(soon.body.items.find((i: { id: string }) => i.id === taskId)).toMatchObject({ stage: 'yellow' });
      expect(tuesday.counts['due-soon']).toBe(before.counts['due-soon']! + 1);
      const thursday = await at('2024-03-07T01:00:00Z'); // Thu 09:00 local: overdue
      const overdue = await thursday.agent.get('/api/inbox?view=overdue');
      expect(overdue.body.items.find((i: { id: string }) => i.id === taskId)).toMatchObject({ stage: 'overdue', remainingWorkingDays: null });
      expect(thursday.counts.overdue).toBe(before.counts.overdue! + 1);
      expect(thursday.counts['due-soon']).toBe(before.counts['due-soon']);
    } finally {
      t.clock.set('2024-03-01T02:00:00Z');
    }
  });

  it('two staff claiming with the same If-Match: one wins, the other gets 409; the winner sees it under 我的待办', async () => {
    const { taskId } = await startPush(t, 'market');
    const a = await t.login('market-staff');
    const b = await t.login('market-liaison');
    const page = await a.agent.get(`/api/tasks/${taskId}`);
    expect(page.headers.etag).toBe(`"t${page.body.task.version}"`);
    expect(page.body.can).toMatchObject({ claim: true, unclaim: false });
    const first = await a.agent.post(`/api/tasks/${taskId}/claim`).set('X-CSRF-Token', a.csrf).set('If-Match', String(page.headers.etag));
    expect(first.status).toBe(204);
    const second = await b.agent.post(`/api/tasks/${taskId}/claim`).set('X-CSRF-Token', b.csrf).set('If-Match', String(page.headers.etag));
    expect(second.status).toBe(409);
    expect(second.headers['content-type']).toMatch(/problem\+json/);
    const mine = await a.agent.get('/api/inbox?view=mine');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toContain(taskId);
    const stale = await a.agent.post(`/api/tasks/${taskId}/complete`).set('X-CSRF-Token', a.csrf).send({ data: { opinion: '已认领' }, version: page.body.task.version });
    expect(stale.status).toBe(409);
  });

  it('completing with data the form refuses is a 422 at /body/data/..., changes nothing, and a corrected submission completes the case', async () => {
    const { taskId, caseId } = await startPush(t, 'market');
    const a = await t.login('market-staff');
    const bad = await a.agent.post(`/api/tasks/${taskId}/complete`).set('X-CSRF-Token', a.csrf).send({ data: { opinion: 'x', extra: true } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ pointer: '/body/data/opinion' }), expect.objectContaining({ pointer: '/body/data/extra' })]));
    expect((await a.agent.get(`/api/tasks/${taskId}`)).body.task.status).toBe('open');
    const ok = await a.agent.post(`/api/tasks/${taskId}/complete`).set('X-CSRF-Token', a.csrf).send({ data: { opinion: '已认领，纳入监管' } });
    expect(ok.status).toBe(204);
    expect((await a.agent.get(`/api/tasks/${taskId}`)).body).toMatchObject({ submission: { opinion: '已认领，纳入监管' }, draft: null });
    const detail = await a.agent.get(`/api/cases/${caseId}`);
    expect(detail.body.status).toBe('completed');
    expect(detail.body.tasks[0]).toMatchObject({ status: 'completed', metDeadline: true });
    const done = await a.agent.get('/api/inbox?view=done');
    expect(done.body.items.map((i: { id: string }) => i.id)).toContain(taskId);
  });

  it('returning needs a reason and records it; a user of another department cannot return it (404)', async () => {
    const { taskId } = await startPush(t, 'market');
    const a = await t.login('market-staff');
    expect((await a.agent.post(`/api/tasks/${taskId}/return`).set('X-CSRF-Token', a.csrf).send({})).status).toBe(422);
    const health = await t.login('health-staff');
    expect((await health.agent.post(`/api/tasks/${taskId}/return`).set('X-CSRF-Token', health.csrf).send({ reason: '不是我们的' })).status).toBe(404);
    const res = await a.agent.post(`/api/tasks/${taskId}/return`).set('X-CSRF-Token', a.csrf).send({ reason: '非本部门监管事项' });
    expect(res.status).toBe(204);
    expect((await a.agent.get(`/api/tasks/${taskId}`)).body.task).toMatchObject({ status: 'returned', returnReason: '非本部门监管事项' });
  });

  it('delegation stays inside the department: to a colleague works and notifies them; to another department is a 422', async () => {
    const { taskId } = await startPush(t, 'market');
    const a = await t.login('market-staff');
    const colleague = await t.login('market-liaison');
    const outsider = await t.login('health-staff');
    const delegates = await a.agent.get(`/api/tasks/${taskId}/delegates`);
    expect(delegates.body.map((d: { id: string }) => d.id)).toEqual([colleague.userId]);
    const refused = await a.agent.post(`/api/tasks/${taskId}/delegate`).set('X-CSRF-Token', a.csrf).send({ userId: outsider.userId });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].pointer).toBe('/body/userId');
    const ok = await a.agent.post(`/api/tasks/${taskId}/delegate`).set('X-CSRF-Token', a.csrf).send({ userId: colleague.userId });
    expect(ok.status).toBe(204);
    expect((await colleague.agent.get('/api/inbox?view=mine')).body.items.map((i: { id: string }) => i.id)).toContain(taskId);
    const [note] = await t.em().execute<{ kind: string }[]>('select kind from notification where task_id = ? and recipient_user_id = ?', [taskId, colleague.userId]);
    expect(note?.kind).toBe('delegated');
  });

  it('a draft is saved for the assignee only, survives reloads without changing the ETag, and is gone after completion', async () => {
    const { taskId } = await startPush(t, 'market');
    const a = await t.login('market-staff');
    expect((await a.agent.put(`/api/tasks/${taskId}/draft`).set('X-CSRF-Token', a.csrf).send({ data: { opinion: '草' } })).status).toBe(409);
    await a.agent.post(`/api/tasks/${taskId}/claim`).set('X-CSRF-Token', a.csrf).expect(204);
    const etag = (await a.agent.get(`/api/tasks/${taskId}`)).headers.etag;
    expect((await a.agent.put(`/api/tasks/${taskId}/draft`).set('X-CSRF-Token', a.csrf).send({ data: { opinion: '草稿' } })).status).toBe(204);
    const reloaded = await a.agent.get(`/api/tasks/${taskId}`);
    expect(reloaded.body.draft).toEqual({ opinion: '草稿' });
    expect(reloaded.headers.etag).toBe(etag);
    const other = await t.login('market-liaison');
    expect((await other.agent.get(`/api/tasks/${taskId}`)).body.draft).toBeNull();
    await a.agent.post(`/api/tasks/${taskId}/complete`).set('X-CSRF-Token', a.csrf).set('If-Match', String(etag)).send({ data: { opinion: '已认领' } }).expect(204);
    const [row] = await t.em().execute<{ draft: unknown }[]>('select draft from task where id = ?', [taskId]);
    expect(row!.draft).toBeNull();
  });

  it('an offline delivery through a county channel meets the obligation, is recorded with its document, and shows on the case and timeline', async () => {
    const { taskId, caseId } = await startPush(t, 'market');
    const a = await t.login('market-staff');
    const base = { channel: '书面公函', documentNumber: '测市监函〔2024〕8号', deliveredOn: '2024-03-01', data: { opinion: '以书面公函送达' } };
    const wrongChannel = await a.agent.post(`/api/tasks/${taskId}/offline-delivery`).set('X-CSRF-Token', a.csrf).send({ ...base, channel: '电话' });
    expect(wrongChannel.status).toBe(422);
    expect(wrongChannel.body.errors[0]).toMatchObject({ pointer: '/body/channel' });
    const future = await a.agent.post(`/api/tasks/${taskId}/offline-delivery`).set('X-CSRF-Token', a.csrf).send({ ...base, deliveredOn: '2024-03-02' });
    expect(future.body.errors[0]).toMatchObject({ pointer: '/body/deliveredOn' });
    const ok = await a.agent.post(`/api/tasks/${taskId}/offline-delivery`).set('X-CSRF-Token', a.csrf).send(base);
    expect(ok.status).toBe(204);
    const detail = (await a.agent.get(`/api/cases/${caseId}`)).body;
    expect(detail.status).toBe('completed');
    expect(detail.tasks[0]).toMatchObject({ status: 'completed', deliveryChannel: 'offline' });
    expect(detail.offlineDeliveries).toEqual([expect.objectContaining({ taskId, channel: '书面公函', documentNumber: '测市监函〔2024〕8号', deliveredOn: '2024-03-01' })]);
    const timeline = (await a.agent.get(`/api/cases/${caseId}/timeline`)).body as { action: string; text: string }[];
    expect(timeline.find((l) => l.action === 'task.offline_delivered')?.text).toContain('书面公函');
  });

  it('the same departments of another tenant are invisible: a foreign task id is 404 for reads and commands', async () => {
    const depts = await departmentIds(t);
    expect(depts.market).toBeDefined();
    const other = await createTestTenant(t.em(), t.deps, 'taskother');
    await installPushProcedure(t, other.id);
    const { taskId } = await startPush(t, 'market', {}, other.id);
    const a = await t.login('market-staff');
    expect((await a.agent.get(`/api/tasks/${taskId}`)).status).toBe(404);
    expect((await a.agent.post(`/api/tasks/${taskId}/claim`).set('X-CSRF-Token', a.csrf)).status).toBe(404);
  });
});
