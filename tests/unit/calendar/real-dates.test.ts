import { computeDue, parseDurationSpec, workingDaysBetween } from '../../../platform/src/calendar';
import { REAL_DATE_CASES } from './real-date-cases';
import { loadSeedCalendar, sh } from './seed-calendar-fixture';

const cal = loadSeedCalendar();

describe('given the seeded statutory calendar and hand-computed real dates', () => {
  test('the table has at least 30 working-day cases', () => {
    expect(REAL_DATE_CASES.filter((c) => parseDurationSpec(c.spec).unit === 'workingDays').length).toBeGreaterThanOrEqual(30);
  });

  test.each(REAL_DATE_CASES)('when $spec starts at $start (Shanghai), then it is due at $due ($why)', (c) => {
    const due = computeDue(sh(c.start), parseDurationSpec(c.spec), cal);
    expect(due.toISOString()).toBe(sh(c.due).toISOString());
  });

  test.each(REAL_DATE_CASES.filter((c) => parseDurationSpec(c.spec).unit === 'workingDays'))(
    'when $spec starts at $start, then workingDaysBetween(start, due) is the amount',
    (c) => {
      const spec = parseDurationSpec(c.spec);
      expect(workingDaysBetween(sh(c.start), sh(c.due), cal)).toBe(spec.amount);
      // One millisecond earlier the last day has not ended yet.
      expect(workingDaysBetween(sh(c.start), new Date(sh(c.due).getTime() - 1), cal)).toBe(spec.amount - 1);
    },
  );

  test('DESIGN.md example: pushed Friday 2024-02-02, 3 working days, due 2024-02-06T16:00Z', () => {
    const due = computeDue(sh('2024-02-02T15:30'), { unit: 'workingDays', amount: 3 }, cal);
    expect(due.toISOString()).toBe('2024-02-06T16:00:00.000Z');
  });
});
