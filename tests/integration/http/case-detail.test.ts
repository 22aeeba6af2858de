import { ID_NUMBER, installPushProcedure, startPush } from '../../helpers/case-api-fixture';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

describe(`the case page: masked variables, audited reveal, readable timeline (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ start: '2024-03-01T02:00:00Z' });
    await installPushProcedure(t);
  });
  afterAll(() => t.close());

  it('shows variables with ID number, phone and address masked, and lists which fields were masked', async () => {
    const { caseId } = await startPush(t, 'market');
    const { agent } = await t.login('market-staff');
    const res = await agent.get(`/api/cases/${caseId}`);
    expect(res.status).toBe(200);
    expect(res.headers.etag).toMatch(/^"c\d+"$/);
    expect(res.body.procedure).toEqual({ key: 'push', name: '信息推送认领', version: 1, legalBasis: '第二十条' });
    expect(res.body.department).toEqual({ id: expect.any(String), name: '测试县行政审批服务局' });
    expect(res.body.variables).toMatchObject({ counterpartyName: '张三食品店', legalDocNumber: '测行审〔2024〕1号', contactPhone: '138****5678' });
    expect(res.body.variables.idNumber).toBe(`${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(-4)}`);
    expect(res.body.variables.address).not.toContain('幸福路1号');
    expect(res.body.maskedFields.sort()).toEqual(['/address', '/contactPhone', '/idNumber']);
    expect(res.body.canReveal).toBe(false); // the settings allow liaisons and leaders only
    expect(res.body.tasks).toEqual([expect.objectContaining({ name: '认领推送信息', status: 'open', dueAt: '2024-03-06T16:00:00.000Z', stage: 'normal', legalBasis: '第二十条（一）' })]);
  });

  it('staff may not reveal (403, nothing audited); a liaison may, with a reason, and the reveal is in the audit log and the timeline', async () => {
    const { caseId } = await startPush(t, 'market');
    const staff = await t.login('market-staff');
    const refused = await staff.agent.post(`/api/cases/${caseId}/reveal`).set('X-CSRF-Token', staff.csrf).send({ reason: '核实身份' });
    expect(refused.status).toBe(403);
    const liaison = await t.login('market-liaison');
    expect((await liaison.agent.post(`/api/cases/${caseId}/reveal`).set('X-CSRF-Token', liaison.csrf).send({})).status).toBe(422);
    const res = await liaison.agent.post(`/api/cases/${caseId}/reveal`).set('X-CSRF-Token', liaison.csrf).send({ reason: '电话联系相对人核实经营地址' });
    expect(res.status).toBe(200);
    expect(res.body.variables).toMatchObject({ idNumber: ID_NUMBER, contactPhone: '13812345678', address: '测试县幸福路1号' });
    const events = await t.em().execute<{ actor_id: string; payload: { fields: string[]; reason: string } }[]>(
      "select actor_id, payload from audit_event where subject_id = ? and action = 'pii.revealed'",
      [caseId],
    );
    expect(events).toEqual([{ actor_id: liaison.userId, payload: { fields: expect.arrayContaining(['/idNumber', '/contactPhone', '/address']), reason: '电话联系相对人核实经营地址' } }]);
    const timeline = (await liaison.agent.get(`/api/cases/${caseId}/timeline`)).body as { action: string; text: string }[];
    expect(timeline.find((l) => l.action === 'pii.revealed')?.text).toContain('公民身份号码');
  });

  it('the timeline reads as zh-CN sentences with the article of each step, and never prints personal data', async () => {
    const { caseId, taskId } = await startPush(t, 'market');
    const a = await t.login('market-staff');
    await a.agent.post(`/api/tasks/${taskId}/claim`).set('X-CSRF-Token', a.csrf).expect(204);
    await a.agent.post(`/api/tasks/${taskId}/complete`).set('X-CSRF-Token', a.csrf).send({ data: { opinion: '已认领' } }).expect(204);
    const res = await a.agent.get(`/api/cases/${caseId}/timeline`);
    expect(res.status).toBe(200);
    const lines = res.body as { action: string; text: string; legalBasis: string | null; actor: string }[];
    expect(lines.map((l) => l.action)).toEqual(expect.arrayContaining(['case.started', 'task.created', 'task.claimed', 'task.completed', 'case.completed']));
    expect(lines.find((l) => l.action === 'case.started')).toMatchObject({ legalBasis: '第二十条（二）', text: expect.stringContaining('信息推送认领') });
    expect(lines.find((l) => l.action === 'task.claimed')).toMatchObject({ legalBasis: '第二十条（一）', text: expect.stringContaining('认领推送信息'), actor: expect.stringContaining('市场监管局') });
    expect(JSON.stringify(lines)).not.toContain(ID_NUMBER);
    const full = (await a.agent.get(`/api/cases/${caseId}/timeline?detail=full`)).body as unknown[];
    expect(full.length).toBeGreaterThan(lines.length);
    const english = (await a.agent.get(`/api/cases/${caseId}/timeline?locale=en`)).body as { text: string }[];
    expect(english[0]!.text).toMatch(/[A-Za-z]/);
  });

  it('a case of another department is 404 for detail, timeline and reveal alike, while the bureau leader sees it', async () => {
    const { caseId } = await startPush(t, 'market');
    const health = await t.login('health-liaison');
    expect((await health.agent.get(`/api/cases/${caseId}`)).status).toBe(404);
    expect((await health.agent.get(`/api/cases/${caseId}/timeline`)).status).toBe(404);
    expect((await health.agent.post(`/api/cases/${caseId}/reveal`).set('X-CSRF-Token', health.csrf).send({ reason: '想看看这个案件' })).status).toBe(404);
    const leader = await t.login('leader');
    expect((await leader.agent.get(`/api/cases/${caseId}`)).status).toBe(200);
  });
});
