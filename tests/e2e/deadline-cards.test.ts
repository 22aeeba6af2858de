import { pushApproval } from './helpers/api-as';
import { WatchedPage } from './helpers/browser';
import { useE2E } from './helpers/e2e-suite';

/**
 * The inbox's deadline cards follow the server's clock: a claim due in 3
 * working days is green on Friday, red late on Wednesday (past 90 % of the
 * working time) and overdue on Thursday, with the tabs and badges following.
 */
describe('inbox deadline cards in Chromium', () => {
  const e = useE2E('2024-03-01T02:00:00Z'); // Friday 10:00 in Shanghai

  it('a claim turns from normal to red to overdue as the test clock moves, and the page stays free of console errors', async () => {
    const caseId = await pushApproval(e.p.url, ['scjg']);
    const w = await WatchedPage.open(e.browser, e.p.url);
    try {
      await w.login('scjg-staff');
      const row = w.page.locator('tr', { hasText: '曲阜市杏坛酒店管理有限公司' });
      await row.waitFor();
      await expectStage(row, 'normal');
      await expectText(row, '2024-03-06'); // 3 working days: Mon, Tue, Wed
      await w.screenshot('deadline-1-normal');

      e.p.clock.set('2024-03-06T12:00:00Z'); // Wednesday 20:00: past 90 % of the working time
      await w.page.reload();
      await row.waitFor();
      await expectStage(row, 'red');
      await w.page.getByTestId('tab-due-soon').click();
      await w.page.locator('tr', { hasText: '曲阜市杏坛酒店管理有限公司' }).waitFor();
      expect(await w.page.getByTestId('badge-due-soon').innerText()).toBe('1');
      await w.screenshot('deadline-2-red');

      e.p.clock.set('2024-03-07T01:00:00Z'); // Thursday 09:00: overdue
      await w.page.getByTestId('tab-overdue').click();
      await w.page.reload();
      const overdue = w.page.locator('tr', { hasText: '曲阜市杏坛酒店管理有限公司' });
      await overdue.waitFor();
      await expectStage(overdue, 'overdue');
      await w.screenshot('deadline-3-overdue');
      expect(caseId).toBeTruthy();
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});

async function expectStage(row: import('playwright-core').Locator, stage: string): Promise<void> {
  await row.locator(`[data-stage="${stage}"]`).waitFor({ timeout: 10_000 });
}

async function expectText(row: import('playwright-core').Locator, text: string): Promise<void> {
  expect(await row.innerText()).toContain(text);
}
