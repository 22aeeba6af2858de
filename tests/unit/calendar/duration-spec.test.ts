import {
  assertDurationSpec,
  computeDue,
  DurationSpecError,
  formatDurationSpec,
  parseDurationSpec,
} from '../../../platform/src/calendar';
import { loadSeedCalendar, sh } from './seed-calendar-fixture';

describe('parseDurationSpec', () => {
  test.each([
    ['3WD', { unit: 'workingDays', amount: 3 }],
    ['3 wd', { unit: 'workingDays', amount: 3 }],
    ['3 working days', { unit: 'workingDays', amount: 3 }],
    ['1 working day', { unit: 'workingDays', amount: 1 }],
    ['7 Workdays', { unit: 'workingDays', amount: 7 }],
    ['2 business days', { unit: 'workingDays', amount: 2 }],
    ['3个工作日', { unit: 'workingDays', amount: 3 }],
    ['  3工作日 ', { unit: 'workingDays', amount: 3 }],
    ['10CD', { unit: 'calendarDays', amount: 10 }],
    ['10 calendar days', { unit: 'calendarDays', amount: 10 }],
    ['15个自然日', { unit: 'calendarDays', amount: 15 }],
    ['4h', { unit: 'hours', amount: 4 }],
    ['1.5 hours', { unit: 'hours', amount: 1.5 }],
    ['24小时', { unit: 'hours', amount: 24 }],
    ['P3D', { unit: 'calendarDays', amount: 3 }],
    ['P2W', { unit: 'calendarDays', amount: 14 }],
    ['p0d', { unit: 'calendarDays', amount: 0 }],
    ['PT4H', { unit: 'hours', amount: 4 }],
    ['PT1H30M', { unit: 'hours', amount: 1.5 }],
    ['PT90M', { unit: 'hours', amount: 1.5 }],
    ['PT0,5H', { unit: 'hours', amount: 0.5 }],
    ['PT1800S', { unit: 'hours', amount: 0.5 }],
  ])('given "%s", then %o', (text, expected) => {
    expect(parseDurationSpec(text)).toEqual(expected);
  });

  test.each([
    ['3 days', /ambiguous/],
    ['3d', /ambiguous/],
    ['3日', /ambiguous/],
    ['3天', /ambiguous/],
    ['P1M', /years and months/],
    ['P1Y', /years and months/],
    ['P1DT2H', /mixes days and hours/],
    ['1.5WD', /whole number/],
    ['-3WD', /expected/],
    ['P', /expected/],
    ['PT', /expected/],
    ['', /expected/],
    ['three working days', /expected/],
  ])('given "%s", then DurationSpecError %s', (text, reason) => {
    expect(() => parseDurationSpec(text)).toThrow(DurationSpecError);
    expect(() => parseDurationSpec(text)).toThrow(reason);
  });
});

describe('formatDurationSpec and assertDurationSpec', () => {
  test('given specs, then they format in words with singular and plural', () => {
    expect(formatDurationSpec({ unit: 'workingDays', amount: 1 })).toBe('1 working day');
    expect(formatDurationSpec({ unit: 'calendarDays', amount: 3 })).toBe('3 calendar days');
    expect(formatDurationSpec({ unit: 'hours', amount: 1.5 })).toBe('1.5 hours');
  });

  test.each([null, {}, { unit: 'weeks', amount: 1 }, { unit: 'workingDays', amount: 1.5 }, { unit: 'hours', amount: -1 }, { unit: 'hours', amount: Infinity }])(
    'given %o from data, then it is refused',
    (spec) => {
      expect(() => assertDurationSpec(spec)).toThrow(RangeError);
    },
  );
});

describe('computeDue', () => {
  const cal = loadSeedCalendar();
  const start = sh('2024-09-30T18:00'); // Monday before National Day

  test('given each unit, then it dispatches to that unit’s rule', () => {
    expect(computeDue(start, { unit: 'workingDays', amount: 1 }, cal)).toEqual(sh('2024-10-09T00:00'));
    expect(computeDue(start, { unit: 'calendarDays', amount: 1 }, cal)).toEqual(sh('2024-10-02T00:00'));
    expect(computeDue(start, { unit: 'hours', amount: 1 }, cal)).toEqual(sh('2024-09-30T19:00'));
  });

  test('given calendarDaysEndOnWorkingDay (民法典 art. 203), then a period ending in the holiday moves to the next working day', () => {
    expect(computeDue(start, { unit: 'calendarDays', amount: 3 }, cal, { calendarDaysEndOnWorkingDay: true })).toEqual(sh('2024-10-09T00:00'));
    expect(computeDue(start, { unit: 'calendarDays', amount: 9 }, cal, { calendarDaysEndOnWorkingDay: true })).toEqual(sh('2024-10-10T00:00'));
  });

  test('given countTriggerDay for calendar days, then the trigger day is day 1', () => {
    expect(computeDue(start, { unit: 'calendarDays', amount: 1 }, cal, { countTriggerDay: true })).toEqual(sh('2024-10-01T00:00'));
  });

  test('given an invalid spec, then it is refused', () => {
    expect(() => computeDue(start, { unit: 'workingDays', amount: -1 }, cal)).toThrow(RangeError);
  });
});
