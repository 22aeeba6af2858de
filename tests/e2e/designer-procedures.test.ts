import type { Page } from 'playwright-core';
import { apiAs, pushApproval } from './helpers/api-as';
import { WatchedPage } from './helpers/browser';
import { useE2E } from './helpers/e2e-suite';

/** The browser's own log line for a refused request (the refusal is the point of the second test). */
const REFUSED_PUBLISH = /Failed to load resource: the server responded with a status of 422/;

async function adminLogin(w: WatchedPage): Promise<void> {
  await w.page.goto('/admin/login');
  await w.page.getByTestId('login-name').fill('admin');
  await w.page.getByTestId('login-password').fill('demo-2023');
  await w.page.getByTestId('login-submit').click();
  await w.page.waitForURL(/\/admin\/procedures/);
}

async function openProcedure(page: Page, key: string): Promise<void> {
  await page.goto(`/admin/procedures/${key}`);
  await page.getByTestId('bpmn-canvas').waitFor();
}

/** Click an element on the canvas; its properties show in the panel (waits for one of our entries). */
async function selectElement(page: Page, id: string, entry: string): Promise<void> {
  await page.locator(`.djs-element[data-element-id="${id}"]`).first().click();
  await page.getByTestId(entry).waitFor();
}

async function claimDueAt(baseUrl: string, caseId: string): Promise<string[]> {
  const { agent } = await apiAs(baseUrl, 'xzsp-staff');
  const body = (await agent.get(`/api/cases/${caseId}`)).body as { tasks: { elementId: string; dueAt: string }[] };
  return body.tasks.filter((t) => t.elementId === 'Task_Claim').map((t) => t.dueAt);
}

/**
 * The regulation changes and an admin changes the procedure without a
 * developer: in the modeler's properties panel, the claim deadline goes from
 * 3 to 2 working days and is published. Cases started afterwards get the new
 * deadline; a case already running keeps its version and its 3 days. A user
 * task without a form is refused at publish, with the message at the element.
 */
describe('designer: procedures in Chromium', () => {
  const e = useE2E('2024-03-01T02:00:00Z'); // Friday 10:00 in Shanghai

  it('changing the claim deadline from 3 to 2 working days in the properties panel and publishing: new cases due in 2, a running case keeps 3', async () => {
    const running = await pushApproval(e.p.url, ['scjg']);
    expect(await claimDueAt(e.p.url, running)).toEqual(['2024-03-06T16:00:00.000Z']); // Mon, Tue, Wed
    const w = await WatchedPage.open(e.browser, e.p.url);
    try {
      await adminLogin(w);
      await openProcedure(w.page, 'approval-push');
      await selectElement(w.page, 'Task_Claim', 'cm-deadline');
      const deadline = w.page.getByTestId('cm-deadline');
      expect(await deadline.inputValue()).toBe('3WD');
      await deadline.fill('2WD');
      await deadline.press('Tab');
      await w.page.getByTestId('cm-deadline-preview').getByText(/\d{4}-\d{2}-\d{2}/).waitFor();
      await w.screenshot('designer-deadline-2wd');
      const published = w.page.waitForResponse((r) => r.url().endsWith('/api/admin/procedures/approval-push/publish') && r.status() === 201);
      await w.page.getByTestId('procedure-publish').click();
      expect(((await (await published).json()) as { version: number }).version).toBe(2);
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
    const started = await pushApproval(e.p.url, ['scjg']);
    expect(await claimDueAt(e.p.url, started)).toEqual(['2024-03-05T16:00:00.000Z']); // Mon, Tue
    expect(await claimDueAt(e.p.url, running)).toEqual(['2024-03-06T16:00:00.000Z']);
  });

  it('a user task without a form blocks publishing, and the message is shown at the element', async () => {
    const w = await WatchedPage.open(e.browser, e.p.url);
    try {
      await adminLogin(w);
      await openProcedure(w.page, 'approval-push');
      await selectElement(w.page, 'Task_Urge', 'cm-form');
      await w.page.getByTestId('cm-form').selectOption('');
      await w.page.getByTestId('procedure-publish').click();
      const marker = w.page.locator('[data-testid="publish-error"][data-element-id="Task_Urge"]');
      await marker.waitFor();
      expect(await marker.innerText()).toMatch(/form|表单/i);
      await w.screenshot('designer-lint-error-at-element');
      const { agent } = await apiAs(e.p.url, 'admin');
      const list = (await agent.get('/api/admin/procedures')).body as { key: string; latestVersion: number }[];
      expect(list.find((x) => x.key === 'approval-push')?.latestVersion).toBe(2); // nothing published
      expect(w.errors.filter((e) => !REFUSED_PUBLISH.test(e))).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
