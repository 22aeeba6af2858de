import { WatchedPage } from './helpers/browser';
import { useE2E } from './helpers/e2e-suite';

/**
 * The staff banner of expiry warnings: the Qufu pack ends on 2025-01-10, so
 * 26 days before it every page says so (orange), closing it lasts for the
 * browser session, and at 7 days it is back, red.
 */
describe('expiry banner in Chromium', () => {
  const e = useE2E('2024-12-15T02:00:00Z'); // 10:00 in Shanghai, 26 days before the end

  it('shows the pack ending in 26 days, stays closed after a reload once closed, and returns in red at 7 days', async () => {
    const w = await WatchedPage.open(e.browser, e.p.url);
    try {
      await w.login('scjg-staff');
      const banner = w.page.getByTestId('expiry-banner');
      await banner.waitFor();
      const alert = banner.locator('[data-level="30"]');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('将于 2025-01-10 到期（还剩 26 天）');
      expect(await alert.getAttribute('class')).toMatch(/ant-alert-warning/);
      await w.screenshot('expiry-1-banner');

      await alert.locator('button').click();
      await banner.waitFor({ state: 'detached' });
      await w.page.reload();
      await w.page.locator('table').first().waitFor();
      expect(await w.page.getByTestId('expiry-banner').count()).toBe(0);

      e.p.clock.set('2025-01-03T02:00:00Z'); // 7 days left: a new level, shown again, as an error
      await w.page.reload();
      const urgent = w.page.getByTestId('expiry-banner').locator('[data-level="7"]');
      await urgent.waitFor();
      expect(await urgent.getAttribute('class')).toMatch(/ant-alert-error/);
      expect(await urgent.innerText()).toContain('还剩 7 天');
      expect(w.errors).toEqual([]);
    } finally {
      await w.close();
    }
  });
});
