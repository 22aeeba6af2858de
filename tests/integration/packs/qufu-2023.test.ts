import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadPackManifest } from '../../../platform/src/domain/pack/pack-manifest';
import { localDateOf } from '../../../platform/src/domain/pack/pack-validity';
import { createAjv } from '../../../platform/src/forms/ajv-factory';
import { PackHarness, packScenarios, repoRoot } from '../../helpers/pack-harness';
import { testDbKind } from '../../helpers/test-database';

const packDir = path.join(repoRoot, 'definitions/qufu-2023');
const scenarios = packScenarios(packDir);
const manifest = JSON.parse(readFileSync(path.join(packDir, 'pack.json'), 'utf8')) as { procedures: { key: string }[]; forms: { key: string; schema: string }[]; validity: { to: string } };
const packValidity = manifest.validity;
/** PostgreSQL gives Date objects, PGlite may give text: compare instants as ISO strings. */
const iso = (d: Date | string) => new Date(d).toISOString();

/** Every executable scenario of the Qufu pack, against the real engine, on a county created from the whole pack. */
describe(`Qufu pack (${testDbKind()})`, () => {
  let h: PackHarness;
  beforeAll(async () => {
    h = await PackHarness.start(packDir);
  }, 60_000);
  afterAll(() => h.close());

  it('loads: every procedure lints, compiles and is published, and every form is published', async () => {
    const em = h.ctx.orm.em.fork();
    const procedures = await em.execute<{ process_key: string }[]>('select process_key from definition_version where tenant_id = ? order by process_key', [h.ctx.tenantId]);
    expect(procedures.map((r) => r.process_key)).toEqual(manifest.procedures.map((p) => p.key).sort());
    const forms = await em.execute<{ form_key: string }[]>('select form_key from form_version where tenant_id = ? order by form_key', [h.ctx.tenantId]);
    expect(forms.map((r) => r.form_key)).toEqual(manifest.forms.map((f) => f.key).sort());
  });

  it('has at least one scenario for every procedure', () => {
    expect(new Set(scenarios.map((s) => s.scenario.procedure))).toEqual(new Set(manifest.procedures.map((p) => p.key)));
  });

  it('sets every scenario inside the validity window, or declares the 延期适用 it runs under', () => {
    // The measures expired on 2025-01-10; scenarios of the 2025 Spring Festival say which extension they assume.
    const late = scenarios.filter((s) => localDateOf(new Date(s.scenario.given.at)) > packValidity.to);
    expect(late.length).toBeGreaterThan(0);
    for (const { file, scenario } of late) expect([file, scenario.given.extension?.to]).toEqual([file, expect.stringMatching(/^2025-/)]);
  });

  it.each(scenarios.map((s) => [s.file, s.scenario] as const))('%s', async (_file, scenario) => {
    await h.run(scenario);
  });

  // After the scenarios: the reconvene scenario pushed a new meeting case, which had to satisfy the meeting request form.
  it('a meeting pushed to reconvene carries the unresolved topics as a valid meeting request', async () => {
    const pushed = await h.ctx.orm.em.fork().execute<{ variables: Record<string, unknown> }[]>(
      "select c.variables from case_instance c join case_link l on l.to_case_id = c.id where l.tenant_id = ? and l.kind = 'push' and c.process_key = 'liaison-meeting'",
      [h.ctx.tenantId],
    );
    expect(pushed).toHaveLength(1);
    expect(pushed[0]!.variables).toMatchObject({ applicantDepartment: 'xzsp', urgent: false, topics: ['消防设计审查材料是否纳入共享范围'] });
  });

  it('the monthly timers fire once a month from 2023-02 until the pack expires (2025-01-10), on time or caught up late, each circular reporting the month before the day it fired; after the sunset they start nothing', async () => {
    // Caught up on 2025-06-01: the pack ended on 2025-01-10, so the firings due 2025-02 … 2025-06 find no version in
    // effect on their day and start nothing, while the ones due before the sunset still start, however late.
    h.ctx.clock.set('2025-06-01T09:00:00+08:00');
    await h.ctx.runDueJobs();
    const em = h.ctx.orm.em.fork();
    const circulars = await em.execute<{ fired_at: string; period_start: Date | string; period_end: Date | string }[]>(
      `select c.variables->>'firedAt' as fired_at, r.period_start, r.period_end
         from case_instance c join report_snapshot r on r.case_id = c.id
        where c.tenant_id = ? and c.process_key = 'circular' and c.variables->>'firedAt' is not null order by 1`,
      [h.ctx.tenantId],
    );
    // 2023-02 … 2025-01: 24 firings, one per month, none twice; the early ones long after their day.
    const months = Array.from({ length: 24 }, (_, i) => new Date(Date.UTC(2023, 1 + i, 1, 1)).toISOString());
    expect(circulars.map((c) => c.fired_at)).toEqual(months);
    for (const c of circulars) {
      const fired = new Date(c.fired_at);
      // The month before the firing day, in Shanghai: [1st of last month 00:00+08, 1st of this month 00:00+08).
      expect([iso(c.period_start), iso(c.period_end)]).toEqual([
        new Date(Date.UTC(fired.getUTCFullYear(), fired.getUTCMonth() - 1, 1) - 8 * 3_600_000).toISOString(),
        new Date(Date.UTC(fired.getUTCFullYear(), fired.getUTCMonth(), 1) - 8 * 3_600_000).toISOString(),
      ]);
    }
    const [batches] = await em.execute<{ n: string }[]>(
      `select count(*) as n from task t join case_instance c on c.id = t.case_id
        where c.tenant_id = ? and c.process_key = 'offline-push-batch' and c.variables->>'firedAt' is not null and t.element_id = 'Task_RecordBatch' and t.status = 'open'`,
      [h.ctx.tenantId],
    );
    expect(Number(batches!.n)).toBe(24);
  });
});

describe('Qufu pack forms', () => {
  it('an anonymous public submission may not carry contact details, and a named one must', async () => {
    const m = await loadPackManifest(packDir);
    const form = m.forms!.find((f) => f.key === 'public-supervision-submission')!;
    const { $id: _id, ...schema } = JSON.parse(readFileSync(path.join(packDir, form.schema), 'utf8')) as Record<string, unknown>;
    const validate = createAjv().compile(schema);
    expect(validate({ kind: '举报违法违规行为', content: '某工地夜间施工扰民。', anonymous: true, contactPhone: '13812345678' })).toBe(false);
    expect(validate({ kind: '举报违法违规行为', content: '某工地夜间施工扰民。', anonymous: false })).toBe(false);
    expect(validate({ kind: '举报违法违规行为', content: '某工地夜间施工扰民。', anonymous: true })).toBe(true);
  });
});
