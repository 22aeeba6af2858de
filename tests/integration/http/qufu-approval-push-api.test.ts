import path from 'node:path';
import { loadPack } from '../../../platform/src/domain/pack/load-pack';
import { repoRoot } from '../../helpers/pack-harness';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const APPROVAL = {
  itemName: '旅馆业特种行业许可证核发',
  legalDocNumber: '曲行审特〔2024〕15号',
  counterpartyName: '曲阜市杏坛酒店管理有限公司',
  contactPhone: '13805371234',
  address: '山东省济宁市曲阜市鼓楼北街12号',
  counterpartyKind: '法人或其他组织',
  uscc: '91370881MA3C12345P',
  approvalDate: '2024-02-02',
  validUntil: '长期',
  approvalContent: '准予开办旅馆业，客房48间。',
  targetDepartments: ['gaj', 'scjg'],
  pushChannel: '平台推送',
};

/** The Qufu pack through the HTTP API, as staff use it: the bureau pushes an approval, a department finds it in its inbox and claims it. */
describe(`Qufu approval push through the case and task API (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ start: '2024-02-02T02:00:00Z' });
    await createTestTenant(t.em(), t.deps, 'qufu', await loadPack(path.join(repoRoot, 'definitions/qufu-2023')));
  }, 60_000);
  afterAll(() => t.close());

  it('the bureau starts approval-push; 市场监管局 sees the claim under 待认领 with the headline from the pack\'s forms, claims it, and the case page shows the deadline met', async () => {
    const bureau = await t.login('xzsp-staff', 'qufu');
    const started = await bureau.agent.post('/api/cases').set('X-CSRF-Token', bureau.csrf).send({ procedure: 'approval-push', variables: APPROVAL, idempotencyKey: 'qufu-approval-0015' });
    expect(started.status).toBe(201);
    const market = await t.login('scjg-staff', 'qufu');
    const inbox = await market.agent.get('/api/inbox?view=to-claim');
    const item = (inbox.body.items as { caseId: string; id: string }[]).find((i) => i.caseId === started.body.caseId) as Record<string, unknown> & { id: string };
    expect(item).toMatchObject({
      name: '认领审批信息',
      dueAt: '2024-02-06T16:00:00.000Z', // 02-04 is a make-up working Sunday: due end of Tuesday 02-06
      legalBasis: '第二十条（一）',
      case: { counterparty: '曲阜市杏坛酒店管理有限公司', documentNumber: '曲行审特〔2024〕15号', identifier: expect.stringMatching(/^91370881\*+/) },
    });
    await market.agent.post(`/api/tasks/${item.id}/claim`).set('X-CSRF-Token', market.csrf).expect(204);
    const done = await market.agent
      .post(`/api/tasks/${item.id}/complete`)
      .set('X-CSRF-Token', market.csrf)
      .send({ data: { claimantName: '孔祥民', claimantPhone: '13905378888' } });
    expect(done.status).toBe(204);
    const page = await bureau.agent.get(`/api/cases/${started.body.caseId}`);
    expect(page.body.variables.uscc).not.toBe(APPROVAL.uscc);
    expect(page.body.variables.contactPhone).toBe('138****1234');
    const claim = (page.body.tasks as { candidateDepartments: { name: string }[]; metDeadline: boolean | null; status: string }[]).find((x) => x.candidateDepartments[0]?.name.includes('市场监督管理局'));
    expect(claim).toMatchObject({ status: 'completed', metDeadline: true });
    const found = await bureau.agent.get(`/api/cases?identifier=${APPROVAL.uscc}`);
    expect(found.body.items.map((c: { id: string }) => c.id)).toEqual([started.body.caseId]);
  });
});
