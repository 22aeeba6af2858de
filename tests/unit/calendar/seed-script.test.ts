import { readFileSync } from 'node:fs';
import {
  buildCalendarData,
  formatCalendarJson,
  type ChineseDaysJson,
} from '../../../platform/scripts/seed-calendar';
import { parseCalendarData } from '../../../platform/src/calendar';
import { SEED_PATH } from './seed-calendar-fixture';

const pkg = { version: '9.9.9', license: 'MIT', copyright: 'Copyright (c) 2024 Someone', url: 'https://example.org/x' };

describe('seed-calendar buildCalendarData', () => {
  const raw: ChineseDaysJson = {
    holidays: {
      '2022-12-31': "New Year's Day,元旦,1",
      '2023-01-02': "New Year's Day,元旦,1",
      '2023-01-23': 'Spring Festival,春节,4',
      '2023-04-05': 'Tomb-sweeping Day,清明,5',
      '2023-05-01': 'Labour Day,劳动节,2',
      '2023-06-22': 'Dragon Boat Festival,端午,6',
      '2023-10-02': 'National Day,国庆节,3',
      // 2022 itself lacks most festivals in this fixture: incomplete, so not covered.
    },
    workdays: { '2023-01-28': 'Spring Festival,春节,4' },
  };

  test('given an incomplete year, then it is left out with its entries, and reported', () => {
    const { data, skippedYears } = buildCalendarData(raw, pkg);
    expect(skippedYears).toEqual([2022]);
    expect(data.years).toEqual([2023]);
    expect(data.holidays.map((d) => d.date)).not.toContain('2022-12-31');
  });

  test('given a known notice year, then entries cite it; the dataset otherwise', () => {
    const { data } = buildCalendarData(raw, pkg);
    expect(data.holidays[0]).toEqual({ date: '2023-01-02', name: '元旦', source: '国办发明电〔2022〕16号' });
    const older = buildCalendarData(
      { holidays: { '2005-01-01': 'x,元旦,1', '2005-02-09': 'x,春节,4', '2005-05-01': 'x,劳动节,2', '2005-10-01': 'x,国庆节,3' }, workdays: {} },
      pkg,
    );
    expect(older.data.holidays.every((d) => d.source === 'chinese-days@9.9.9')).toBe(true);
  });

  test('given the package metadata, then attribution carries name, version, licence and copyright', () => {
    expect(buildCalendarData(raw, pkg).data.attribution).toEqual([
      expect.objectContaining({ name: 'chinese-days', version: '9.9.9', license: 'MIT', copyright: 'Copyright (c) 2024 Someone' }),
    ]);
  });

  test('when formatted, then it is valid calendar JSON with one entry per line', () => {
    const text = formatCalendarJson(buildCalendarData(raw, pkg).data);
    expect(() => parseCalendarData(JSON.parse(text))).not.toThrow();
    expect(text).toContain('\n    {"date":"2023-01-02","name":"元旦","source":"国办发明电〔2022〕16号"},\n');
  });

  test('given the committed seed file, then it is in the formatter’s canonical layout', () => {
    const committed = readFileSync(SEED_PATH, 'utf8');
    expect(formatCalendarJson(JSON.parse(committed))).toBe(committed);
  });
});
