/**
 * Child-process half of server-time-zone.test.ts: computes the real-date
 * table under whatever TZ the parent set, and prints the results with a probe
 * proving the TZ really took effect. Run with `node --import tsx`.
 */
import { computeDue, parseDurationSpec, workingDaysBetween } from '../../../platform/src/calendar';
import { REAL_DATE_CASES } from './real-date-cases';
import { loadSeedCalendar, sh } from './seed-calendar-fixture';

const cal = loadSeedCalendar();
const results = REAL_DATE_CASES.map((c) => {
  const start = sh(c.start);
  const spec = parseDurationSpec(c.spec);
  const due = computeDue(start, spec, cal);
  const between = spec.unit === 'workingDays' ? workingDaysBetween(start, due, cal) : null;
  return { start: c.start, spec: c.spec, due: due.toISOString(), between };
});
const probe = {
  timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
  // What a naive implementation would see: the server-local hour of 2024-02-02T16:00Z.
  localHour: new Date('2024-02-02T16:00:00Z').getHours(),
};
process.stdout.write(JSON.stringify({ probe, results }));
