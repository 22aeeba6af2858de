import { createAjv } from '../../../platform/src/forms/ajv-factory';
import {
  CalendarDataError,
  compileCalendar,
  parseCalendarData,
  type CalendarDataIssue,
} from '../../../platform/src/calendar';
import { loadSeedJson, miniCalendarData } from './seed-calendar-fixture';

function issuesOf(json: unknown): CalendarDataIssue[] {
  try {
    parseCalendarData(json);
  } catch (error) {
    if (error instanceof CalendarDataError) return [...error.issues];
    throw error;
  }
  throw new Error('expected a CalendarDataError');
}

describe('parseCalendarData', () => {
  test('given the seed file, then it is accepted unchanged', () => {
    const json = loadSeedJson();
    expect(parseCalendarData(json)).toBe(json);
  });

  test('given a shared Ajv instance, then the schema is compiled once and reused by $id', () => {
    const ajv = createAjv();
    parseCalendarData(miniCalendarData(), ajv);
    expect(() => parseCalendarData(miniCalendarData(), ajv)).not.toThrow();
    expect(() => parseCalendarData({}, ajv)).toThrow(CalendarDataError);
  });

  test('given missing and unknown properties, then each is reported with its path', () => {
    const { attribution: _dropped, ...rest } = miniCalendarData();
    const issues = issuesOf({ ...rest, colour: 'red' });
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: '', message: 'missing required property "attribution"' },
        { path: '', message: 'unknown property "colour"' },
      ]),
    );
  });

  test('given a malformed date and an empty name, then the failing paths are listed in the message', () => {
    const data = miniCalendarData({ holidays: [{ date: '2024-13-01', name: '', source: 'x' }] });
    let message = '';
    try {
      parseCalendarData(data);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('/holidays/0/date');
    expect(message).toContain('/holidays/0/name');
  });

  test('given a non-object, then it is refused', () => {
    expect(issuesOf('calendar')[0]?.path).toBe('');
    expect(issuesOf(null)).toHaveLength(1);
  });

  test('given a date outside the covered years, then it is refused', () => {
    const issues = issuesOf(miniCalendarData({ holidays: [{ date: '2025-01-01', name: '元旦', source: 'x' }] }));
    expect(issues).toEqual([{ path: '/holidays/0/date', message: '2025-01-01 is in 2025, which is not listed in /years' }]);
  });

  test('given a date that is both holiday and workday, then it is refused', () => {
    const issues = issuesOf(
      miniCalendarData({
        holidays: [{ date: '2024-10-12', name: '国庆节', source: 'x' }],
        workdays: [{ date: '2024-10-12', name: '国庆节', source: 'x' }],
      }),
    );
    expect(issues).toEqual([{ path: '/workdays/0/date', message: expect.stringContaining('also a holiday (/holidays/0)') }]);
  });

  test('given a make-up workday on a weekday, then it is refused', () => {
    const issues = issuesOf(miniCalendarData({ workdays: [{ date: '2024-10-11', name: '国庆节', source: 'x' }] }));
    expect(issues).toEqual([{ path: '/workdays/0/date', message: expect.stringContaining('Friday') }]);
  });

  test('given duplicate dates, then the second one is reported', () => {
    const day = { date: '2024-10-01', name: '国庆节', source: 'x' };
    expect(issuesOf(miniCalendarData({ holidays: [day, day] }))).toEqual([
      { path: '/holidays/1/date', message: expect.stringContaining('listed twice (also /holidays/0)') },
    ]);
    expect(issuesOf(miniCalendarData({ years: [2024, 2024] }))[0]?.path).toBe('/years');
  });

  test('given an unknown time zone, then it is refused', () => {
    expect(issuesOf(miniCalendarData({ timeZone: 'Asia/Qufu' }))).toEqual([
      { path: '/timeZone', message: expect.stringContaining('Asia/Qufu') },
    ]);
  });

  test('given several problems, then all are reported at once', () => {
    const issues = issuesOf(
      miniCalendarData({
        holidays: [{ date: '2023-10-01', name: '国庆节', source: 'x' }],
        workdays: [{ date: '2024-10-10', name: '国庆节', source: 'x' }],
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(['/holidays/0/date', '/workdays/0/date']);
  });
});

describe('compileCalendar', () => {
  test('given hand-built data that breaks a rule, then it refuses too', () => {
    expect(() => compileCalendar(miniCalendarData({ workdays: [{ date: '2024-10-10', name: 'x', source: 'x' }] }))).toThrow(
      CalendarDataError,
    );
  });

  test('given valid data, then the compiled calendar is frozen', () => {
    const cal = compileCalendar(miniCalendarData());
    expect(Object.isFrozen(cal)).toBe(true);
    expect(Object.isFrozen(cal.coveredYears)).toBe(true);
    expect(cal.coveredYears).toEqual([2024]);
  });
});
