import request from 'supertest';

/** A logged-in API client for setting up what the browser then sees (cases started, tasks claimed). */
export async function apiAs(baseUrl: string, login: string): Promise<{ agent: request.Agent; csrf: string }> {
  const agent = request.agent(baseUrl);
  const res = await agent.post('/api/session').send({ login, password: 'demo-2023', tenant: 'qufu' });
  if (res.status !== 200) throw new Error(`login ${login}: ${res.status} ${JSON.stringify(res.body)}`);
  return { agent, csrf: res.body.csrfToken as string };
}

/** Valid 审批决定 variables for approval-push (the pack's own scenario data), pushed to `targets`. */
export function approvalDecision(targets: string[], overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    itemName: '旅馆业特种行业许可证核发',
    legalDocNumber: '曲行审特〔2024〕15号',
    counterpartyName: '曲阜市杏坛酒店管理有限公司',
    contactPhone: '13805371234',
    address: '山东省济宁市曲阜市鼓楼北街12号',
    counterpartyKind: '法人或其他组织',
    uscc: '91370881MA3C12345P',
    approvalDate: '2024-03-01',
    validUntil: '长期',
    approvalContent: '准予开办旅馆业，客房48间。',
    targetDepartments: targets,
    pushChannel: '平台推送',
    ...overrides,
  };
}

/** Start approval-push as the bureau; returns the case id. */
export async function pushApproval(baseUrl: string, targets: string[], overrides: Record<string, unknown> = {}): Promise<string> {
  const { agent, csrf } = await apiAs(baseUrl, 'xzsp-staff');
  const res = await agent.post('/api/cases').set('X-CSRF-Token', csrf).send({ procedure: 'approval-push', variables: approvalDecision(targets, overrides) });
  if (res.status !== 201) throw new Error(`start approval-push: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.caseId as string;
}
