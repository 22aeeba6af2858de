import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPack } from '../../../platform/src/domain/pack/load-pack';
import { createAjv } from '../../../platform/src/forms/ajv-factory';
import { builtinActions } from '../../../platform/src/engine/actions/builtin-actions';
import { PackHarness, packScenarios, repoRoot } from '../../helpers/pack-harness';
import { testDbKind } from '../../helpers/test-database';

const packDir = path.join(repoRoot, 'definitions/demo-county-2024');
const scenarios = packScenarios(packDir);
const manifest = JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')) as { procedures: { key: string }[]; forms: { key: string }[]; departments: { code: string }[] };

/** A start payload of the approval push for an item of `itemCategory`; everything else is fixed and valid. */
const approvalResult = (itemCategory: string) => ({
  itemName: '公共场所卫生许可变更（法定代表人）',
  itemCategory,
  legalDocNumber: '示卫公证字〔2024〕第0088号',
  counterpartyName: '示范县悦容美容有限公司',
  counterpartyKind: '法人或其他组织',
  uscc: '91999901MA0A1B2C3N',
  contactPhone: '13912345682',
  address: '示范县和平路20号',
  approvalDate: '2024-05-08',
  validUntil: '2028-05-07',
  approvalContent: '变更法定代表人。',
  targetDepartments: ['wsjkj'],
});

/**
 * The example county pack (示范县, fictional): a second set of deadlines (2-working-day claims, a 1-working-day
 * supervision push), "push counts as claim" for catalogued items and other departments, on the same engine.
 * Every scenario of the pack runs against a county created from the whole pack.
 */
describe(`demo county pack (${testDbKind()})`, () => {
  let h: PackHarness;
  beforeAll(async () => {
    h = await PackHarness.start(packDir);
  }, 60_000);
  afterAll(() => h.close());

  it('loads with no problems: every form compiles and every procedure lints clean and compiles', async () => {
    const pack = await loadPack(packDir, { ajv: createAjv(), actions: builtinActions().map((a) => a.name) });
    expect(pack.procedures.map((p) => p.key)).toEqual(manifest.procedures.map((p) => p.key));
    expect(pack.forms.map((f) => f.key)).toEqual(manifest.forms.map((f) => f.key));
    expect(pack.calendars.map((c) => c.id)).toEqual(['cn-statutory']);
  });

  it('publishes every procedure and form and creates its own departments, none of them Qufu codes', async () => {
    const em = h.ctx.orm.em.fork();
    const procedures = await em.execute<{ process_key: string }[]>('select process_key from definition_version where tenant_id = ? order by process_key', [h.ctx.tenantId]);
    expect(procedures.map((r) => r.process_key)).toEqual(manifest.procedures.map((p) => p.key).sort());
    const forms = await em.execute<{ form_key: string }[]>('select form_key from form_version where tenant_id = ? order by form_key', [h.ctx.tenantId]);
    expect(forms.map((r) => r.form_key)).toEqual(manifest.forms.map((f) => f.key).sort());
    const departments = await em.execute<{ code: string }[]>('select code from department where tenant_id = ? order by code', [h.ctx.tenantId]);
    expect(departments.map((d) => d.code)).toEqual(manifest.departments.map((d) => d.code).sort());
    expect(departments.map((d) => d.code)).not.toContain('xzsp');
  });

  it('has at least one scenario for every procedure', () => {
    expect(new Set(scenarios.map((s) => s.scenario.procedure))).toEqual(new Set(manifest.procedures.map((p) => p.key)));
  });

  it.each(scenarios.map((s) => [s.file, s.scenario] as const))('%s', async (_file, scenario) => {
    await h.run(scenario);
  });

  it.each([
    ['变更许可（不涉及许可条件）', true],
    ['备案', true],
    ['变更许可（涉及许可条件）', false],
    ['延续许可', false],
  ] as const)('an item of category %s counts as claimed on push: %s', async (itemCategory, countsAsClaim) => {
    h.ctx.clock.set('2024-05-08T10:00:00+08:00');
    const em = h.ctx.orm.em.fork();
    const { caseId } = await h.ctx.services.engine.startCase(em, { tenantId: h.ctx.tenantId, processKey: 'approval-push', variables: approvalResult(itemCategory), actor: { id: null, label: 'test' } });
    const [row] = await em.execute<{ status: string; variables: Record<string, unknown> }[]>('select status, variables from case_instance where id = ?', [caseId]);
    const tasks = await em.execute<{ element_id: string }[]>('select element_id from task where case_id = ?', [caseId]);
    expect(row!.variables.pushCountsAsClaim).toBe(countsAsClaim);
    if (countsAsClaim) {
      expect(row!.status).toBe('completed');
      expect(row!.variables.claimedOnPush).toBe(true);
      expect(tasks).toEqual([]);
    } else {
      expect(row!.status).toBe('active');
      expect(tasks.map((t) => t.element_id)).toEqual(['Task_Claim']);
    }
  });
});
