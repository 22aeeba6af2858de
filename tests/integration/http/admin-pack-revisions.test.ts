import { PackRevisions } from '../../../platform/src/engine/definitions/pack-revisions';
import { installPushProcedure } from '../../helpers/case-api-fixture';
import { createTestTenant, startTestApp, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const REVISION = { label: '2027年修订', title: '测试县审管联动办法（2027年修订）', documentNumber: '测政发〔2027〕1号', effectiveFrom: '2027-01-01', effectiveTo: '2028-12-31' };

/** The designer's revision routes over HTTP, on the test county (pack 2024-01-01 → 2026-12-31, one procedure "push"). */
describe(`designer API: pack revisions (${testDbKind()})`, () => {
  let t: TestApp;
  const revisionCount = async () => Number((await t.em().execute<{ n: string }[]>('select count(*) as n from pack_revision where tenant_id = ?', [t.tenantId]))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp({ start: '2026-11-01T02:00:00Z' });
    await installPushProcedure(t);
  });
  afterAll(() => t.close());

  it('given a non-admin, then every revision route is a 403 and nothing is created', async () => {
    const { agent, csrf } = await t.login('bureau-staff');
    expect((await agent.get('/api/admin/pack/revisions')).status).toBe(403);
    expect((await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send(REVISION)).status).toBe(403);
    expect((await agent.post('/api/admin/pack/revisions/00000000-0000-4000-8000-000000000000/publish').set('X-CSRF-Token', csrf)).status).toBe(403);
    expect((await agent.delete('/api/admin/pack/revisions/00000000-0000-4000-8000-000000000000').set('X-CSRF-Token', csrf)).status).toBe(403);
    expect(await revisionCount()).toBe(0);
  });

  it('given a bad window or body, then it is a 422 problem at the field and nothing is created', async () => {
    const { agent, csrf } = await t.login('admin');
    const backwards = await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send({ ...REVISION, effectiveTo: '2026-12-31' });
    expect(backwards.status).toBe(422);
    expect(backwards.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(backwards.body.errors).toEqual([{ pointer: '/body/effectiveTo', message: 'must not be before effectiveFrom (2027-01-01)' }]);
    const early = await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send({ ...REVISION, effectiveFrom: '2023-06-01' });
    expect(early.status).toBe(422);
    expect(early.body.errors).toEqual([{ pointer: '/body/effectiveFrom', message: 'must be after 2024-01-01' }]);
    const notADate = await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send({ ...REVISION, effectiveFrom: '2027-13-01' });
    expect(notADate.status).toBe(422);
    expect(notADate.body.errors[0].pointer).toBe('/body/effectiveFrom');
    const noLabel = await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send({ effectiveFrom: '2027-01-01' });
    expect(noLabel.status).toBe(422);
    expect(await revisionCount()).toBe(0);
  });

  it('given a valid revision, when created, listed, refused on a broken draft, then published, then the validity overview shows it as current and a published revision cannot be discarded', async () => {
    const { agent, csrf } = await t.login('admin');
    const created = await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send(REVISION);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ label: '2027年修订', status: 'draft', current: false, createdBy: expect.any(String), procedures: [{ key: 'push', version: null, changed: false }] });
    const id = created.body.id as string;
    expect((await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send({ ...REVISION, label: '另一修订' })).status).toBe(409);

    const listed = await agent.get('/api/admin/pack/revisions');
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ id, status: 'draft', procedures: [expect.objectContaining({ key: 'push', draft: expect.objectContaining({ updatedAt: expect.any(String) }) })] })]);

    // A draft that names a form the county does not have blocks the whole revision, with the element.
    const draft = (await agent.get('/api/admin/procedures/push/draft')).body.xml as string;
    const broken = draft.replace(/cm:formKey="push-claim"/, 'cm:formKey="no-such-form"');
    expect(broken).not.toBe(draft);
    expect((await agent.put('/api/admin/procedures/push/draft').set('X-CSRF-Token', csrf).send({ xml: broken })).status).toBe(204);
    const refused = await agent.post(`/api/admin/pack/revisions/${id}/publish`).set('X-CSRF-Token', csrf);
    expect(refused.status).toBe(422);
    expect(refused.body.procedures).toEqual([{ key: 'push', name: expect.any(String), errors: [expect.objectContaining({ pointer: '/body/xml', elementId: expect.any(String), rule: expect.any(String) })] }]);
    expect(Number((await t.em().execute<{ n: string }[]>('select count(*) as n from definition_version where tenant_id = ? and pack_revision_id is not null', [t.tenantId]))[0]!.n)).toBe(0);

    expect((await agent.put('/api/admin/procedures/push/draft').set('X-CSRF-Token', csrf).send({ xml: draft })).status).toBe(204);
    const published = await agent.post(`/api/admin/pack/revisions/${id}/publish`).set('X-CSRF-Token', csrf);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ id, status: 'published', current: true, published: [{ key: 'push', version: 2 }], procedures: [{ key: 'push', version: 2, changed: false, draft: null }] });

    const validity = await agent.get('/api/admin/validity');
    expect(validity.status).toBe(200);
    expect(validity.body.pack).toEqual({ from: '2027-01-01', to: '2028-12-31', extendedTo: null });
    expect(validity.body.revisions).toEqual([{ id, label: '2027年修订', from: '2027-01-01', to: '2028-12-31', extendedTo: null, status: 'published', current: true }]);
    expect(validity.body.procedures[0]).toMatchObject({
      key: 'push',
      effectiveVersion: 1, // 2026-11-01: the revision starts on 2027-01-01
      versions: [{ version: 2, effective: { from: '2027-01-01', to: '2028-12-31' } }, { version: 1, effective: { from: '2024-01-01', to: '2026-12-31' } }],
    });

    const gone = await agent.delete(`/api/admin/pack/revisions/${id}`).set('X-CSRF-Token', csrf);
    expect(gone.status).toBe(409);
    expect((await agent.post(`/api/admin/pack/revisions/${id}/publish`).set('X-CSRF-Token', csrf)).status).toBe(409);
  });

  it('given a draft revision, when it is deleted, then 200 says which designer drafts were kept, and an unknown id is a 404', async () => {
    const { agent, csrf } = await t.login('admin');
    const created = await agent.post('/api/admin/pack/revisions').set('X-CSRF-Token', csrf).send({ label: '2029年修订', effectiveFrom: '2029-01-01' });
    expect(created.status).toBe(201);
    const deleted = await agent.delete(`/api/admin/pack/revisions/${created.body.id}`).set('X-CSRF-Token', csrf);
    expect(deleted.status).toBe(200);
    expect(deleted.body).toEqual({ id: created.body.id, label: '2029年修订', draftsKept: ['push'] });
    expect((await agent.get('/api/admin/procedures/push/draft')).status).toBe(200);
    expect((await agent.delete(`/api/admin/pack/revisions/${created.body.id}`).set('X-CSRF-Token', csrf)).status).toBe(404);
    expect((await agent.post('/api/admin/pack/revisions/not-a-uuid/publish').set('X-CSRF-Token', csrf)).status).toBe(422);
  });

  it("given another county's draft revision, then this county's admin neither sees, publishes nor discards it (404)", async () => {
    const other = await createTestTenant(t.em(), t.deps, 'revisionother');
    const theirs = await new PackRevisions(t.deps).createRevision(t.em(), { tenantId: other.id, label: '他县修订', effectiveFrom: '2027-01-01', actor: { id: null, label: 'test' } });
    const { agent, csrf } = await t.login('admin');
    expect(((await agent.get('/api/admin/pack/revisions')).body as { id: string }[]).map((r) => r.id)).not.toContain(theirs.id);
    expect((await agent.post(`/api/admin/pack/revisions/${theirs.id}/publish`).set('X-CSRF-Token', csrf)).status).toBe(404);
    expect((await agent.delete(`/api/admin/pack/revisions/${theirs.id}`).set('X-CSRF-Token', csrf)).status).toBe(404);
    const [row] = await t.em().execute<{ status: string }[]>('select status from pack_revision where id = ?', [theirs.id]);
    expect(row).toEqual({ status: 'draft' });
  });
});
