import { pushApproval } from './helpers/api-as';
import { WatchedPage } from './helpers/browser';
import { useE2E } from './helpers/e2e-suite';

/** The designer changes a form without a developer: a new required field reaches the staff's runtime form. */
describe('designer: forms in Chromium', () => {
  const e = useE2E('2024-03-01T02:00:00Z');

  it('an admin adds a required field to the claim form and publishes it; a claim pushed afterwards shows it in the staff form', async () => {
    const admin = await WatchedPage.open(e.browser, e.p.url);
    try {
      await admin.page.goto('/admin/login');
      await admin.page.getByTestId('login-name').fill('admin');
      await admin.page.getByTestId('login-password').fill('demo-2023');
      await admin.page.getByTestId('login-submit').click();
      await admin.page.waitForURL(/\/admin\/procedures/);
      await admin.page.goto('/admin/forms/push-claim');
      const rows = admin.page.getByTestId('form-field-row');
      await rows.first().waitFor();
      const before = await rows.count();
      await admin.page.getByTestId('form-field-add').click();
      await expectCount(rows, before + 1);
      const added = rows.last();
      const key = added.getByTestId('form-field-key');
      await key.fill('claimantPosition');
      await key.press('Enter');
      await added.getByTestId('form-field-title').fill('认领人职务');
      await added.getByTestId('form-field-required').check();
      await admin.page.getByTestId('form-publish').click();
      await admin.page.getByTestId('form-publish-confirm').click();
      await admin.page.getByText(/已发布|版本 2|v2/).first().waitFor({ timeout: 15_000 });
      await admin.screenshot('designer-form-published');
      expect(admin.errors).toEqual([]);
    } finally {
      await admin.close();
    }

    await pushApproval(e.p.url, ['scjg'], { counterpartyName: '曲阜市新字段测试有限公司' });
    const staff = await WatchedPage.open(e.browser, e.p.url);
    try {
      await staff.login('scjg-staff');
      await staff.page.locator('tr', { hasText: '曲阜市新字段测试有限公司' }).getByText('认领审批信息').click();
      await staff.page.getByTestId('task-page').waitFor();
      await staff.page.locator('#root_claimantPosition').waitFor();
      expect(await staff.page.getByText('认领人职务').count()).toBeGreaterThan(0);
      await staff.screenshot('designer-form-in-runtime');
      expect(staff.errors).toEqual([]);
    } finally {
      await staff.close();
    }
  });
});

async function expectCount(locator: import('playwright-core').Locator, n: number): Promise<void> {
  for (let i = 0; i < 50 && (await locator.count()) !== n; i++) await new Promise((r) => setTimeout(r, 100));
  expect(await locator.count()).toBe(n);
}
