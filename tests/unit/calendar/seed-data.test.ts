import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isWorkingDay, nextWorkingDay } from '../../../platform/src/calendar';
import { loadSeedCalendar, loadSeedData, SEED_DIR } from './seed-calendar-fixture';

const data = loadSeedData();
const cal = loadSeedCalendar();

/** Every date from `from` to `to` inclusive (YYYY-MM-DD, same year or across a year end). */
function span(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * The arrangements as printed in each notice. A "与周末连休" day lists only the
 * weekday itself, as the notice does; spans list every day of the span.
 */
const NOTICES = [
  {
    number: '国办发明电〔2022〕16号',
    holidays: [
      ...span('2022-12-31', '2023-01-02'), ...span('2023-01-21', '2023-01-27'), '2023-04-05',
      ...span('2023-04-29', '2023-05-03'), ...span('2023-06-22', '2023-06-24'), ...span('2023-09-29', '2023-10-06'),
    ],
    workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    number: '国办发明电〔2023〕7号',
    holidays: [
      '2024-01-01', ...span('2024-02-10', '2024-02-17'), ...span('2024-04-04', '2024-04-06'), ...span('2024-05-01', '2024-05-05'),
      '2024-06-10', ...span('2024-09-15', '2024-09-17'), ...span('2024-10-01', '2024-10-07'),
    ],
    workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    number: '国办发明电〔2024〕12号',
    holidays: [
      '2025-01-01', ...span('2025-01-28', '2025-02-04'), ...span('2025-04-04', '2025-04-06'), ...span('2025-05-01', '2025-05-05'),
      ...span('2025-05-31', '2025-06-02'), ...span('2025-10-01', '2025-10-08'),
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    number: '国办发明电〔2025〕7号',
    holidays: [
      ...span('2026-01-01', '2026-01-03'), ...span('2026-02-15', '2026-02-23'), ...span('2026-04-04', '2026-04-06'),
      ...span('2026-05-01', '2026-05-05'), ...span('2026-06-19', '2026-06-21'), ...span('2026-09-25', '2026-09-27'),
      ...span('2026-10-01', '2026-10-07'),
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
];

describe('given the seed generated from chinese-days', () => {
  test('then it covers every year chinese-days 1.5.7 has, 2004–2026, in Asia/Shanghai', () => {
    expect(data.years).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    expect(data.timeZone).toBe('Asia/Shanghai');
  });

  test.each(NOTICES)('then the entries citing $number are exactly that notice’s arrangement', (notice) => {
    const cited = (list: typeof data.holidays) => list.filter((d) => d.source === notice.number).map((d) => d.date);
    expect(cited(data.holidays)).toEqual(notice.holidays);
    expect(cited(data.workdays)).toEqual(notice.workdays);
  });

  test('then the State Council make-up workdays of 2024 and 2025 are working days', () => {
    for (const date of ['2024-02-04', '2024-02-18', '2025-01-26', '2025-02-08']) {
      expect([date, isWorkingDay(date, cal)]).toEqual([date, true]);
    }
  });

  test('then National Day 2024 and Spring Festival 2025 are holidays, and the days around them are not', () => {
    for (const date of [...span('2024-10-01', '2024-10-07'), ...span('2025-01-28', '2025-02-04')]) {
      expect([date, isWorkingDay(date, cal)]).toEqual([date, false]);
    }
    expect(isWorkingDay('2024-09-30', cal)).toBe(true);
    expect(nextWorkingDay('2024-09-30', cal)).toBe('2024-10-08');
    expect(isWorkingDay('2025-01-27', cal)).toBe(true);
    expect(nextWorkingDay('2025-01-27', cal)).toBe('2025-02-05');
  });

  test('then every make-up workday falls on a weekend and no date is listed twice', () => {
    const weekdays = data.workdays.map((d) => new Date(`${d.date}T00:00:00Z`).getUTCDay());
    expect(weekdays.every((w) => w === 0 || w === 6)).toBe(true);
    const all = [...data.holidays, ...data.workdays].map((d) => d.date);
    expect(new Set(all).size).toBe(all.length);
  });

  test('then names are the Chinese festival names and sources are a notice or the dataset', () => {
    const names = new Set([...data.holidays, ...data.workdays].map((d) => d.name));
    for (const n of ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节']) expect(names.has(n)).toBe(true);
    for (const d of [...data.holidays, ...data.workdays]) expect(d.source).toMatch(/^(国办发明电〔\d{4}〕\d+号|chinese-days@1\.5\.7)$/);
  });

  test('then the chinese-days MIT attribution travels in the JSON and in NOTICE.md', () => {
    const license = readFileSync(join(__dirname, '../../../node_modules/chinese-days/LICENSE'), 'utf8');
    const copyright = /^Copyright .+$/m.exec(license)?.[0];
    expect(copyright).toBe('Copyright (c) 2024 Yawei sun');
    expect(data.attribution).toEqual([
      expect.objectContaining({ name: 'chinese-days', version: '1.5.7', license: 'MIT', copyright }),
    ]);
    const notice = readFileSync(join(SEED_DIR, 'NOTICE.md'), 'utf8');
    expect(notice).toContain('chinese-days');
    expect(notice).toContain(copyright);
    expect(notice).toContain('Permission is hereby granted, free of charge');
  });
});
