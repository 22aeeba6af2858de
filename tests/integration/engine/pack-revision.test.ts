import { DefinitionDrafts } from '../../../platform/src/engine/definitions/definition-drafts';
import { PackRevisions, RevisionPublishError } from '../../../platform/src/engine/definitions/pack-revisions';
import { grantExtension } from '../../../platform/src/engine/definitions/validity-extensions';
import { ConflictError } from '../../../platform/src/errors/problem-error';
import { bpmn } from '../../helpers/engine-harness';
import { createTestTenant, startTestApp, testPack, type TestApp } from '../../helpers/test-app';
import { testDbKind } from '../../helpers/test-database';

const procedure = (key: string, name: string, task: string, formKey = 'filing-check') =>
  bpmn(`
  <bpmn:process id="${key}" name="${name}" isExecutable="true">
    <bpmn:startEvent id="start"/>
    <bpmn:sequenceFlow id="a" sourceRef="start" targetRef="work"/>
    <bpmn:userTask id="work" name="${task}" cm:formKey="${formKey}" cm:candidateDepartments="market"/>
    <bpmn:sequenceFlow id="b" sourceRef="work" targetRef="end"/>
    <bpmn:endEvent id="end"/>
  </bpmn:process>`);

const TENANT = 'revisioncounty';
const actor = { id: null, label: 'test' };
const REVISION = { label: '2025年修订', title: '测试县审管联动办法（2025年修订）', documentNumber: '测政发〔2025〕1号', effectiveFrom: '2025-01-11', effectiveTo: '2027-01-10' };

/**
 * A county whose pack runs 2023-01-11 → 2025-01-10 (like the Qufu measures),
 * with two procedures, revised as a whole into a 2025 successor running
 * 2025-01-11 → 2027-01-10; the fake clock crosses the boundary.
 */
describe(`whole-pack successor: pack revisions (${testDbKind()})`, () => {
  let t: TestApp;
  let tenantId: string;
  let revisions: PackRevisions;
  let drafts: DefinitionDrafts;
  let revisionId: string;
  const start = (processKey: string) => t.deps.engine.startCase(t.em(), { tenantId, processKey, variables: {}, actor });
  const startedOn = async (processKey: string) => {
    const { caseId } = await start(processKey);
    const [row] = await t.em().execute<{ version: number; task: string; pack_revision_id: string | null }[]>(
      'select v.version, v.pack_revision_id, t.name as task from case_instance c join definition_version v on v.id = c.definition_version_id join task t on t.case_id = c.id where c.id = ?',
      [caseId],
    );
    return { version: Number(row!.version), task: row!.task, revision: row!.pack_revision_id };
  };
  const count = async (sql: string) => Number((await t.em().execute<{ n: string }[]>(sql, [tenantId]))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp({ start: '2024-12-01T02:00:00Z' });
    const pack = testPack(TENANT);
    pack.manifest.validity = { from: '2023-01-11', to: '2025-01-10' };
    tenantId = (await createTestTenant(t.em(), t.deps, TENANT, pack)).id;
    await t.deps.forms.publish(t.em(), { tenantId, formKey: 'filing-check', title: '核对', schema: { type: 'object', properties: { opinion: { type: 'string' } } }, actor });
    await t.deps.definitions.publish(t.em(), { tenantId, xml: procedure('filing', '备案', '核对'), actor });
    await t.deps.definitions.publish(t.em(), { tenantId, xml: procedure('inspect', '检查', '现场检查'), actor });
    revisions = new PackRevisions(t.deps);
    drafts = new DefinitionDrafts(t.deps);
  });
  afterAll(() => t.close());

  it('given a procedure with an unpublished designer draft, when a revision is started, then it is refused with 409 naming the procedure, and nothing is created or overwritten', async () => {
    const someonesWork = procedure('inspect', '检查', '现场检查（草稿）');
    await drafts.save(t.em(), { tenantId, key: 'inspect', xml: someonesWork, actor });
    const refused = revisions.createRevision(t.em(), { ...REVISION, tenantId, actor });
    await expect(refused).rejects.toBeInstanceOf(ConflictError);
    await expect(refused).rejects.toMatchObject({ status: 409, message: expect.stringContaining('检查 (inspect)'), extensions: { procedures: [{ key: 'inspect', name: '检查' }] } });
    expect(await count('select count(*) as n from pack_revision where tenant_id = ?')).toBe(0);
    expect((await drafts.get(t.em(), tenantId, 'inspect')).xml).toBe(someonesWork);
    expect(await count('select count(*) as n from definition_draft where tenant_id = ?')).toBe(1);
    await drafts.discard(t.em(), { tenantId, key: 'inspect', actor });
  });

  it('given a window that ends before it starts or does not start after the current pack, then creation is a 422 at the field and nothing is created', async () => {
    await expect(revisions.createRevision(t.em(), { ...REVISION, effectiveTo: '2025-01-01', tenantId, actor })).rejects.toMatchObject({ status: 422, errors: [{ pointer: '/body/effectiveTo' }] });
    await expect(revisions.createRevision(t.em(), { ...REVISION, effectiveFrom: '2023-01-11', tenantId, actor })).rejects.toMatchObject({
      status: 422,
      errors: [{ pointer: '/body/effectiveFrom', message: 'must be after 2023-01-11' }],
    });
    expect(await count('select count(*) as n from pack_revision where tenant_id = ?')).toBe(0);
    expect(await count('select count(*) as n from definition_draft where tenant_id = ?')).toBe(0);
  });

  it('given a pack extension of the old pack and a clean designer, when the 2025 revision is started, then every procedure gets a draft of its latest diagram and a second draft revision is refused', async () => {
    // 延期适用 granted before the successor exists: the old rules keep applying to 2025-06-30.
    await grantExtension(t.em(), t.deps, { tenantId, processKey: null, extendedTo: '2025-06-30', reason: '新办法尚未印发', actor });
    const created = await revisions.createRevision(t.em(), { ...REVISION, tenantId, actor });
    revisionId = created.id;
    expect(created).toMatchObject({
      label: '2025年修订',
      status: 'draft',
      current: false,
      effectiveFrom: '2025-01-11',
      effectiveTo: '2027-01-10',
      procedures: [
        { key: 'filing', name: '备案', version: null, changed: false, draft: { updatedBy: null } },
        { key: 'inspect', name: '检查', version: null, changed: false, draft: { updatedBy: null } },
      ],
    });
    const [v1] = await t.em().execute<{ bpmn_xml: string }[]>("select bpmn_xml from definition_version where tenant_id = ? and process_key = 'filing' and version = 1", [tenantId]);
    expect((await drafts.get(t.em(), tenantId, 'filing')).xml).toBe(v1!.bpmn_xml);
    const [audited] = await t.em().execute<{ payload: Record<string, unknown> }[]>("select payload from audit_event where tenant_id = ? and action = 'pack.revision.created'", [tenantId]);
    expect(audited!.payload).toMatchObject({ label: '2025年修订', effectiveFrom: '2025-01-11', effectiveTo: '2027-01-10', drafts: ['filing', 'inspect'] });

    const second = revisions.createRevision(t.em(), { ...REVISION, label: '2025年第二次修订', tenantId, actor });
    await expect(second).rejects.toBeInstanceOf(ConflictError);
    await expect(second).rejects.toMatchObject({ message: expect.stringContaining('2025年修订') });
    expect(await count('select count(*) as n from pack_revision where tenant_id = ?')).toBe(1);
  });

  it('given one draft edited and another that fails validation, when the revision is published, then it is a 422 naming that procedure and its element, and nothing is written', async () => {
    await drafts.save(t.em(), { tenantId, key: 'filing', xml: procedure('filing', '备案', '核对（修订）'), actor });
    await drafts.save(t.em(), { tenantId, key: 'inspect', xml: procedure('inspect', '检查', '现场检查', 'no-such-form'), actor });
    const before = { versions: await count('select count(*) as n from definition_version where tenant_id = ?'), audit: await count('select count(*) as n from audit_event where tenant_id = ?') };

    const refused = revisions.publishRevision(t.em(), { tenantId, id: revisionId, actor });
    await expect(refused).rejects.toBeInstanceOf(RevisionPublishError);
    const err = (await refused.catch((e: unknown) => e)) as RevisionPublishError;
    expect(err.status).toBe(422);
    expect(err.procedures).toEqual([{ key: 'inspect', name: '检查', errors: [expect.objectContaining({ pointer: '/body/xml', elementId: 'work', rule: expect.any(String) })] }]);
    expect(err.errors[0]).toMatchObject({ pointer: '/procedures/inspect/xml', elementId: 'work' });

    expect(await count('select count(*) as n from definition_version where tenant_id = ?')).toBe(before.versions);
    expect(await count('select count(*) as n from audit_event where tenant_id = ?')).toBe(before.audit);
    expect(await count("select count(*) as n from pack_revision where tenant_id = ? and status = 'draft'")).toBe(1);
    expect(await count('select count(*) as n from definition_draft where tenant_id = ?')).toBe(2);
  });

  it('given the failing draft discarded, when the revision is published, then every procedure gets a version under it (the edited one from its draft, the other unchanged), the drafts are gone and the pack shows the new 文号', async () => {
    await drafts.discard(t.em(), { tenantId, key: 'inspect', actor });
    const published = await revisions.publishRevision(t.em(), { tenantId, id: revisionId, actor });
    expect(published).toMatchObject({ status: 'published', current: true, published: [{ key: 'filing', version: 2 }, { key: 'inspect', version: 2 }] });
    expect(published.procedures).toEqual([
      { key: 'filing', name: '备案', version: 2, draft: null, changed: true },
      { key: 'inspect', name: '检查', version: 2, draft: null, changed: false },
    ]);
    const rows = await t.em().execute<{ process_key: string; pack_revision_id: string | null; effective_from: string | null; effective_to: string | null }[]>(
      'select process_key, pack_revision_id, effective_from::text as effective_from, effective_to::text as effective_to from definition_version where tenant_id = ? and version = 2 order by process_key',
      [tenantId],
    );
    expect(rows).toEqual([
      { process_key: 'filing', pack_revision_id: revisionId, effective_from: null, effective_to: null },
      { process_key: 'inspect', pack_revision_id: revisionId, effective_from: null, effective_to: null },
    ]);
    expect(await count('select count(*) as n from definition_draft where tenant_id = ?')).toBe(0);
    const [tenant] = await t.em().execute<{ settings: { pack: { title: string; documentNumber: string }; validity: unknown } }[]>('select settings from tenant where id = ?', [tenantId]);
    expect(tenant!.settings.pack).toMatchObject({ title: REVISION.title, documentNumber: REVISION.documentNumber });
    expect(tenant!.settings.validity).toEqual({ from: '2023-01-11', to: '2025-01-10' }); // the original pack's window is not widened
    const [audited] = await t.em().execute<{ payload: Record<string, unknown> }[]>("select payload from audit_event where tenant_id = ? and action = 'pack.revision.published'", [tenantId]);
    expect(audited!.payload).toMatchObject({ label: '2025年修订', versions: [{ key: 'filing', version: 2 }, { key: 'inspect', version: 2 }] });
    await expect(revisions.publishRevision(t.em(), { tenantId, id: revisionId, actor })).rejects.toMatchObject({ status: 409 });
  });

  it('when the clock crosses 2025-01-11 in Shanghai, then cases on the 10th take the old versions and cases on the 11th the revision', async () => {
    t.clock.set('2025-01-10T23:30:00+08:00');
    expect(await startedOn('filing')).toEqual({ version: 1, task: '核对', revision: null });
    expect(await startedOn('inspect')).toMatchObject({ version: 1, revision: null });
    t.clock.set('2025-01-11T00:30:00+08:00');
    expect(await startedOn('filing')).toEqual({ version: 2, task: '核对（修订）', revision: revisionId });
    expect(await startedOn('inspect')).toEqual({ version: 2, task: '现场检查', revision: revisionId });
  });

  it('given the old pack was extended to 2025-06-30 before the revision, then the old versions never win afterwards, and that extension neither cuts nor stretches the revision', async () => {
    t.clock.set('2025-03-01T09:00:00+08:00');
    expect(await startedOn('filing')).toMatchObject({ version: 2 });
    t.clock.set('2025-07-01T09:00:00+08:00'); // past the old extension: the revision's own window still applies
    expect(await startedOn('filing')).toMatchObject({ version: 2, revision: revisionId });
    t.clock.set('2027-01-11T09:00:00+08:00'); // past the revision's end: the old extension does not revive anything
    await expect(start('filing')).rejects.toMatchObject({ status: 409, code: 'procedure-not-effective', extensions: { effectiveTo: '2027-01-10' } });
  });

  it('given the revision is current, then a new pack extension and a designer publish belong to it, not to the superseded pack', async () => {
    const extension = await grantExtension(t.em(), t.deps, { tenantId, processKey: null, extendedTo: '2027-06-30', reason: '下一版尚未印发', actor });
    expect(extension.packRevisionId).toBe(revisionId);
    const [audited] = await t.em().execute<{ payload: Record<string, unknown> }[]>(
      "select payload from audit_event where tenant_id = ? and action = 'validity.extended' order by seq desc limit 1",
      [tenantId],
    );
    expect(audited!.payload).toMatchObject({ previousEnd: '2027-01-10', extendedTo: '2027-06-30', packRevisionId: revisionId });
    expect(await startedOn('filing')).toMatchObject({ version: 2 });

    const [fix] = await t.deps.definitions.publish(t.em(), { tenantId, xml: procedure('filing', '备案', '核对（勘误）'), actor });
    expect(fix).toMatchObject({ version: 3, packRevisionId: revisionId });
    expect(await startedOn('filing')).toEqual({ version: 3, task: '核对（勘误）', revision: revisionId });
  });

  it('given a new draft revision, when it is discarded, then only its row goes: the designer drafts stay and are listed, and it can no longer be published', async () => {
    const next = await revisions.createRevision(t.em(), { label: '2027年修订', effectiveFrom: '2027-07-01', tenantId, actor });
    expect(next.effectiveTo).toBeNull();
    const discarded = await revisions.discardRevision(t.em(), { tenantId, id: next.id, actor });
    expect(discarded).toEqual({ id: next.id, label: '2027年修订', draftsKept: ['filing', 'inspect'] });
    expect(await count('select count(*) as n from definition_draft where tenant_id = ?')).toBe(2);
    expect((await revisions.listRevisions(t.em(), tenantId)).map((r) => [r.label, r.status])).toEqual([['2025年修订', 'published']]);
    await expect(revisions.publishRevision(t.em(), { tenantId, id: next.id, actor })).rejects.toMatchObject({ status: 404 });
    await expect(revisions.discardRevision(t.em(), { tenantId, id: revisionId, actor })).rejects.toBeInstanceOf(ConflictError);
    await expect(revisions.createRevision(t.em(), { label: '2025年修订', effectiveFrom: '2027-07-01', tenantId, actor })).rejects.toMatchObject({ status: 409, message: expect.stringContaining('already exists') });
  });
});
