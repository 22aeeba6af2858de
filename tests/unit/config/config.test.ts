import path from 'node:path';
import { ConfigError, loadConfig } from '../../../platform/src/config/config';

describe('loadConfig', () => {
  it('given an empty environment, runs embedded PGlite in ./data/pg on port 3000 with demo accounts allowed', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c).toMatchObject({
      env: 'development',
      port: 3000,
      databaseUrl: undefined,
      pgliteDataDir: path.resolve('/srv/app', 'data/pg'),
      packDir: path.resolve('/srv/app', 'definitions/qufu-2023'),
      cookieSecure: false,
      allowDemoAccounts: true,
      sessionTtlHours: 12,
    });
  });

  it('in production, cookies are Secure and demo accounts refused unless explicitly allowed', () => {
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ cookieSecure: true, allowDemoAccounts: false });
    expect(loadConfig({ NODE_ENV: 'production', ALLOW_DEMO_ACCOUNTS: 'true' }).allowDemoAccounts).toBe(true);
  });

  it('coerces numbers and booleans from strings', () => {
    expect(loadConfig({ PORT: '8080', DB_POOL_MAX: '20', TRUST_PROXY: 'true' })).toMatchObject({ port: 8080, dbPoolMax: 20, trustProxy: true });
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('given several bad variables, names every one of them in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/PORT/);
    expect(problems).toMatch(/DATABASE_URL/);
    expect(problems).toMatch(/LOG_LEVEL/);
  });

  it('refuses a short INITIAL_ADMIN_PASSWORD', () => {
    expect(() => loadConfig({ INITIAL_ADMIN_PASSWORD: 'short' })).toThrow(/INITIAL_ADMIN_PASSWORD/);
  });
});
