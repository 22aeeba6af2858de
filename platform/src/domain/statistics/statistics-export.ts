import type { DepartmentClaimRow } from './claim-statistics-query';
import type { CircularReport } from './circular-statistics';

/** Column headings of the circular as the bureau prints it; the order is the column order of both exports. */
export const CIRCULAR_HEADERS = ['部门', '推送数', '按期认领', '超期认领', '超期未认领', '退回', '按期认领率', '认领用时中位数(工作小时)'] as const;

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Excel guesses a file's encoding; a UTF-8 byte-order mark is what makes it read Chinese headings correctly. */
const BOM = '\uFEFF';
/** Characters with which a spreadsheet starts a formula (or, tab and CR, its DDE cousins). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

type Cell = string | number | null;

/** One row's cells in header order; rates and medians stay numbers (null for "none"). */
function cells(row: DepartmentClaimRow): Cell[] {
  return [row.name, row.pushed, row.claimedOnTime, row.claimedLate, row.overdueUnclaimed, row.returned, row.onTimeRate, row.medianClaimWorkingHours];
}

/**
 * A text cell that a spreadsheet would run as a formula (=HYPERLINK(...),
 * +cmd|...) gets a leading apostrophe, so a department name typed by an admin
 * can never execute on the machine of whoever opens the export (CSV injection).
 */
export function neutraliseFormula(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.has(text[0]!) ? `'${text}` : text;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The on-time rate as people read it in a circular: 87.5%. */
export function formatRate(rate: number | null): string {
  return rate === null ? '' : `${(rate * 100).toFixed(1)}%`;
}

/**
 * The circular as CSV: UTF-8 with a BOM, CRLF line ends, a heading row in
 * Chinese, one row per department. Empty cells mean "none" (no rate without
 * anything due, no median without claims).
 */
export function circularCsv(report: Pick<CircularReport, 'departments'>): string {
  const lines = [CIRCULAR_HEADERS.map(csvField).join(',')];
  for (const row of report.departments) {
    const values = cells(row).map((v, i) => {
      if (v === null) return '';
      if (typeof v === 'number') return i === 6 ? formatRate(v) : String(v);
      return csvField(neutraliseFormula(v));
    });
    lines.push(values.join(','));
  }
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

/**
 * The circular as an Excel workbook (exceljs): sheet 1 is the table, numbers
 * as numbers (the rate a fraction shown as a percentage) so it can be summed
 * and charted; sheet 2 says which period, when, and on what legal basis.
 * Text is written as typed string cells, which spreadsheets never evaluate.
 */
export async function circularXlsx(report: CircularReport): Promise<Buffer> {
  // exceljs costs ~27 MiB of resident memory once loaded: load it on the first export, not at server start (issue 11).
  const { Workbook } = require('exceljs') as typeof import('exceljs');
  const workbook = new Workbook();
  workbook.created = report.generatedAt;
  const sheet = workbook.addWorksheet('推送认领情况', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CIRCULAR_HEADERS.map((header, i) => ({ header, key: `c${i}`, width: i === 0 ? 28 : i === 7 ? 24 : 12 }));
  sheet.getRow(1).font = { bold: true };
  for (const row of report.departments) sheet.addRow(cells(row).map((v) => v ?? undefined));
  sheet.getColumn(7).numFmt = '0.0%';
  sheet.getColumn(8).numFmt = '0.0';

  const about = workbook.addWorksheet('说明');
  about.columns = [{ width: 16 }, { width: 60 }];
  about.addRows([
    ['统计期间', `${report.period.from} 至 ${report.period.to}（${report.period.timeZone}，含首尾两日）`],
    ['生成时间', report.generatedAt.toISOString()],
    ['依据', report.legalBasis ?? ''],
    ...report.warnings.map((w) => ['提示', w]),
  ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * A Content-Disposition for a download whose name is Chinese: an ASCII
 * `filename` for old clients and the real name as RFC 5987 `filename*`.
 */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encoded}`;
}
