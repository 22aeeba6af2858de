import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarCoverageError, compileCalendar, type CalendarData, type WorkingCalendar } from '../../calendar';
import { createZoneDays } from '../../calendar/zone-days';
import { pgArray } from '../../db/pg-array';
import type { DepartmentKind } from '../org/department.entity';
import type { TenantSettings } from '../tenant/tenant.entity';
import type { DayZone } from './statistics-period';

/** The zone local days are read in when a county has no working-day calendar to say otherwise. */
const FALLBACK_TIME_ZONE = 'Asia/Shanghai';

/** The push and claim figures of one department in one period (docs/statistics.md defines each). */
export interface ClaimFigures {
  pushed: number;
  claimedOnTime: number;
  claimedLate: number;
  overdueUnclaimed: number;
  returned: number;
  /** claimedOnTime / (claimedOnTime + claimedLate + overdueUnclaimed), 4 decimals; null when that is 0/0. */
  onTimeRate: number | null;
  /** Median working hours from push to claim, 1 decimal; null when nothing was claimed (or no claim could be measured). */
  medianClaimWorkingHours: number | null;
}

export interface DepartmentRef {
  departmentId: string;
  code: string;
  name: string;
  kind: DepartmentKind;
}

export type DepartmentClaimRow = DepartmentRef & ClaimFigures;

/** Finds a tenant's compiled calendar by key; null when it has none by that key. */
export type CalendarLookup = (key: string) => Promise<WorkingCalendar | null>;

export interface ClaimStatisticsInput {
  tenantId: string;
  /**
   * Ascending instants b0 < b1 < … < bn: the n consecutive periods
   * [b0, b1), [b1, b2) … counted at once (one for a report, one per month for a trend).
   */
  boundaries: Date[];
  /** The injected clock's now: what "overdue" is measured against. */
  now: Date;
  /** List exactly these departments (zero rows included); otherwise every bureau and supervising department plus any other that received a push. */
  departmentIds?: string[];
  /** How to find the working-day calendar for the median; null leaves the median out (null). */
  calendarFor: CalendarLookup | null;
}

export interface ClaimStatistics {
  /** The tenant's `circular.legalBasis` (e.g. the article that orders the circular), or null. */
  legalBasis: string | null;
  departments: DepartmentRef[];
  /** One list per period, aligned with `departments`. */
  periods: DepartmentClaimRow[][];
  /** Things the reader of the figures must know (no claim steps configured, claims left out of the median). */
  warnings: string[];
}

interface CountRow {
  department_id: string;
  bucket: number;
  pushed: number;
  claimed_on_time: number;
  claimed_late: number;
  overdue_unclaimed: number;
  returned: number;
}

interface ClaimRow {
  id: string;
  department_id: string;
  bucket: number;
  created_at: Date | string;
  claim_at: Date | string;
  calendar_key: string | null;
}

/**
 * The pushed tasks of the periods, one row per (task, candidate department).
 * A push is a task of a claim step the pack names (case procedure + element id).
 * `claim_at` is when the department took it: claimed_at, or completed_at for
 * a task completed without an explicit claim; a returned task never counts as claimed.
 */
const PUSHED_CTE = `
  with step(process_key, element_id) as (select * from unnest(?::text[], ?::text[])),
  pushed as (
    select t.id, t.status, t.created_at, t.due_at, t.calendar_key, u.department_id,
           width_bucket(t.created_at, ?::timestamptz[]) as bucket,
           case when t.status <> 'returned' then coalesce(t.claimed_at, case when t.status = 'completed' then t.completed_at end) end as claim_at
      from task t
      join case_instance c on c.id = t.case_id and c.tenant_id = t.tenant_id
      join step s on s.process_key = c.process_key and s.element_id = t.element_id
      cross join lateral (select distinct x as department_id from unnest(t.candidate_department_ids) as x) u
     where t.tenant_id = ? and t.element_id = any(?::text[]) and t.created_at >= ? and t.created_at < ?
  )`;

const COUNTS_SQL = `${PUSHED_CTE}
  select department_id, bucket,
         count(*)::int as pushed,
         (count(*) filter (where claim_at is not null and (due_at is null or claim_at <= due_at)))::int as claimed_on_time,
         (count(*) filter (where claim_at > due_at))::int as claimed_late,
         (count(*) filter (where status = 'open' and claim_at is null and due_at < ?))::int as overdue_unclaimed,
         (count(*) filter (where status = 'returned'))::int as returned
    from pushed group by department_id, bucket`;

const CLAIMS_SQL = `${PUSHED_CTE}
  select id, department_id, bucket, created_at, claim_at, calendar_key from pushed where claim_at is not null`;

const HOUR_MS = 3_600_000;

/**
 * Push and claim statistics per department for consecutive periods (第十九条
 * circulars). One function for the statistics API, its exports and the
 * generateReport action, so a frozen circular and the live dashboard can
 * never disagree about what the figures mean.
 */
export async function queryClaimStatistics(em: EntityManager, input: ClaimStatisticsInput): Promise<ClaimStatistics> {
  const { tenantId, boundaries, now } = input;
  if (boundaries.length < 2) throw new RangeError('at least one period (two boundaries) is needed');
  const [tenant] = await em.execute<{ settings: TenantSettings | null; default_calendar_key: string | null }[]>(
    'select settings, default_calendar_key from tenant where id = ?',
    [tenantId],
  );
  const circular = tenant?.settings?.circular;
  const steps = (circular?.claimSteps ?? []).flatMap((s) => s.elements.map((e) => [s.procedure, e] as const));
  const warnings: string[] = [];
  if (steps.length === 0) warnings.push('The definition pack names no claim steps (circular.claimSteps), so nothing counts as a push.');

  const n = boundaries.length - 1;
  const params = [
    pgArray(steps.map((s) => s[0])),
    pgArray(steps.map((s) => s[1])),
    pgArray(boundaries.map((b) => b.toISOString())),
    tenantId,
    pgArray([...new Set(steps.map((s) => s[1]))]),
    boundaries[0],
    boundaries[n],
  ];
  const counts = steps.length ? await em.execute<CountRow[]>(COUNTS_SQL, [...params, now]) : [];
  const claims = steps.length ? await em.execute<ClaimRow[]>(CLAIMS_SQL, params) : [];

  const departments = await listedDepartments(em, tenantId, input.departmentIds, new Set(counts.map((c) => c.department_id)));
  const key = (departmentId: string, bucket: number) => `${bucket}:${departmentId}`;
  const countsBy = new Map(counts.map((c) => [key(c.department_id, Number(c.bucket)), c]));
  const listed = new Set(departments.map((d) => d.departmentId));
  const hoursBy = await claimHours(claims.filter((c) => listed.has(c.department_id)), tenant?.default_calendar_key ?? null, input.calendarFor, warnings);

  const periods = Array.from({ length: n }, (_, i) =>
    departments.map((d): DepartmentClaimRow => {
      const c = countsBy.get(key(d.departmentId, i + 1));
      const onTime = c?.claimed_on_time ?? 0;
      const late = c?.claimed_late ?? 0;
      const overdue = c?.overdue_unclaimed ?? 0;
      const denominator = onTime + late + overdue;
      return {
        ...d,
        pushed: c?.pushed ?? 0,
        claimedOnTime: onTime,
        claimedLate: late,
        overdueUnclaimed: overdue,
        returned: c?.returned ?? 0,
        onTimeRate: denominator === 0 ? null : round(onTime / denominator, 4),
        medianClaimWorkingHours: median(hoursBy.get(key(d.departmentId, i + 1)) ?? []),
      };
    }),
  );
  return { legalBasis: circular?.legalBasis ?? null, departments, periods, warnings };
}

/**
 * A calendar lookup for code that has only an EntityManager (the engine's
 * actions): the latest version of the tenant's calendar, compiled on first use.
 */
export function calendarLookupFromDatabase(em: EntityManager, tenantId: string): CalendarLookup {
  const compiled = new Map<string, WorkingCalendar | null>();
  return async (key) => {
    if (!compiled.has(key)) {
      const [row] = await em.execute<{ data: CalendarData }[]>(
        'select data from calendar_version where tenant_id = ? and calendar_key = ? order by version desc limit 1',
        [tenantId, key],
      );
      compiled.set(key, row ? compileCalendar(row.data) : null);
    }
    return compiled.get(key) ?? null;
  };
}

/**
 * The zone a county's local days ("July", "2024-07-01") are read in: that of
 * its default working-day calendar, which is data; deadlines use the same one.
 */
export async function tenantDayZone(em: EntityManager, tenantId: string, calendarFor: CalendarLookup): Promise<DayZone> {
  const [tenant] = await em.execute<{ default_calendar_key: string | null }[]>('select default_calendar_key from tenant where id = ?', [tenantId]);
  const calendar = tenant?.default_calendar_key ? await calendarFor(tenant.default_calendar_key) : null;
  return calendar ?? createZoneDays(FALLBACK_TIME_ZONE, 0, 0);
}

async function listedDepartments(em: EntityManager, tenantId: string, only: string[] | undefined, pushedTo: Set<string>): Promise<DepartmentRef[]> {
  const rows = await em.execute<{ id: string; code: string; name: string; kind: DepartmentKind }[]>(
    'select id, code, name, kind from department where tenant_id = ? order by code',
    [tenantId],
  );
  const wanted = only ? new Set(only) : undefined;
  return rows
    .filter((d) => (wanted ? wanted.has(d.id) : d.kind === 'approval_bureau' || d.kind === 'supervising' || pushedTo.has(d.id)))
    .map((d) => ({ departmentId: d.id, code: d.code, name: d.name, kind: d.kind }));
}

/** Working hours from push to claim, grouped by period and department; claims that cannot be measured are left out and reported. */
async function claimHours(claims: ClaimRow[], defaultKey: string | null, calendarFor: CalendarLookup | null, warnings: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  if (!calendarFor || claims.length === 0) return out;
  const perTask = new Map<string, number | null>();
  const calendars = new Map<string, Promise<WorkingCalendar | null>>();
  const calendarOf = (key: string) => calendars.get(key) ?? calendars.set(key, calendarFor(key)).get(key)!;
  const skipped = new Map<string, number>();
  const skip = (why: string) => skipped.set(why, (skipped.get(why) ?? 0) + 1);
  for (const c of claims) {
    if (!perTask.has(c.id)) {
      const calendarKey = c.calendar_key ?? defaultKey;
      const calendar = calendarKey ? await calendarOf(calendarKey) : null;
      let hours: number | null = null;
      if (!calendar) {
        skip(calendarKey ? `the calendar "${calendarKey}" does not exist` : 'the task names no calendar and the county has no default calendar');
      } else {
        try {
          hours = calendar.workingMsBetween(new Date(c.created_at).getTime(), new Date(c.claim_at).getTime()) / HOUR_MS;
        } catch (err) {
          if (!(err instanceof CalendarCoverageError)) throw err;
          skip(err.message);
        }
      }
      perTask.set(c.id, hours);
    }
    const hours = perTask.get(c.id);
    if (hours === null || hours === undefined) continue;
    const k = `${Number(c.bucket)}:${c.department_id}`;
    const list = out.get(k);
    if (list) list.push(hours);
    else out.set(k, [hours]);
  }
  for (const [why, count] of skipped) warnings.push(`${count} claim(s) left out of the median claim time: ${why.replace(/\.$/, '')}.`);
  return out;
}

/** The median, 1 decimal; the mean of the two middle values for an even count. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const value = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return round(value, 1);
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
