import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser';
import { startE2EPlatform, type E2EPlatform } from './e2e-platform';

/** What a describe block of end-to-end tests shares: the platform and the browser, set once its beforeAll ran. */
export interface E2ESuite {
  p: E2EPlatform;
  browser: Browser;
}

/**
 * Registers the hooks every end-to-end describe needs: the whole platform on
 * its own database with the clock at `start`, and Chromium; both closed after.
 */
export function useE2E(start: string): E2ESuite {
  const suite = {} as E2ESuite;
  beforeAll(async () => {
    suite.p = await startE2EPlatform(start);
    suite.browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await suite.browser?.close();
    await suite.p?.close();
  });
  return suite;
}
