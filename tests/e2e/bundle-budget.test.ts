import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { UI_DIR } from './helpers/e2e-platform';

/** The inbox's initial JavaScript (issue 7): at most 350 KB gzip. Heavy pages are lazy chunks. */
const BUDGET_BYTES = 350 * 1024;

/** Scripts index.html loads before any route runs: the entry module and what it preloads. */
function initialScripts(): string[] {
  const html = readFileSync(path.join(UI_DIR, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)].map((m) => m[1]!);
  return [...new Set(srcs)];
}

describe('runtime UI bundle budget', () => {
  it('the inbox loads at most 350 KB of gzipped JavaScript up front; forms and charts are not in it', () => {
    const scripts = initialScripts();
    expect(scripts.length).toBeGreaterThan(0);
    const bytes = scripts.map((s) => gzipSync(readFileSync(path.join(UI_DIR, s.replace(/^\//, '')))).length).reduce((a, b) => a + b, 0);
    const initialSource = scripts.map((s) => readFileSync(path.join(UI_DIR, s.replace(/^\//, '')), 'utf8')).join('\n');
    expect(initialSource).not.toContain('echarts'); // the charts arrive with the dashboard
    expect(initialSource).not.toMatch(/rjsf|ui:submitButtonOptions/); // the form engine arrives with the task page
    expect(bytes).toBeLessThanOrEqual(BUDGET_BYTES);
  });
});
