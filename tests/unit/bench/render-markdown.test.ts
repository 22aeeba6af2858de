import { latencySummary, percentile } from '../../bench/lib/stats';
import { renderResult, replaceSection } from '../../bench/lib/render-markdown';

describe('benchmark report', () => {
  it('replaces only the marked section and keeps the hand-written text around it', () => {
    const doc = '# Performance\n\nWhy it is fast.\n\n<!-- bench:inbox:start -->\nold table\n<!-- bench:inbox:end -->\n\nAnalysis stays.\n';
    const out = replaceSection(doc, 'inbox', 'new table', 'Inbox');
    expect(out).toContain('Why it is fast.');
    expect(out).toContain('Analysis stays.');
    expect(out).toContain('<!-- bench:inbox:start -->\nnew table\n<!-- bench:inbox:end -->');
    expect(out).not.toContain('old table');
  });

  it('appends a section with a heading when the doc has no markers for it yet', () => {
    const out = replaceSection('# Performance\n', 'timers', 'body', 'Timer throughput');
    expect(out).toBe('# Performance\n\n## Timer throughput\n\n<!-- bench:timers:start -->\nbody\n<!-- bench:timers:end -->\n');
  });

  it('renders tables, escapes pipes and marks unmet targets', () => {
    const md = renderResult({
      name: 'x',
      title: 'X',
      database: 'PostgreSQL 15',
      scale: { cases: 1000 },
      tables: [{ title: 'T', columns: ['a', 'b|c'], rows: [[1, 'x|y']] }],
      targets: [
        { name: 'p95', target: '≤ 10 ms', actual: '12 ms', met: false },
        { name: 'rate', target: '≥ 500/s', actual: '600/s', met: true },
      ],
      finishedAt: '2026-11-25T18:00:00.000Z',
    } as Parameters<typeof renderResult>[0]);
    expect(md).toContain('_Run 2026-11-25 18:00 UTC on PostgreSQL 15; cases 1,000._');
    expect(md).toContain('| a | b\\|c |');
    expect(md).toContain('| 1 | x\\|y |');
    expect(md).toContain('| p95 | ≤ 10 ms | 12 ms | **no** |');
    expect(md).toContain('| rate | ≥ 500/s | 600/s | yes |');
  });
});

describe('latency statistics', () => {
  it('takes nearest-rank percentiles', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 99)).toBe(99);
    expect(latencySummary([3, 1, 2])).toEqual({ p50: 2, p95: 3, p99: 3, max: 3, n: 3 });
  });
});
