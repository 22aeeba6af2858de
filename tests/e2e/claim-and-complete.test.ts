import { apiAs, pushApproval } from './helpers/api-as';
import { WatchedPage } from './helpers/browser';
import { useE2E } from './helpers/e2e-suite';

/**
 * The everyday path of a supervising department, in Chromium against the
 * whole platform: log in, claim a pushed approval from the inbox, fill in
 * the claim form, hit a validation error, fix it, complete — and the case
 * timeline shows it with its article. Then the circular dashboard shows the
 * same numbers as the statistics API.
 */
describe('claim and complete in Chromium; the dashboard agrees with the API', () => {
  const e = useE2E('2024-03-01T02:00:00Z'); // Friday 10:00 in Shanghai
  let caseId: string;
  beforeAll(async () => {
    caseId = await pushApproval(e.p.url, ['scjg', 'wsjk']);
  });

  it('login → claim → validation error → fix → complete → the timeline shows the claim with 第二十条（一）', async () => {
    const w = await WatchedPage.open(e.browser, e.p.url);
    try {
      await w.login('scjg-staff');
      const row = w.page.locator('tr', { hasText: '曲阜市杏坛酒店管理有限公司' });
      await row.locator('[data-testid^="claim-"]').click();
      await w.page.getByTestId('tab-mine').click();
      await w.page.locator('tr', { hasText: '曲阜市杏坛酒店管理有限公司' }).getByText('认领审批信息').click();
      await w.page.getByTestId('task-page').waitFor();
      await w.page.locator('#root_claimantName').fill('孔祥民');
      await w.page.locator('#root_claimantPhone').fill('12345');
      await w.page.getByTestId('form-submit').click();
      await w.page.getByText('应为11位手机号码或带区号的固定电话').waitFor();
      await w.screenshot('flow-1-validation-error');

      await w.page.locator('#root_claimantPhone').fill('13905378888');
      await w.page.getByTestId('form-submit').click();
      await w.page.waitForURL(/\/inbox/);

      await w.page.goto(`/cases/${caseId}`);
      const completed = w.page.locator('[data-testid="timeline-line"][data-action="task.completed"]').first();
      await completed.waitFor();
      expect(await completed.innerText()).toContain('认领审批信息');
      expect(await completed.locator('xpath=ancestor::li[1]').getByTestId('timeline-legal-basis').innerText()).toBe('第二十条（一）');
      await w.screenshot('flow-2-timeline');
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });

  it('the circular dashboard for March shows, department by department, the numbers GET /api/statistics/circular gives', async () => {
    e.p.clock.set('2024-04-02T02:00:00Z'); // March is over: wsjk's claim is overdue, scjg's was on time
    const { agent } = await apiAs(e.p.url, 'leader');
    const api = (await agent.get('/api/statistics/circular?month=2024-03')).body as { departments: { code: string; pushed: number; claimedOnTime: number; claimedLate: number; overdueUnclaimed: number; returned: number }[] };
    const scjg = api.departments.find((d) => d.code === 'scjg')!;
    const wsjk = api.departments.find((d) => d.code === 'wsjk')!;
    expect(scjg).toMatchObject({ pushed: 1, claimedOnTime: 1 });
    expect(wsjk).toMatchObject({ pushed: 1, overdueUnclaimed: 1 });
    const w = await WatchedPage.open(e.browser, e.p.url);
    try {
      await w.login('leader');
      await w.page.goto('/dashboard?month=2024-03');
      await w.page.getByTestId('stat-scjg-pushed').waitFor();
      for (const d of api.departments) {
        for (const [field, testId] of [['pushed', 'pushed'], ['claimedOnTime', 'claimedOnTime'], ['claimedLate', 'claimedLate'], ['overdueUnclaimed', 'overdueUnclaimed'], ['returned', 'returned']] as const) {
          expect(`${d.code} ${field} ${(await w.page.getByTestId(`stat-${d.code}-${testId}`).innerText()).trim()}`).toBe(`${d.code} ${field} ${d[field]}`);
        }
      }
      await w.page.getByTestId('chart-rate').waitFor();
      await w.screenshot('flow-3-dashboard');
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
