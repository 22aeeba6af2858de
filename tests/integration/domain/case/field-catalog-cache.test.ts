import { DEMO_PASSWORD } from '../../../../platform/src/domain/tenant/demo-accounts';
import { startTestApp, type TestApp } from '../../../helpers/test-app';
import { testDbKind } from '../../../helpers/test-database';

/**
 * The field catalog cache is checked against the tenant's form stamp, which
 * the session statement now reads along with the principal (issue 11: one
 * statement less per request). Publishing a form must change the stamp that
 * the next authenticated request carries, so the next lookup rebuilds the
 * catalog; both ways of reading the stamp must agree, or the cache would be
 * rebuilt on every alternate call.
 */
describe(`field catalog cache and the principal's form stamp (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 60_000);
  afterAll(() => t.close());

  const schema = (props: Record<string, unknown>) => ({ type: 'object', properties: props });

  it('given a cached catalog, when a form marking a new field as personal data is published, then the next request\'s principal carries a new stamp and the catalog masks the field', async () => {
    const { token } = await t.deps.auth.login(t.em(), { login: 'market-staff', password: DEMO_PASSWORD, address: '127.0.0.1' });
    const before = (await t.deps.auth.authenticate(t.em(), token))!;
    expect(before.formsStamp).toEqual(expect.any(String));
    const first = await t.deps.catalogs.get(t.em(), t.tenantId, before.formsStamp);
    expect(first.pii.has('probeSecret')).toBe(false);
    // The stamp read without a principal is the same string, so the entry is reused.
    expect(await t.deps.catalogs.get(t.em(), t.tenantId)).toBe(first);
    expect(await t.deps.catalogs.get(t.em(), t.tenantId, before.formsStamp)).toBe(first);

    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'probe', title: '探针', schema: schema({ probeSecret: { type: 'string', 'x-pii': true } }), actor: { id: null, label: 'test' } });

    const after = (await t.deps.auth.authenticate(t.em(), token))!;
    expect(after.formsStamp).not.toBe(before.formsStamp);
    const rebuilt = await t.deps.catalogs.get(t.em(), t.tenantId, after.formsStamp);
    expect(rebuilt).not.toBe(first);
    expect(rebuilt.pii.get('probeSecret')).toBe('other');
    expect(await t.deps.catalogs.get(t.em(), t.tenantId)).toBe(rebuilt);

    // A second version of the same form at the same instant still changes the stamp (the count moves).
    await t.deps.forms.publish(t.em(), { tenantId: t.tenantId, formKey: 'probe', title: '探针', schema: schema({ probeSecret: { type: 'string' }, probeId: { type: 'string', format: 'cn-id-number' } }), actor: { id: null, label: 'test' } });
    const third = (await t.deps.auth.authenticate(t.em(), token))!;
    expect(third.formsStamp).not.toBe(after.formsStamp);
    expect((await t.deps.catalogs.get(t.em(), t.tenantId, third.formsStamp)).pii.get('probeId')).toBe('id-number');
  });

  it('given a session, when the user gains a membership or is disabled, then the very next authentication reflects it (nothing about the principal is cached)', async () => {
    const { token } = await t.deps.auth.login(t.em(), { login: 'health-staff', password: DEMO_PASSWORD, address: '127.0.0.1' });
    const before = (await t.deps.auth.authenticate(t.em(), token))!;
    expect(before.memberships.map((m) => `${m.departmentCode}:${m.role}`)).toEqual(['health:staff']);
    await t.em().execute(
      `insert into membership (id, tenant_id, user_id, department_id, role, created_at)
       select gen_random_uuid(), d.tenant_id, ?, d.id, r.role, now() from department d cross join (values ('liaison'), ('leader')) as r(role) where d.tenant_id = ? and d.code in ('market', 'bureau')`,
      [before.userId, t.tenantId],
    );
    const more = (await t.deps.auth.authenticate(t.em(), token))!;
    // Ordered by department code, then role, as before the single-statement lookup.
    expect(more.memberships.map((m) => `${m.departmentCode}:${m.role}`)).toEqual(['bureau:leader', 'bureau:liaison', 'health:staff', 'market:leader', 'market:liaison']);
    expect(more.memberships[0]).toEqual({ departmentId: expect.any(String), departmentCode: 'bureau', departmentName: '测试县行政审批服务局', departmentKind: 'approval_bureau', role: 'leader' });
    await t.em().execute('update app_user set active = false where id = ?', [before.userId]);
    expect(await t.deps.auth.authenticate(t.em(), token)).toBeNull();
  });

  it('given a user without memberships, authenticates with an empty list', async () => {
    const { token } = await t.deps.auth.login(t.em(), { login: 'market-liaison', password: DEMO_PASSWORD, address: '127.0.0.1' });
    const p = (await t.deps.auth.authenticate(t.em(), token))!;
    await t.em().execute('delete from membership where user_id = ?', [p.userId]);
    expect((await t.deps.auth.authenticate(t.em(), token))!.memberships).toEqual([]);
  });
});
