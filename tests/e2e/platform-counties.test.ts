import { WatchedPage } from './helpers/browser';
import { useE2E } from './helpers/e2e-suite';

const PASSWORD = 'shifan-admin-pass-1';

/**
 * Issue 10, "Tenants", in Chromium: the first-start admin (the platform
 * administrator) opens 县区管理, creates a county from the demo pack on the
 * server, sees its scenarios pass and the login hint; the new county's admin
 * logs in to it and has no 县区管理 of their own.
 */
describe('counties page in Chromium', () => {
  const e = useE2E('2024-06-03T02:00:00Z');

  it('the platform admin creates a county from a pack, and its admin logs in to it', async () => {
    const w = await WatchedPage.open(e.browser, e.p.url);
    const other = await WatchedPage.open(e.browser, e.p.url);
    try {
      await w.login('admin');
      const { page } = w;
      await page.goto('/admin/procedures');
      await page.getByRole('menuitem', { name: '县区管理' }).click();
      await page.waitForURL(/\/admin\/counties/);
      const table = page.getByTestId('counties-table');
      await table.locator('tbody tr').first().waitFor();
      expect(await table.locator('tbody tr').count()).toBe(1);

      // The pack list comes from the server's definitions folder; choosing one proposes its county.
      await page.getByTestId('county-pack').click();
      await page.locator('.ant-select-item-option').filter({ hasText: 'demo-county-2024' }).click();
      expect(await page.getByTestId('county-code').inputValue()).toBe('shifan');
      await page.getByTestId('county-code').fill('shifan2');
      await page.getByTestId('county-name').fill('示范二县');
      await page.getByTestId('county-password').fill(PASSWORD);
      await page.getByTestId('county-password-again').fill('not-the-same-pass');
      await page.getByTestId('county-create').click();
      await page.getByText('两次输入的密码不一致').waitFor();
      await page.getByTestId('county-password-again').fill(PASSWORD);
      await page.getByTestId('county-create').click();

      // The rehearsal runs every scenario of the pack before the county is written.
      const created = page.getByTestId('county-created');
      await created.waitFor({ timeout: 150_000 });
      expect(await page.getByTestId('county-login-hint').innerText()).toContain('shifan2');
      const scenarios = page.getByTestId('county-scenarios').locator('[data-ok]');
      expect(await scenarios.count()).toBeGreaterThan(0);
      expect(await page.getByTestId('county-scenarios').locator('[data-ok="false"]').count()).toBe(0);
      await table.getByText('示范二县').waitFor();
      await w.screenshot('platform-counties-created');

      // The new county's admin logs in there, and is a county admin only.
      await other.page.goto('/login');
      await other.page.getByTestId('login-tenant').click();
      await other.page.locator('.ant-select-item-option').filter({ hasText: '示范二县' }).click();
      await other.page.getByTestId('login-name').fill('admin');
      await other.page.getByTestId('login-password').fill(PASSWORD);
      await other.page.getByTestId('login-submit').click();
      await other.page.waitForURL(/\/inbox/);
      await other.page.goto('/admin/org');
      await other.page.getByRole('menuitem', { name: '组织机构' }).waitFor();
      expect(await other.page.getByRole('menuitem', { name: '县区管理' }).count()).toBe(0);
      await other.page.goto('/admin/counties');
      await other.page.getByText('仅平台管理员（首次启动时创建的管理员）可以管理县区。').waitFor();

      expect(w.errors).toEqual([]);
      expect(other.errors).toEqual([]);
    } finally {
      await w.close();
      await other.close();
    }
  }, 240_000);
});
