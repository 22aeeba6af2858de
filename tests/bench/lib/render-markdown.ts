import type { BenchResult, BenchTable } from './bench-result';

const cell = (v: string | number): string => String(v).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** A Markdown table. */
export function markdownTable(table: BenchTable): string {
  const lines = [`**${table.title}**`, '', `| ${table.columns.map(cell).join(' | ')} |`, `| ${table.columns.map(() => '---').join(' | ')} |`];
  for (const row of table.rows) lines.push(`| ${row.map(cell).join(' | ')} |`);
  if (table.notes?.length) lines.push('', ...table.notes.map((n) => `- ${n}`));
  return lines.join('\n');
}

/** One benchmark's section body: when and at what scale it ran, its tables, then its targets. */
export function renderResult(result: BenchResult & { finishedAt?: string }): string {
  const scale = Object.entries(result.scale)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? v.toLocaleString('en-US') : v}`)
    .join(', ');
  const parts = [`_Run ${result.finishedAt?.slice(0, 16).replace('T', ' ') ?? '?'} UTC on ${result.database}; ${scale}._`];
  for (const table of result.tables) parts.push(markdownTable(table));
  if (result.targets.length) {
    parts.push(
      markdownTable({
        title: 'Targets',
        columns: ['Target', 'Wanted', 'Measured', 'Met'],
        rows: result.targets.map((t) => [t.name, t.target, t.actual, t.met ? 'yes' : '**no**']),
      }),
    );
  }
  if (result.artifacts?.length) parts.push(`Files: ${result.artifacts.map((a) => `[${a}](../${a})`).join(', ')}`);
  return parts.join('\n\n');
}

/**
 * Replace the text between `<!-- bench:<name>:start -->` and
 * `<!-- bench:<name>:end -->` in `doc`; a missing pair is appended at the end
 * under a heading, so a new benchmark shows up without editing the doc first.
 */
export function replaceSection(doc: string, name: string, body: string, heading: string): string {
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const i = doc.indexOf(start);
  const j = doc.indexOf(end);
  if (i >= 0 && j > i) return `${doc.slice(0, i + start.length)}\n${body}\n${doc.slice(j)}`;
  return `${doc.trimEnd()}\n\n## ${heading}\n\n${start}\n${body}\n${end}\n`;
}
