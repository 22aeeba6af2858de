import { apiAs } from './helpers/api-as';
import { WatchedPage } from './helpers/browser';
import { useE2E } from './helpers/e2e-suite';

const KEY = 'migration-demo';

/** A straight line start → tasks → end, with diagram layout so the modeler and the diff can show it. */
function procedureXml(tasks: { id: string; name: string }[]): string {
  const nodes = [
    { id: 'Start', x: 180, width: 36, kind: 'start' },
    ...tasks.map((task, i) => ({ id: task.id, x: 276 + i * 160, width: 100, kind: 'task' })),
    { id: 'End', x: 276 + tasks.length * 160, width: 36, kind: 'end' },
  ];
  const flows = nodes.slice(1).map((n, i) => ({ id: `Flow_${i + 1}`, from: nodes[i]!, to: n }));
  const links = (i: number) => `${i > 0 ? `<bpmn:incoming>Flow_${i}</bpmn:incoming>` : ''}${i < nodes.length - 1 ? `<bpmn:outgoing>Flow_${i + 1}</bpmn:outgoing>` : ''}`;
  const elements = nodes.map((n, i) =>
    n.kind === 'start'
      ? `<bpmn:startEvent id="Start" name="发起">${links(i)}</bpmn:startEvent>`
      : n.kind === 'end'
        ? `<bpmn:endEvent id="End" name="办结">${links(i)}</bpmn:endEvent>`
        : `<bpmn:userTask id="${n.id}" name="${tasks[i - 1]!.name}" cm:formKey="push-urge" cm:candidateDepartments="xzsp" cm:candidateRoles="staff" cm:deadline="5WD">${links(i)}</bpmn:userTask>`,
  );
  const shapes = nodes.map((n) =>
    n.kind === 'task'
      ? `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"><dc:Bounds x="${n.x}" y="138" width="100" height="80"/></bpmndi:BPMNShape>`
      : `<bpmndi:BPMNShape id="${n.id}_di" bpmnElement="${n.id}"><dc:Bounds x="${n.x}" y="160" width="36" height="36"/></bpmndi:BPMNShape>`,
  );
  const edges = flows.map((f) => `<bpmndi:BPMNEdge id="${f.id}_di" bpmnElement="${f.id}"><di:waypoint x="${f.from.x + f.from.width}" y="178"/><di:waypoint x="${f.to.x}" y="178"/></bpmndi:BPMNEdge>`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI" xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:di="http://www.omg.org/spec/DD/20100524/DI" xmlns:cm="http://shenguan.platform/schema/bpmn/cm/1.0" id="Definitions_migration_demo" targetNamespace="urn:procedure:${KEY}">
  <bpmn:process id="${KEY}" name="迁移演示" isExecutable="true">
    ${elements.join('\n    ')}
    ${flows.map((f) => `<bpmn:sequenceFlow id="${f.id}" sourceRef="${f.from.id}" targetRef="${f.to.id}"/>`).join('\n    ')}
  </bpmn:process>
  <bpmndi:BPMNDiagram id="BPMNDiagram_1">
    <bpmndi:BPMNPlane id="BPMNPlane_1" bpmnElement="${KEY}">
      ${shapes.join('\n      ')}
      ${edges.join('\n      ')}
    </bpmndi:BPMNPlane>
  </bpmndi:BPMNDiagram>
</bpmn:definitions>
`;
}

/** v1 has one task; v2 renames it (a new id, so the differ sees a removal and an addition) and adds a second. */
const V1 = procedureXml([{ id: 'Task_Review', name: '审核' }]);
const V2 = procedureXml([
  { id: 'Task_Check', name: '审查' },
  { id: 'Task_Sign', name: '签发' },
]);

async function publish(baseUrl: string, xml: string): Promise<number> {
  const { agent, csrf } = await apiAs(baseUrl, 'admin');
  const res = await agent.post(`/api/admin/procedures/${KEY}/publish`).set('X-CSRF-Token', csrf).send({ xml });
  if (res.status !== 201) throw new Error(`publish: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.version as number;
}

async function startCase(baseUrl: string): Promise<string> {
  const { agent, csrf } = await apiAs(baseUrl, 'xzsp-staff');
  const res = await agent.post('/api/cases').set('X-CSRF-Token', csrf).send({ procedure: KEY, variables: {} });
  if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.caseId as string;
}

async function caseView(baseUrl: string, caseId: string): Promise<{ version: number; openTasks: string[] }> {
  const { agent } = await apiAs(baseUrl, 'xzsp-staff');
  const body = (await agent.get(`/api/cases/${caseId}`)).body as { procedure: { version: number }; tasks: { elementId: string; status: string }[] };
  return { version: body.procedure.version, openTasks: body.tasks.filter((t) => t.status === 'open' || t.status === 'claimed').map((t) => t.elementId) };
}

/**
 * Issue 9: a procedure changes while cases run on it. The admin opens the
 * migration page from the versions list, maps the renamed task onto its
 * successor, sees in a dry run that both cases can move, runs the batch and
 * watches it finish; the cases then run on version 2 at the new task.
 */
describe('designer: migrating running cases in Chromium', () => {
  const e = useE2E('2024-03-01T02:00:00Z'); // Friday 10:00 in Shanghai

  it('maps the renamed task in the migration page, a dry run finds 2 migratable, the run reaches done with 2 migrated, and the cases are on v2', async () => {
    expect(await publish(e.p.url, V1)).toBe(1);
    const cases = [await startCase(e.p.url), await startCase(e.p.url)];
    expect(await caseView(e.p.url, cases[0]!)).toEqual({ version: 1, openTasks: ['Task_Review'] });
    expect(await publish(e.p.url, V2)).toBe(2);

    const w = await WatchedPage.open(e.browser, e.p.url);
    try {
      const page = w.page;
      await page.goto('/admin/login');
      await page.getByTestId('login-name').fill('admin');
      await page.getByTestId('login-password').fill('demo-2023');
      await page.getByTestId('login-submit').click();
      await page.waitForURL(/\/admin\/procedures/);
      await page.goto(`/admin/procedures/${KEY}`);
      await page.getByTestId('bpmn-canvas').waitFor();

      // The versions list: each version's windows, and v2 is the one new cases take today.
      await page.getByTestId('procedure-versions').click();
      await page.getByTestId('version-current-2').waitFor();
      expect(await page.getByTestId('version-current-1').count()).toBe(0);
      expect(await page.getByTestId('version-validity-1').innerText()).toMatch(/本版：不限 至 不限[\s\S]*实际：2023-01-11 至 2025-01-10/);
      await page.locator('.ant-drawer-content-wrapper:not([class*="panel-motion"])').waitFor(); // slid in
      await w.screenshot('designer-versions-validity');
      await page.getByTestId('version-migrate-2').click();

      // The migration page proposes v1 → v2 (where the running cases are); the removed task is flagged and unmapped.
      await page.waitForURL(new RegExp(`/admin/procedures/${KEY}/migrations`));
      const running = page.getByTestId('migration-running');
      await running.waitFor();
      expect(await running.innerText()).toBe('第 1 版有 2 件运行中的案件');
      const row = page.getByTestId('mapping-row-Task_Review');
      expect(await row.getAttribute('data-fate')).toBe('removed');

      // A dry run with the proposal as is: both cases wait at the removed task, so both are blocked, with the reason.
      const summary = page.getByTestId('dry-run-summary');
      await page.getByTestId('migration-dry-run').click();
      await summary.waitFor();
      expect(await summary.innerText()).toBe('共 2 件：可迁移 0 件，不能迁移 2 件');
      expect(await page.getByTestId(`dry-run-case-${cases[0]}`).getAttribute('data-migratable')).toBe('false');
      expect(await page.getByTestId(`dry-run-case-${cases[0]}`).innerText()).toContain('Task_Review');
      expect(await page.getByTestId('migration-run').isDisabled()).toBe(true);

      // Map the renamed task onto its successor: the earlier dry run is stale until run again.
      await page.getByTestId('mapping-target-Task_Review').click();
      await page.locator('.ant-select-item-option').filter({ hasText: 'Task_Check' }).click();
      await row.getByText('已调整').waitFor();
      await page.getByText('对应关系或选项已修改，请重新试运行。').waitFor();
      expect(await page.getByTestId('migration-run').isDisabled()).toBe(true);

      // Dry run again: both cases can move, the task moves to its successor; nothing changed yet.
      await page.getByTestId('migration-dry-run').click();
      await page.getByText('共 2 件：可迁移 2 件，不能迁移 0 件').waitFor();
      for (const id of cases) expect(await page.getByTestId(`dry-run-case-${id}`).getAttribute('data-migratable')).toBe('true');
      expect(await page.getByTestId(`dry-run-case-${cases[0]}`).innerText()).toContain('审核（Task_Review） → 审查（Task_Check）');
      expect((await caseView(e.p.url, cases[0]!)).version).toBe(1);
      await w.screenshot('designer-migration-dry-run');

      // Run it, confirm, and follow the progress until the batch is done.
      await page.getByTestId('migration-run').click();
      await page.getByTestId('migration-run-confirm').click();
      await page.locator('[data-testid="migration-progress"][data-status="done"]').waitFor({ timeout: 30_000 });
      expect(await page.getByTestId('migration-progress-counts').innerText()).toBe('已迁移 2，失败 0，跳过 0，等待 0');
      for (const id of cases) expect(await page.getByTestId(`migration-case-${id}`).getAttribute('data-status')).toBe('migrated');
      await page.locator('[data-testid="migration-history"] .ant-table-row').first().getByText('已完成').waitFor();
      await w.screenshot('designer-migration-done');
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }

    for (const id of cases) expect(await caseView(e.p.url, id)).toEqual({ version: 2, openTasks: ['Task_Check'] });
  });
});
