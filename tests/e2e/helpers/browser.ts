import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from '../../helpers/pack-harness';

/** Debian's Chromium: nothing is downloaded; .ci/run installs the package when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(repoRoot, 'test-artifacts/e2e');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}

/**
 * A page that records every console error and uncaught exception, so a test
 * can assert the UI stayed clean. Screenshots go to test-artifacts/e2e.
 */
export class WatchedPage {
  readonly errors: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly baseUrl: string,
  ) {
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') this.errors.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (err) => this.errors.push(`pageerror: ${err.message}`));
  }

  static async open(browser: Browser, baseUrl: string): Promise<WatchedPage> {
    const context = await browser.newContext({ baseURL: baseUrl, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1440, height: 900 } });
    return new WatchedPage(context, await context.newPage(), baseUrl);
  }

  async login(login: string, password = 'demo-2023'): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByTestId('login-name').fill(login);
    await this.page.getByTestId('login-password').fill(password);
    await this.page.getByTestId('login-submit').click();
    await this.page.waitForURL(/\/inbox/);
  }

  async screenshot(name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    await this.page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
