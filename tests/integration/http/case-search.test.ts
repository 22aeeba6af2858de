import { ID_NUMBER, departmentIds, installPushProcedure, startPush } from '../../helpers/case-api-fixture';
import { startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const BULK = 3000;

/**
 * 3,000 cases written with generate_series (not the engine: this is about
 * the read side): every third for market, every third for health, the rest
 * for the bureau; every tenth with an open claim task offered to market,
 * half of those overdue. Counterparty 企业N, document 测行审〔2024〕N号.
 */
async function bulkCases(t: TestApp): Promise<void> {
  const depts = await departmentIds(t);
  const [dv] = await t.em().execute<{ id: string }[]>("select id from definition_version where tenant_id = ? and process_key = 'push'", [t.tenantId]);
  await t.em().execute(
    `insert into case_instance (id, tenant_id, definition_version_id, process_key, status, variables, state, version, started_at, department_id)
     select gen_random_uuid(), ?, ?, 'push', case when n % 7 = 0 then 'completed' else 'active' end,
            jsonb_build_object('itemName', '批量事项', 'legalDocNumber', '测行审〔2024〕' || n || '号', 'counterpartyName', '企业' || n, 'targetDepartment', 'market'),
            '{"tokens":[],"scopes":[],"seq":0}'::jsonb, 0,
            timestamptz '2024-01-01 00:00+08' + (n || ' hours')::interval,
            case n % 3 when 0 then ?::uuid when 1 then ?::uuid else ?::uuid end
       from generate_series(1, ?) as n`,
    [t.tenantId, dv!.id, depts.market, depts.health, depts.bureau, BULK],
  );
  await t.em().execute(
    `insert into task (id, tenant_id, case_id, element_id, token_id, name, status, candidate_department_ids, candidate_roles, form_key, form_version, created_at, due_at, version)
     select gen_random_uuid(), c.tenant_id, c.id, 'claim', 't1', '认领推送信息', 'open', array[?::uuid], '{}', 'push-claim', 1, c.started_at,
            case when (c.variables->>'counterpartyName') ~ '0$' then timestamptz '2024-02-01 00:00+08' else timestamptz '2099-01-01 00:00+08' end, 1
       from case_instance c where c.tenant_id = ? and c.department_id = ? and (c.variables->>'counterpartyName') ~ '[05]$'`,
    [depts.market, t.tenantId, depts.bureau],
  );
}

describe(`case search over a few thousand cases (${testDbKind()})`, () => {
  let t: TestApp;
  let realCase: string;
  beforeAll(async () => {
    t = await startTestApp({ start: '2024-03-01T02:00:00Z' });
    await installPushProcedure(t);
    await bulkCases(t);
    realCase = (await startPush(t, 'health', { counterpartyName: '李四百货' })).caseId;
  }, 60_000);
  afterAll(() => t.close());

  it('the bureau leader pages through every case, newest first, without overlap or gaps', async () => {
    const { agent } = await t.login('leader');
    const first = await agent.get('/api/cases?pageSize=100');
    expect(first.status).toBe(200);
    expect(first.body.total).toBe(BULK + 1);
    const seen = new Set<string>();
    let page = 1;
    let previous = '9999';
    for (;;) {
      const res = await agent.get(`/api/cases?pageSize=100&page=${page}`);
      for (const item of res.body.items as { id: string; startedAt: string }[]) {
        expect(item.startedAt <= previous).toBe(true);
        previous = item.startedAt;
        seen.add(item.id);
      }
      if (res.body.items.length < 100) break;
      page += 1;
    }
    expect(seen.size).toBe(BULK + 1);
    const beyond = await agent.get('/api/cases?pageSize=100&page=999');
    expect(beyond.body).toMatchObject({ items: [], total: BULK + 1, page: 999 });
  });

  it('market staff see the cases started for market plus the bureau cases pushed to them, and nothing else', async () => {
    const { agent } = await t.login('market-staff');
    const res = await agent.get('/api/cases?pageSize=1');
    // n % 3 = 0 → market (1,000); bureau cases whose n ends in 0 or 5 have a market task (n % 3 = 2 and n % 5 = 0: 200).
    expect(res.body.total).toBe(1000 + 200);
    expect((await agent.get(`/api/cases/${realCase}`)).status).toBe(404);
  });

  it('filters: department, status, counterparty substring, exact document number, date range, overdue', async () => {
    const { agent } = await t.login('leader');
    const depts = await departmentIds(t);
    const total = async (q: string) => {
      const res = await agent.get(`/api/cases?pageSize=1&${q}`);
      expect(res.status).toBe(200);
      return res.body.total as number;
    };
    expect(await total(`department=${depts.health}`)).toBe(1000 + 1);
    expect(await total('status=completed')).toBe(Math.floor(BULK / 7));
    expect(await total(`counterparty=${encodeURIComponent('企业29')}`)).toBe(1 + 10 + 100); // 企业29, 企业290–299, 企业2900–2999
    expect(await total(`counterparty=${encodeURIComponent('%')}`)).toBe(0); // a wildcard is a literal character
    expect(await total(`documentNumber=${encodeURIComponent('测行审〔2024〕15号')}`)).toBe(1); // exact: not 150 or 1500
    expect(await total('startedFrom=2024-01-02&startedTo=2024-01-02')).toBe(24); // hours 24–47 after 2024-01-01 00:00 local
    expect(await total('overdue=true')).toBe(100); // bureau cases with n ≡ 20 (mod 30)
    // A department's cases are those started for it plus those offered to it by a task (here: bureau cases with n ≡ 5 mod 15).
    const completedForMarket = Array.from({ length: BULK }, (_, i) => i + 1).filter((n) => n % 7 === 0 && (n % 3 === 0 || (n % 3 === 2 && n % 5 === 0))).length;
    expect(await total(`procedure=push&status=completed&department=${depts.market}`)).toBe(completedForMarket);
  });

  it('an identifier matches exactly (case-insensitively for the check letter) and is masked in the result', async () => {
    const { agent } = await t.login('leader');
    const res = await agent.get(`/api/cases?identifier=${ID_NUMBER.toLowerCase()}`);
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ id: realCase, counterparty: '李四百货' });
    expect(res.body.items[0].identifier).toMatch(/^110105\*+002X$/);
    expect(JSON.stringify(res.body)).not.toContain(ID_NUMBER);
  });

  it('bad filters are 422 problems pointing at the parameter', async () => {
    const { agent } = await t.login('leader');
    const reversed = await agent.get('/api/cases?startedFrom=2024-02-01&startedTo=2024-01-01');
    expect(reversed.status).toBe(422);
    expect(reversed.body.errors[0].pointer).toBe('/query/startedTo');
    expect((await agent.get('/api/cases?pageSize=1000')).body.errors[0].pointer).toBe('/query/pageSize');
    expect((await agent.get("/api/cases?identifier=1' or '1'='1")).status).toBe(422);
    expect((await agent.get('/api/cases?status=lost')).status).toBe(422);
  });
});
