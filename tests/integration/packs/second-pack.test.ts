import path from 'node:path';
import { runScenario, type ScenarioContext } from '../../../platform/src/domain/pack/scenario-runner';
import { PackHarness, packScenarios, repoRoot } from '../../helpers/pack-harness';
import { testDbKind } from '../../helpers/test-database';

const miniDir = path.join(repoRoot, 'tests/fixtures/packs/mini-county');

/**
 * Nothing county-specific lives in platform/: a second county with other
 * departments, a 2-working-day claim, "push counts as claim" and its own
 * warning thresholds runs on the same engine, beside the Qufu county.
 */
describe(`a second county's pack on the same engine (${testDbKind()})`, () => {
  let h: PackHarness;
  let mini: ScenarioContext;
  beforeAll(async () => {
    h = await PackHarness.start(path.join(repoRoot, 'definitions/qufu-2023'));
    mini = await h.addPack(miniDir);
  }, 60_000);
  afterAll(() => h.close());

  it.each(packScenarios(miniDir).map((s) => [s.file, s.scenario] as const))('%s', async (_file, scenario) => {
    await runScenario(mini, scenario);
  });

  it("the second county's tasks carry its own thresholds, and neither county sees the other's departments", async () => {
    const em = h.ctx.orm.em.fork();
    const { caseId } = await h.ctx.services.engine.startCase(em, { tenantId: mini.tenantId, processKey: 'push-claim', variables: { itemName: '许可', departments: ['scj'], pushCountsAsClaim: false }, actor: { id: null, label: 'test' } });
    const [task] = await em.execute<{ thresholds: { yellow: number; red: number } }[]>('select thresholds from task where case_id = ?', [caseId]);
    expect(task!.thresholds).toEqual({ yellow: 0.6, red: 0.8 });
    const codes = async (tenantId: string) => (await em.execute<{ code: string }[]>('select code from department where tenant_id = ? order by code', [tenantId])).map((r) => r.code);
    expect(await codes(mini.tenantId)).toEqual(['scj', 'spj', 'wjj']);
    expect(await codes(h.ctx.tenantId)).toContain('xzsp');
    expect(await codes(h.ctx.tenantId)).not.toContain('spj');
    await expect(h.ctx.services.engine.startCase(em, { tenantId: h.ctx.tenantId, processKey: 'push-claim', variables: {}, actor: { id: null, label: 'test' } })).rejects.toMatchObject({ status: 404 });
  });
});
