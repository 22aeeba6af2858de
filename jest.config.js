/**
 * Jest runs every test. Integration tests run twice: once against a real
 * PostgreSQL server and once against embedded PGlite, because production
 * runs on the former and `npm start` on the latter (PostgreSQL 15+ vs 18).
 */
const transform = {
  '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
};
// ESM-only dependencies that Jest's CommonJS runtime must have transformed.
const esmDeps = ['bpmn-moddle', 'moddle', 'moddle-xml', 'min-dash', 'saxen', 'feelin', 'lezer-feel', '@lezer', 'temporal-polyfill', 'temporal-utils', '@bpmn-io', 'bpmnlint-utils'];
const transformIgnorePatterns = esmDeps.length ? [`node_modules/(?!(${esmDeps.join('|')})/)`] : ['/node_modules/'];
const base = { transform, transformIgnorePatterns, testEnvironment: 'node' };


module.exports = {
  // Each integration file boots its own database (PGlite's in-memory initdb alone takes
  // seconds, more when suites share the two cores); a global option in Jest, not per project.
  testTimeout: 30_000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...base,
      displayName: 'postgres',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/helpers/use-postgres.ts'],
    },
    {
      ...base,
      displayName: 'pglite',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/helpers/use-pglite.ts'],
    },
    // Real headless Chromium (Debian's package) against the whole platform on PostgreSQL, with the built UI.
    {
      ...base,
      displayName: 'e2e',
      testMatch: ['<rootDir>/tests/e2e/**/*.test.ts'],
      setupFiles: ['<rootDir>/tests/helpers/use-postgres.ts'],
    },
  ],
};
