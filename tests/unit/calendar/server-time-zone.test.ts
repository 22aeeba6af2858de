import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { computeDue, parseDurationSpec } from '../../../platform/src/calendar';
import { REAL_DATE_CASES } from './real-date-cases';
import { loadSeedCalendar, sh } from './seed-calendar-fixture';

/**
 * Jest gives each test file a copy of process.env, so assigning
 * process.env.TZ inside a test does not reach the runtime; the table is
 * therefore computed in child processes started with different TZ values.
 * The probe asserts the TZ really differed, so this test cannot pass vacuously.
 */
interface WorkerOutput {
  probe: { timeZone: string; localHour: number };
  results: Array<{ start: string; spec: string; due: string; between: number | null }>;
}

const repoRoot = join(__dirname, '../../..');
const worker = join(__dirname, 'server-time-zone-worker.ts');

function runUnder(tz: string): WorkerOutput {
  const out = execFileSync(process.execPath, ['--import', 'tsx', worker], {
    cwd: repoRoot,
    env: { ...process.env, TZ: tz },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(out) as WorkerOutput;
}

describe('given servers in different time zones', () => {
  const zones = ['UTC', 'America/New_York', 'Asia/Kolkata', 'Asia/Shanghai'];
  let outputs: Record<string, WorkerOutput>;

  beforeAll(() => {
    outputs = Object.fromEntries(zones.map((tz) => [tz, runUnder(tz)]));
  }, 120_000);

  test('when the workers start, then each really runs in its own zone (a local-time getter would differ)', () => {
    expect(outputs.UTC?.probe).toEqual({ timeZone: 'UTC', localHour: 16 });
    expect(outputs['America/New_York']?.probe).toEqual({ timeZone: 'America/New_York', localHour: 11 });
    // ICU may report the legacy alias Asia/Calcutta; the hour is what matters.
    expect(outputs['Asia/Kolkata']?.probe.localHour).toBe(21);
    expect(outputs['Asia/Shanghai']?.probe).toEqual({ timeZone: 'Asia/Shanghai', localHour: 0 });
  });

  test.each(zones)('when the real-date table is computed with TZ=%s, then every due date equals the hand-computed one', (tz) => {
    const expected = REAL_DATE_CASES.map((c) => sh(c.due).toISOString());
    expect(outputs[tz]?.results.map((r) => r.due)).toEqual(expected);
  });

  test('when compared with this process, then all zones give identical results', () => {
    const cal = loadSeedCalendar();
    const here = REAL_DATE_CASES.map((c) => computeDue(sh(c.start), parseDurationSpec(c.spec), cal).toISOString());
    for (const tz of zones) {
      expect(outputs[tz]?.results.map((r) => r.due)).toEqual(here);
      expect(outputs[tz]?.results.map((r) => r.between)).toEqual(outputs.UTC?.results.map((r) => r.between));
    }
  });
});
