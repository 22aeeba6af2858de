/**
 * Seeds the Qufu pack's statutory calendar from the `chinese-days` package
 * (MIT), keeping its attribution in the JSON and in NOTICE.md.
 *
 *   npx tsx platform/scripts/seed-calendar.ts
 *
 * Writes definitions/qufu-2023/calendars/cn-statutory.json and NOTICE.md.
 * Every year chinese-days lists holidays for is covered, after a completeness
 * check (each statutory festival of that era present), so that a half-entered
 * year is reported instead of silently treating its holidays as working days.
 * The output is validated with parseCalendarData before it is written.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CalendarData, CalendarDay } from '../src/calendar/calendar-data';
import { parseCalendarData } from '../src/calendar/parse-calendar-data';

/** The raw shape of chinese-days' dist/chinese-days.json we use: date → "English,中文,n". */
export interface ChineseDaysJson {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

export interface ChineseDaysPackage {
  readonly version: string;
  readonly license: string;
  /** The copyright line of the package's LICENSE file. */
  readonly copyright: string;
  readonly url: string;
}

/**
 * State Council notice numbers we have checked, by the year they arrange.
 * Entries of other years cite the dataset instead.
 */
export const KNOWN_NOTICES: Readonly<Record<number, string>> = {
  2023: '国办发明电〔2022〕16号',
  2024: '国办发明电〔2023〕7号',
  2025: '国办发明电〔2024〕12号',
  2026: '国办发明电〔2025〕7号',
};

/** Festivals every year's notice must arrange; 清明, 端午 and 中秋 became statutory in 2008. */
function requiredFestivals(year: number): string[] {
  // 中秋 is omitted: when it coincides with National Day the notice merges the two (e.g. 2020).
  return year >= 2008 ? ['元旦', '春节', '清明', '劳动节', '端午', '国庆节'] : ['元旦', '春节', '劳动节', '国庆节'];
}

/**
 * Builds the calendar document from chinese-days data. Pure, so a test can
 * feed it a small fixture. Returns the data and any years it had to leave out.
 */
export function buildCalendarData(raw: ChineseDaysJson, pkg: ChineseDaysPackage): { data: CalendarData; skippedYears: number[] } {
  const dataset = `chinese-days@${pkg.version}`;
  const holidays = toDays(raw.holidays, dataset);
  const workdays = toDays(raw.workdays, dataset);
  const listedYears = [...new Set(holidays.map((d) => Number(d.date.slice(0, 4))))].sort((a, b) => a - b);
  const skippedYears = listedYears.filter((year) => {
    const names = new Set(holidays.filter((d) => d.date.startsWith(`${year}-`)).map((d) => d.name));
    return requiredFestivals(year).some((festival) => !names.has(festival));
  });
  const years = listedYears.filter((y) => !skippedYears.includes(y));
  const inCovered = (d: CalendarDay): boolean => years.includes(Number(d.date.slice(0, 4)));
  const data: CalendarData = {
    id: 'cn-statutory',
    name: '全国法定节假日及调休（国务院办公厅部分节假日安排通知）',
    description:
      'Statutory holidays and make-up workdays of the PRC per the annual State Council notices. ' +
      'Seeded by platform/scripts/seed-calendar.ts; add next year by hand from the notice (docs/calendar.md).',
    timeZone: 'Asia/Shanghai',
    years,
    holidays: holidays.filter(inCovered),
    workdays: workdays.filter(inCovered),
    attribution: [
      {
        name: 'chinese-days',
        version: pkg.version,
        license: pkg.license,
        copyright: pkg.copyright,
        url: pkg.url,
        note: 'Dates of holidays and make-up workdays derived from chinese-days dist/chinese-days.json; see NOTICE.md.',
      },
    ],
  };
  return { data, skippedYears };
}

function toDays(map: Readonly<Record<string, string>>, dataset: string): CalendarDay[] {
  return Object.entries(map)
    .map(([date, value]) => {
      const name = value.split(',')[1]?.trim();
      if (name === undefined || name === '') throw new Error(`Unexpected chinese-days value for ${date}: "${value}"`);
      return { date, name, source: noticeFor(date, name) ?? dataset };
    })
    .sort((a, b) => a.date.localeCompare(b.date));
}

/** A New Year's Day entry in December belongs to the next year's notice (e.g. 2022-12-31 → 2023). */
function noticeFor(date: string, name: string): string | undefined {
  const year = Number(date.slice(0, 4));
  const arrangedYear = name === '元旦' && date.slice(5, 7) === '12' ? year + 1 : year;
  return KNOWN_NOTICES[arrangedYear];
}

/** JSON with one calendar entry per line, so notice updates review as small diffs. */
export function formatCalendarJson(data: CalendarData): string {
  const lines = Object.entries(data).map(([key, value]) => {
    const isDayList = (key === 'holidays' || key === 'workdays') && Array.isArray(value);
    const body = isDayList
      ? `[\n${(value as CalendarDay[]).map((d) => `    ${JSON.stringify(d)}`).join(',\n')}\n  ]`
      : key === 'years'
        ? JSON.stringify(value)
        : JSON.stringify(value, null, 2).replace(/\n/g, '\n  ');
    return `  ${JSON.stringify(key)}: ${body}`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

function noticeMarkdown(pkg: ChineseDaysPackage, licenseText: string): string {
  return [
    '# Third-party data notice',
    '',
    'The dates in `cn-statutory.json` (statutory holidays and 调休 make-up workdays) were derived from',
    `the [chinese-days](${pkg.url}) package, version ${pkg.version}, file \`dist/chinese-days.json\`,`,
    `by \`platform/scripts/seed-calendar.ts\`. chinese-days is licensed under the ${pkg.license} licence:`,
    '',
    '```text',
    licenseText.trim(),
    '```',
    '',
    'The underlying holiday arrangements are published by the General Office of the State Council',
    '(国务院办公厅关于部分节假日安排的通知); entries whose `source` names a notice number were checked against that notice.',
    '',
  ].join('\n');
}

function main(): void {
  const root = resolve(__dirname, '../..');
  const pkgDir = join(root, 'node_modules/chinese-days');
  const pkgJson = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
    version: string;
    license: string;
    repository?: { url?: string };
  };
  const licenseText = readFileSync(join(pkgDir, 'LICENSE'), 'utf8');
  const copyright = /^Copyright .+$/m.exec(licenseText)?.[0];
  if (copyright === undefined) throw new Error('No copyright line in chinese-days LICENSE');
  const pkg: ChineseDaysPackage = {
    version: pkgJson.version,
    license: pkgJson.license,
    copyright,
    url: (pkgJson.repository?.url ?? 'https://github.com/vsme/chinese-days').replace(/^git\+/, '').replace(/\.git$/, ''),
  };
  const raw = JSON.parse(readFileSync(join(pkgDir, 'dist/chinese-days.json'), 'utf8')) as ChineseDaysJson;
  const { data, skippedYears } = buildCalendarData(raw, pkg);
  for (const year of skippedYears) console.warn(`skipped ${year}: chinese-days lacks some of its statutory festivals`);
  const text = formatCalendarJson(data);
  parseCalendarData(JSON.parse(text)); // refuse to write anything the platform would reject

  const outDir = join(root, 'definitions/qufu-2023/calendars');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'cn-statutory.json'), text);
  writeFileSync(join(outDir, 'NOTICE.md'), noticeMarkdown(pkg, licenseText));
  const years = data.years;
  console.log(
    `wrote ${data.holidays.length} holidays and ${data.workdays.length} make-up workdays for ${years[0]}–${years[years.length - 1]} ` +
      `(${years.length} years) to ${outDir}`,
  );
}

if (require.main === module) main();
