import fc from 'fast-check';
import { addWorkingDays, compileCalendar, isWorkingDay } from '../../../platform/src/calendar';
import { createZoneDays } from '../../../platform/src/calendar/zone-days';
import { epochDayOf, formatLocalDate } from '../../../platform/src/calendar/local-date';
import { miniCalendarData } from './seed-calendar-fixture';

/** Local date of an instant in a zone, straight from Intl (the slow reference). */
function intlDate(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
}

describe('createZoneDays', () => {
  test('given Asia/Shanghai, then local midnight is 16:00 UTC the day before', () => {
    const zone = createZoneDays('Asia/Shanghai', epochDayOf(2024, 1, 1), epochDayOf(2024, 12, 31));
    expect(new Date(zone.startOfDay(epochDayOf(2024, 2, 7))).toISOString()).toBe('2024-02-06T16:00:00.000Z');
    expect(formatLocalDate(zone.dayOf(Date.parse('2024-02-06T15:59:59.999Z')))).toBe('2024-02-06');
    expect(formatLocalDate(zone.dayOf(Date.parse('2024-02-06T16:00:00.000Z')))).toBe('2024-02-07');
  });

  test('given Asia/Shanghai in 1988 (it had DST then), then days still start at local midnight', () => {
    const zone = createZoneDays('Asia/Shanghai', epochDayOf(1988, 1, 1), epochDayOf(1988, 12, 31));
    // 1988-07-01 was in summer time (+09:00).
    expect(new Date(zone.startOfDay(epochDayOf(1988, 7, 1))).toISOString()).toBe('1988-06-30T15:00:00.000Z');
    expect(new Date(zone.startOfDay(epochDayOf(1988, 1, 1))).toISOString()).toBe('1987-12-31T16:00:00.000Z');
  });

  test.each(['America/New_York', 'Europe/Berlin', 'America/Sao_Paulo', 'Asia/Shanghai'])(
    'given %s, then dayOf agrees with Intl for arbitrary instants in and out of the table',
    (timeZone) => {
      const zone = createZoneDays(timeZone, epochDayOf(2015, 1, 1), epochDayOf(2019, 12, 31));
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2024, 0, 1) }), (ms) => {
          expect(formatLocalDate(zone.dayOf(ms))).toBe(intlDate(ms, timeZone));
        }),
        { numRuns: 2000 },
      );
    },
  );

  test('given America/Sao_Paulo in 2018, where DST began at local midnight, then 2018-11-04 starts at 01:00 local (03:00Z)', () => {
    const zone = createZoneDays('America/Sao_Paulo', epochDayOf(2018, 1, 1), epochDayOf(2018, 12, 31));
    const start = zone.startOfDay(epochDayOf(2018, 11, 4));
    expect(new Date(start).toISOString()).toBe('2018-11-04T03:00:00.000Z');
    expect(intlDate(start - 1, 'America/Sao_Paulo')).toBe('2018-11-03');
    expect(intlDate(start, 'America/Sao_Paulo')).toBe('2018-11-04');
  });
});

describe('given a calendar in a DST zone', () => {
  test('when a deadline ends the day after the spring change, then it ends at local midnight', () => {
    const cal = compileCalendar(miniCalendarData({ timeZone: 'America/New_York', holidays: [], workdays: [] }));
    // 2024-03-10 (Sun) is the US spring-forward day. Friday 03-08 + 1 working day → end of Mon 03-11.
    const due = addWorkingDays(new Date('2024-03-08T15:00:00Z'), 1, cal);
    expect(due.toISOString()).toBe('2024-03-12T04:00:00.000Z'); // 00:00 EDT
    expect(isWorkingDay(new Date('2024-03-09T04:30:00Z'), cal)).toBe(true); // Fri 23:30 EST
    expect(isWorkingDay(new Date('2024-03-09T05:30:00Z'), cal)).toBe(false); // Sat 00:30 EST
  });
});
