import request from 'supertest';
import { installPushProcedure, PUSH_PROCEDURE, startPush } from '../../helpers/case-api-fixture';
import { bpmn } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

/** A second procedure, drafted from scratch in the designer. */
const INSPECTION = bpmn(`
  <bpmn:process id="inspection" name="联合检查" isExecutable="true">
    <bpmn:startEvent id="start" cm:formKey="push-record"/>
    <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

/** The push procedure with its claim task's form removed: a lint error at element "claim". */
const WITHOUT_FORM = PUSH_PROCEDURE.replace(' cm:formKey="push-claim"', '');

async function count(t: TestApp, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await t.em().execute<{ n: string }[]>(sql, params);
  return Number(row!.n);
}

describe(`the designer's procedure API (${testDbKind()})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await installPushProcedure(t);
    const other = await createTestTenant(t.em(), t.deps, 'othercounty');
    await installPushProcedure(t, other.id);
    await t.deps.definitions.publish(t.em(), { tenantId: other.id, xml: PUSH_PROCEDURE.replace('id="push"', 'id="other-only"'), actor: { id: null, label: 'setup' } });
    await t.em().execute("insert into definition_draft (id, tenant_id, process_key, xml, updated_at) values (gen_random_uuid(), ?, 'other-draft', ?, now())", [other.id, INSPECTION]);
  });
  afterAll(() => t.close());

  it('given a staff member, when they call the designer API, then every route answers 403 and no session answers 401', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    expect((await agent.get('/api/admin/procedures')).status).toBe(403);
    expect((await agent.get('/api/admin/lint-context')).status).toBe(403);
    expect((await agent.put('/api/admin/procedures/push/draft').set('X-CSRF-Token', csrf).send({ xml: PUSH_PROCEDURE })).status).toBe(403);
    expect((await agent.post('/api/admin/procedures/push/publish').set('X-CSRF-Token', csrf).send({ xml: PUSH_PROCEDURE })).status).toBe(403);
    expect((await request(t.app.callback()).get('/api/admin/procedures')).status).toBe(401);
    expect(await count(t, 'select count(*) as n from definition_draft where tenant_id = ?', [t.tenantId])).toBe(0);
  });

  it("given another county's procedure and draft, when an admin asks for them by key, then both are 404 and the listing omits them", async () => {
    const { agent } = await t.login('admin');
    expect((await agent.get('/api/admin/procedures/other-only/versions/1')).status).toBe(404);
    expect((await agent.get('/api/admin/procedures/other-draft/draft')).status).toBe(404);
    const list = await agent.get('/api/admin/procedures');
    expect(list.body.map((p: { key: string }) => p.key)).toEqual(['push']);
  });

  it('given a published procedure, when an admin lists procedures and reads version 1, then both carry the version and its XML', async () => {
    const { agent } = await t.login('admin');
    const list = await agent.get('/api/admin/procedures');
    expect(list.status).toBe(200);
    expect(list.body).toEqual([
      {
        key: 'push',
        name: '信息推送认领',
        legalBasis: '第二十条',
        latestVersion: 1,
        versions: [{ id: expect.any(String), version: 1, status: 'published', publishedAt: '2024-03-01T02:00:00.000Z', publishedBy: null, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) }],
        draft: null,
      },
    ]);
    const version = await agent.get('/api/admin/procedures/push/versions/1');
    expect(version.status).toBe(200);
    expect(version.body).toMatchObject({ key: 'push', version: 1, name: '信息推送认领', xml: PUSH_PROCEDURE, status: 'published', checksum: list.body[0].versions[0].checksum });
    expect((await agent.get('/api/admin/procedures/push/versions/2')).status).toBe(404);
  });

  it('given a new procedure, when an admin saves, reads and discards its draft, then it is listed as draft-only until discarded, and each change is audited', async () => {
    const { agent, csrf } = await t.login('admin');
    const saved = await agent.put('/api/admin/procedures/inspection/draft').set('X-CSRF-Token', csrf).send({ xml: INSPECTION });
    expect(saved.status).toBe(204);
    const draft = await agent.get('/api/admin/procedures/inspection/draft');
    expect(draft.body).toEqual({ key: 'inspection', xml: INSPECTION, updatedAt: '2024-03-01T02:00:00.000Z', updatedBy: '系统管理员（演示）' });
    const list = await agent.get('/api/admin/procedures');
    expect(list.body.find((p: { key: string }) => p.key === 'inspection')).toEqual({
      key: 'inspection', name: '联合检查', legalBasis: null, latestVersion: null, versions: [], draft: { updatedAt: '2024-03-01T02:00:00.000Z', updatedBy: '系统管理员（演示）' },
    });

    t.clock.advance(5 * 60_000);
    const resaved = await agent.put('/api/admin/procedures/inspection/draft').set('X-CSRF-Token', csrf).send({ xml: INSPECTION.replace('联合检查', '联合检查（修订）') });
    expect(resaved.status).toBe(204);
    expect((await agent.get('/api/admin/procedures/inspection/draft')).body).toMatchObject({ xml: expect.stringContaining('联合检查（修订）'), updatedAt: '2024-03-01T02:05:00.000Z' });

    expect((await agent.delete('/api/admin/procedures/inspection/draft').set('X-CSRF-Token', csrf)).status).toBe(204);
    expect((await agent.get('/api/admin/procedures/inspection/draft')).status).toBe(404);
    expect((await agent.delete('/api/admin/procedures/inspection/draft').set('X-CSRF-Token', csrf)).status).toBe(204);
    const audited = await t.em().execute<{ action: string }[]>("select action from audit_event where tenant_id = ? and subject_id = 'inspection' order by seq", [t.tenantId]);
    expect(audited.map((a) => a.action)).toEqual(['definition.draft_saved', 'definition.draft_saved', 'definition.draft_deleted']);
  });

  it('given a draft that is not this procedure or not safe XML, when saved, then it is a 422 at /body/xml and nothing is stored', async () => {
    const { agent, csrf } = await t.login('admin');
    const put = (key: string, xml: string) => agent.put(`/api/admin/procedures/${key}/draft`).set('X-CSRF-Token', csrf).send({ xml });
    for (const res of [
      await put('other-key', INSPECTION),
      await put('inspection', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'),
      await put('inspection', 'not xml at all'),
      await put('inspection', bpmn('<bpmn:process id="inspection" isExecutable="true"/><bpmn:process id="second" isExecutable="true"/>')),
    ]) {
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/xml' })]);
    }
    expect(await count(t, 'select count(*) as n from definition_draft where tenant_id = ?', [t.tenantId])).toBe(0);
  });

  it('given a diagram over the 1 MB app-wide JSON limit but under 2 MB, when saved as a draft, then it is accepted; over 2 MB it is a 422', async () => {
    const { agent, csrf } = await t.login('admin');
    const big = INSPECTION.replace('<bpmn:startEvent', `<bpmn:documentation>${'说明'.repeat(250_000)}</bpmn:documentation><bpmn:startEvent`);
    expect(Buffer.byteLength(big)).toBeGreaterThan(1_400_000);
    const saved = await agent.put('/api/admin/procedures/inspection/draft').set('X-CSRF-Token', csrf).send({ xml: big });
    expect(saved.status).toBe(204);
    const tooBig = INSPECTION.replace('<bpmn:startEvent', `<bpmn:documentation>${'说明'.repeat(400_000)}</bpmn:documentation><bpmn:startEvent`);
    const refused = await agent.put('/api/admin/procedures/inspection/draft').set('X-CSRF-Token', csrf).send({ xml: tooBig });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ pointer: '/body/xml', message: expect.stringMatching(/limit is 2097152 bytes/) });
    expect((await agent.delete('/api/admin/procedures/inspection/draft').set('X-CSRF-Token', csrf)).status).toBe(204);
  });

  it('given a user task without a form, when validated, then the answer lists the error at the element and nothing is written', async () => {
    const { agent, csrf } = await t.login('admin');
    const before = await count(t, 'select count(*) as n from audit_event where tenant_id = ?', [t.tenantId]);
    const res = await agent.post('/api/admin/procedures/validate').set('X-CSRF-Token', csrf).send({ xml: WITHOUT_FORM });
    expect(res.status).toBe(200);
    expect(res.body.errors).toContainEqual({ elementId: 'claim', rule: 'cm/user-task-has-form', message: expect.any(String) });
    const valid = await agent.post('/api/admin/procedures/validate').set('X-CSRF-Token', csrf).send({ xml: PUSH_PROCEDURE });
    expect(valid.body).toEqual({ errors: [], warnings: expect.any(Array) });
    const broken = await agent.post('/api/admin/procedures/validate').set('X-CSRF-Token', csrf).send({ xml: '<nope/>' });
    expect(broken.body.errors).toEqual([{ elementId: null, rule: null, message: expect.stringMatching(/Not a BPMN 2.0 file/) }]);
    expect(await count(t, 'select count(*) as n from audit_event where tenant_id = ?', [t.tenantId])).toBe(before);
    expect(await count(t, "select count(*) as n from definition_version where tenant_id = ? and process_key = 'push'", [t.tenantId])).toBe(1);
  });

  it('given a user task without a form, when published, then it is a 422 with the element id and rule, and the draft and versions stay as they were', async () => {
    const { agent, csrf } = await t.login('admin');
    await agent.put('/api/admin/procedures/push/draft').set('X-CSRF-Token', csrf).send({ xml: WITHOUT_FORM }).expect(204);
    const res = await agent.post('/api/admin/procedures/push/publish').set('X-CSRF-Token', csrf).send({ xml: WITHOUT_FORM });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual({ pointer: '/body/xml', message: expect.any(String), elementId: 'claim', rule: 'cm/user-task-has-form' });
    expect(await count(t, "select count(*) as n from definition_version where tenant_id = ? and process_key = 'push'", [t.tenantId])).toBe(1);
    expect((await agent.get('/api/admin/procedures/push/draft')).status).toBe(200);
  });

  it('given a diagram of another procedure, when published under this key, then it is a 422 and nothing is published', async () => {
    const { agent, csrf } = await t.login('admin');
    const res = await agent.post('/api/admin/procedures/push/publish').set('X-CSRF-Token', csrf).send({ xml: INSPECTION });
    expect(res.status).toBe(422);
    expect(res.body.errors).toContainEqual(expect.objectContaining({ pointer: '/body/xml', elementId: 'inspection', message: expect.stringContaining('"push"') }));
    expect(await count(t, "select count(*) as n from definition_version where tenant_id = ? and process_key = 'inspection'", [t.tenantId])).toBe(0);
  });

  it('given a running case on version 1 and a draft, when version 2 is published, then the case keeps version 1, new cases get version 2, and the draft is gone', async () => {
    const { caseId: oldCase } = await startPush(t, 'market');
    const [v1] = await t.em().execute<{ id: string }[]>("select id from definition_version where tenant_id = ? and process_key = 'push' and version = 1", [t.tenantId]);
    const { agent, csrf } = await t.login('admin');
    const v2Xml = PUSH_PROCEDURE.replace('cm:deadline="3WD"', 'cm:deadline="5WD"');
    const res = await agent.post('/api/admin/procedures/push/publish').set('X-CSRF-Token', csrf).send({ xml: v2Xml });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ key: 'push', version: 2, unchanged: false });
    expect(res.headers.location).toBe('/api/admin/procedures/push/versions/2');
    expect((await agent.get('/api/admin/procedures/push/draft')).status).toBe(404);

    const [old] = await t.em().execute<{ definition_version_id: string }[]>('select definition_version_id from case_instance where id = ?', [oldCase]);
    expect(old!.definition_version_id).toBe(v1!.id);
    const { caseId: newCase } = await startPush(t, 'market');
    const [fresh] = await t.em().execute<{ version: number }[]>('select v.version from case_instance c join definition_version v on v.id = c.definition_version_id where c.id = ?', [newCase]);
    expect(fresh!.version).toBe(2);

    const list = await agent.get('/api/admin/procedures');
    expect(list.body[0]).toMatchObject({ key: 'push', latestVersion: 2, draft: null, versions: [{ version: 1 }, { version: 2, publishedBy: '系统管理员（演示）' }] });
    const audited = await t.em().execute<{ action: string }[]>("select action from audit_event where tenant_id = ? and subject_id = 'push' order by seq desc limit 2", [t.tenantId]);
    expect(audited.map((a) => a.action).sort()).toEqual(['definition.draft_deleted', 'definition.published']);

    const again = await agent.post('/api/admin/procedures/push/publish').set('X-CSRF-Token', csrf).send({ xml: v2Xml });
    expect(again.body).toEqual({ key: 'push', version: 2, unchanged: true });
  });

  it('given the county, when the designer asks for actions and lint context, then it gets the registry, forms with titles, departments and roles', async () => {
    const { agent } = await t.login('admin');
    const actions = await agent.get('/api/admin/actions');
    expect(actions.status).toBe(200);
    expect(actions.body).toContainEqual({ name: 'push', title: expect.any(String), description: expect.any(String), inputSchema: expect.any(Object) });
    const context = await agent.get('/api/admin/lint-context');
    expect(context.status).toBe(200);
    expect(context.body.forms).toEqual([
      { key: 'push-claim', title: '认领', versions: [1] },
      { key: 'push-record', title: '决定信息', versions: [1] },
    ]);
    expect(context.body.actions).toEqual(expect.arrayContaining(['notify', 'push']));
    expect(context.body.departments).toContainEqual({ code: 'bureau', name: '测试县行政审批服务局', kind: 'approval_bureau' });
    expect(context.body.roles.map((r: { code: string }) => r.code)).toEqual(['admin', 'liaison', 'staff', 'leader']);
  });

  it('given the OpenAPI document, when read, then it describes the designer routes', async () => {
    const res = await request(t.app.callback()).get('/api/openapi.json');
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/admin/procedures', '/api/admin/procedures/{key}/publish', '/api/admin/lint-context']));
  });
});
