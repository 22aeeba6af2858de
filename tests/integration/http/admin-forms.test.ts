import { installPushProcedure, PUSH_CLAIM_FORM, PUSH_RECORD_FORM } from '../../helpers/case-api-fixture';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

/** The push record form without targetDepartment, which the push procedure's claim task assigns by (cm:candidateDepartments="=[targetDepartment]"). */
const { targetDepartment: _removed, ...propertiesWithoutTarget } = PUSH_RECORD_FORM.properties;
const RECORD_WITHOUT_TARGET = { ...PUSH_RECORD_FORM, required: ['itemName', 'legalDocNumber', 'counterpartyName'], properties: propertiesWithoutTarget };
/** The claim form with an optional remark. */
const CLAIM_WITH_REMARK = { ...PUSH_CLAIM_FORM, properties: { ...PUSH_CLAIM_FORM.properties, remark: { type: 'string', title: '备注' } } };

async function formVersions(t: TestApp, key: string): Promise<number> {
  const [row] = await t.em().execute<{ n: string }[]>('select count(*) as n from form_version where tenant_id = ? and form_key = ?', [t.tenantId, key]);
  return Number(row!.n);
}

describe(`the designer's form API (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await installPushProcedure(t);
    const other = await createTestTenant(t.em(), t.deps, 'othercounty');
    await t.deps.forms.publish(t.em(), { tenantId: other.id, formKey: 'other-only', title: '别县表单', schema: PUSH_CLAIM_FORM, actor: { id: null, label: 'setup' } });
  });
  afterAll(() => t.close());

  it('given a staff member, when they call the form designer API, then it is a 403 and nothing is published', async () => {
    const { agent, csrf } = await t.login('market-staff');
    expect((await agent.get('/api/admin/forms')).status).toBe(403);
    expect((await agent.post('/api/admin/forms/push-claim/publish').set('X-CSRF-Token', csrf).send({ title: '认领', schema: CLAIM_WITH_REMARK })).status).toBe(403);
    expect(await formVersions(t, 'push-claim')).toBe(1);
  });

  it('given published forms and a procedure showing them, when an admin lists forms, then each has its versions and the steps that use it, and no other county’s form', async () => {
    const { agent } = await t.login('admin');
    const res = await agent.get('/api/admin/forms');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([
      {
        key: 'push-claim', title: '认领', latestVersion: 1,
        versions: [{ version: 1, title: '认领', publishedAt: '2024-03-01T02:00:00.000Z', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) }],
        usedBy: [{ procedure: 'push', elementId: 'claim', elementName: '认领推送信息' }],
      },
      {
        key: 'push-record', title: '决定信息', latestVersion: 1,
        versions: [{ version: 1, title: '决定信息', publishedAt: '2024-03-01T02:00:00.000Z', checksum: expect.stringMatching(/^[0-9a-f]{64}$/) }],
        usedBy: [{ procedure: 'push', elementId: 'start', elementName: '作出决定' }],
      },
    ]);
  });

  it("given a form version, when an admin reads it, then it has the schema and the recorded field order; another county's form is a 404", async () => {
    const { agent } = await t.login('admin');
    const res = await agent.get('/api/admin/forms/push-record/versions/1');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ key: 'push-record', version: 1, title: '决定信息', schema: PUSH_RECORD_FORM, uiSchema: { 'ui:order': Object.keys(PUSH_RECORD_FORM.properties) }, publishedAt: '2024-03-01T02:00:00.000Z' });
    expect((await agent.get('/api/admin/forms/push-record/versions/2')).status).toBe(404);
    expect((await agent.get('/api/admin/forms/other-only/versions/1')).status).toBe(404);
  });

  it('given a required field the procedure assigns by, when its removal is checked, then the change is breaking with where it is used, and nothing is written', async () => {
    const { agent, csrf } = await t.login('admin');
    const res = await agent.post('/api/admin/forms/push-record/check').set('X-CSRF-Token', csrf).send({ title: '决定信息', schema: RECORD_WITHOUT_TARGET });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      errors: [],
      changes: [{ kind: 'removed', field: 'targetDepartment', breaking: true, detail: expect.stringContaining('推送部门'), usedBy: [{ procedure: 'push', elementId: 'claim', where: 'cm:candidateDepartments' }] }],
    });
    expect(await formVersions(t, 'push-record')).toBe(1);
  });

  it('given a breaking change, when published without acceptBreaking, then it is a 409 listing the changes; with it, a 201 new version and an audit entry', async () => {
    const { agent, csrf } = await t.login('admin');
    const refused = await agent.post('/api/admin/forms/push-record/publish').set('X-CSRF-Token', csrf).send({ title: '决定信息', schema: RECORD_WITHOUT_TARGET });
    expect(refused.status).toBe(409);
    expect(refused.headers['content-type']).toMatch(/problem\+json/);
    expect(refused.body.changes).toEqual([expect.objectContaining({ kind: 'removed', field: 'targetDepartment', breaking: true })]);
    expect(await formVersions(t, 'push-record')).toBe(1);

    const accepted = await agent.post('/api/admin/forms/push-record/publish').set('X-CSRF-Token', csrf).send({ title: '决定信息', schema: RECORD_WITHOUT_TARGET, acceptBreaking: true });
    expect(accepted.status).toBe(201);
    expect(accepted.body).toEqual({ key: 'push-record', version: 2 });
    const audited = await t.em().execute<{ action: string; payload: { changes: { field: string }[] } }[]>(
      "select action, payload from audit_event where tenant_id = ? and subject_id = 'push-record' and action = 'form.breaking_change_accepted'",
      [t.tenantId],
    );
    expect(audited).toEqual([{ action: 'form.breaking_change_accepted', payload: expect.objectContaining({ version: 2, changes: [expect.objectContaining({ field: 'targetDepartment' })] }) }]);
  });

  it('given an added optional field, when checked and published without acceptBreaking, then it is not breaking and becomes version 2', async () => {
    const { agent, csrf } = await t.login('admin');
    const check = await agent.post('/api/admin/forms/push-claim/check').set('X-CSRF-Token', csrf).send({ title: '认领', schema: CLAIM_WITH_REMARK });
    expect(check.body).toEqual({ errors: [], changes: [{ kind: 'added', field: 'remark', breaking: false, detail: expect.any(String), usedBy: [] }] });
    const res = await agent.post('/api/admin/forms/push-claim/publish').set('X-CSRF-Token', csrf).send({ title: '认领', schema: CLAIM_WITH_REMARK });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ key: 'push-claim', version: 2 });
  });

  it('given an invalid schema or field order, when checked, then the errors are listed; when published, it is a 422 and nothing is written', async () => {
    const { agent, csrf } = await t.login('admin');
    const bad = { type: 'object', properties: { a: { type: 'strin' } } };
    const check = await agent.post('/api/admin/forms/bad-form/check').set('X-CSRF-Token', csrf).send({ title: '坏表单', schema: bad, uiSchema: { 'ui:order': ['a', 'b'] } });
    expect(check.status).toBe(200);
    expect(check.body.errors).toEqual([
      { pointer: '/body/schema', message: expect.stringContaining('not a valid JSON Schema') },
      { pointer: '/body/uiSchema/ui:order', message: expect.stringContaining('b') },
    ]);
    expect(check.body.changes).toEqual([]);
    const res = await agent.post('/api/admin/forms/bad-form/publish').set('X-CSRF-Token', csrf).send({ title: '坏表单', schema: bad });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/schema' })]);
    const notObject = await agent.post('/api/admin/forms/bad-form/publish').set('X-CSRF-Token', csrf).send({ title: '坏表单', schema: { type: 'string' } });
    expect(notObject.status).toBe(422);
    expect(await formVersions(t, 'bad-form')).toBe(0);
  });

  it('given a new key, when an admin publishes a form, then it is created as version 1 and listed unused', async () => {
    const { agent, csrf } = await t.login('admin');
    const res = await agent.post('/api/admin/forms/inspection-report/publish').set('X-CSRF-Token', csrf).send({ title: '检查报告', schema: PUSH_CLAIM_FORM });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ key: 'inspection-report', version: 1 });
    const list = await agent.get('/api/admin/forms');
    expect(list.body.find((f: { key: string }) => f.key === 'inspection-report')).toMatchObject({ title: '检查报告', latestVersion: 1, usedBy: [] });
    const badKey = await agent.post('/api/admin/forms/..%2Fescape/publish').set('X-CSRF-Token', csrf).send({ title: 'x', schema: PUSH_CLAIM_FORM });
    expect(badKey.status).toBe(422);
  });
});
