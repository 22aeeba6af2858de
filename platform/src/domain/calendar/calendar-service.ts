import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarDataError, compileCalendar, coverageWarnings, parseCalendarData, type CalendarData, type CalendarDay, type CoverageWarning, type WorkingCalendar } from '../../calendar';
import type { Clock } from '../../clock';
import type { Ajv } from '../../forms/ajv-factory';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/problem-error';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import { changesWorkingDays, diffCalendars } from './calendar-diff';
import { CalendarVersion } from './calendar-version.entity';
import type { DeadlineRecomputer, RecomputeReport } from './deadline-recomputer';

/** A calendar as callers use it: the stored version and its compiled, immutable form. */
export interface CurrentCalendar {
  version: CalendarVersion;
  calendar: WorkingCalendar;
}

export interface CalendarEdit {
  tenantId: string;
  key: string;
  /** The version the editor started from; another edit in between is a 409. */
  expectedVersion: number;
  note: string;
  actor: AuditActor;
}

/** How far ahead admins are warned that next year's notice is missing. */
export const COVERAGE_LEAD_DAYS = 60;
const COMPILED_CACHE_SIZE = 64;

/**
 * Tenants' working-day calendars: seeded from the pack, edited by admins
 * (a whole document, one year's notice, or one local day), each edit a new
 * audited version, and open deadlines recomputed in the same transaction.
 */
export class CalendarService {
  /** Compiled calendars by version id; versions are immutable, so entries never go stale. */
  private readonly compiled = new Map<string, WorkingCalendar>();

  constructor(
    private readonly deps: { clock: Clock; audit: AuditLog; ajv: Ajv; recomputers: DeadlineRecomputer[] },
  ) {}

  /** Version 1 of a tenant's calendar, from its pack; called inside tenant creation. */
  async seed(em: EntityManager, tenantId: string, data: CalendarData, actor: AuditActor): Promise<CalendarVersion> {
    const version = em.create(CalendarVersion, {
      id: randomUUID(),
      tenantId,
      calendarKey: data.id,
      version: 1,
      data,
      createdAt: this.deps.clock.now(),
      createdBy: actor.id,
      createdByLabel: actor.label,
      note: 'Seeded from the definition pack',
    });
    await em.flush();
    await this.deps.audit.append(em, tenantId, [
      { actor, action: 'calendar.seeded', subject: { type: 'calendar', id: data.id }, payload: { version: 1, years: data.years } },
    ]);
    return version;
  }

  /** Latest version of each of the tenant's calendars. */
  async list(em: EntityManager, tenantId: string): Promise<CalendarVersion[]> {
    const rows = await em.execute<{ id: string }[]>(
      `select distinct on (calendar_key) id from calendar_version where tenant_id = ? order by calendar_key, version desc`,
      [tenantId],
    );
    return rows.length ? em.find(CalendarVersion, { id: { $in: rows.map((r) => r.id) } }, { orderBy: { calendarKey: 'asc' } }) : [];
  }

  async current(em: EntityManager, tenantId: string, key: string): Promise<CurrentCalendar> {
    const version = await em.findOne(CalendarVersion, { tenantId, calendarKey: key }, { orderBy: { version: 'desc' } });
    if (!version) throw new NotFoundError(`No calendar "${key}".`);
    return { version, calendar: this.compile(version) };
  }

  /**
   * The compiled current calendar, for deadline computations (every user
   * task with a deadline). Reads only the latest version's id and loads the
   * (large) document only when that version is not compiled yet: an edit is
   * a new version id, so it is seen by the next deadline.
   */
  async currentCompiled(em: EntityManager, tenantId: string, key: string): Promise<{ versionId: string; calendar: WorkingCalendar }> {
    const [row] = await em.execute<{ id: string }[]>('select id from calendar_version where tenant_id = ? and calendar_key = ? order by version desc limit 1', [tenantId, key]);
    if (!row) throw new NotFoundError(`No calendar "${key}".`);
    return { versionId: row.id, calendar: await this.compiledVersion(em, row.id) };
  }

  /** The compiled calendar of one version (immutable, so cached by id); loads the document only on a miss. */
  async compiledVersion(em: EntityManager, versionId: string): Promise<WorkingCalendar> {
    const hit = this.compiled.get(versionId);
    if (hit) return hit;
    return this.compile(await em.findOneOrFail(CalendarVersion, { id: versionId }));
  }

  async version(em: EntityManager, tenantId: string, key: string, version: number): Promise<CalendarVersion> {
    const row = await em.findOne(CalendarVersion, { tenantId, calendarKey: key, version });
    if (!row) throw new NotFoundError(`Calendar "${key}" has no version ${version}.`);
    return row;
  }

  /** The change log: every version without its (large) data. */
  async history(em: EntityManager, tenantId: string, key: string): Promise<Omit<CalendarVersion, 'data' | 'tenantId'>[]> {
    const rows = await em.find(CalendarVersion, { tenantId, calendarKey: key }, { orderBy: { version: 'desc' }, fields: ['id', 'calendarKey', 'version', 'createdAt', 'createdBy', 'createdByLabel', 'note'] });
    if (rows.length === 0) throw new NotFoundError(`No calendar "${key}".`);
    return rows;
  }

  /** Replace the whole document (the raw JSON editor). */
  replace(em: EntityManager, edit: CalendarEdit, data: unknown): Promise<CalendarVersion> {
    return this.commitEdit(em, edit, () => data);
  }

  /** Enter one year's State Council notice: its holidays and make-up workdays replace that year's entries, and the year becomes covered. */
  setYear(em: EntityManager, edit: CalendarEdit, year: number, holidays: CalendarDay[], workdays: CalendarDay[]): Promise<CalendarVersion> {
    return this.commitEdit(em, edit, (before) => {
      const inYear = (d: CalendarDay) => d.date.startsWith(`${year}-`);
      return {
        ...before,
        years: [...new Set([...before.years, year])].sort((a, b) => a - b),
        holidays: [...before.holidays.filter((d) => !inYear(d)), ...holidays].sort(byDate),
        workdays: [...before.workdays.filter((d) => !inYear(d)), ...workdays].sort(byDate),
      };
    });
  }

  /** Add a local one-off day (e.g. a county holiday, or a Saturday made a working day). */
  addDay(em: EntityManager, edit: CalendarEdit, kind: 'holiday' | 'workday', day: CalendarDay): Promise<CalendarVersion> {
    return this.commitEdit(em, edit, (before) => {
      if ([...before.holidays, ...before.workdays].some((d) => d.date === day.date)) {
        throw new ValidationError(`${day.date} is already listed in the calendar.`, [{ pointer: '/body/date', message: 'is already listed' }]);
      }
      const key = kind === 'holiday' ? 'holidays' : 'workdays';
      return { ...before, [key]: [...before[key], day].sort(byDate) };
    });
  }

  /** Coverage warnings for all of a tenant's calendars (next year's notice missing, or this year's). */
  async warnings(em: EntityManager, tenantId: string): Promise<CoverageWarning[]> {
    const now = this.deps.clock.now();
    return (await this.list(em, tenantId)).flatMap((v) => coverageWarnings(this.compile(v), now, COVERAGE_LEAD_DAYS));
  }

  compile(version: CalendarVersion): WorkingCalendar {
    let calendar = this.compiled.get(version.id);
    if (!calendar) {
      calendar = compileCalendar(version.data);
      if (this.compiled.size >= COMPILED_CACHE_SIZE) this.compiled.delete(this.compiled.keys().next().value!);
      this.compiled.set(version.id, calendar);
    }
    return calendar;
  }

  private async commitEdit(em: EntityManager, edit: CalendarEdit, change: (before: CalendarData) => unknown): Promise<CalendarVersion> {
    return em.transactional(async (tx) => {
      const { version: before } = await this.current(tx, edit.tenantId, edit.key);
      if (before.version !== edit.expectedVersion) {
        throw new ConflictError(`Calendar "${edit.key}" is at version ${before.version}, not ${edit.expectedVersion}: someone else edited it; reload and redo the change.`);
      }
      const data = this.validate(change(before.data), edit.key);
      const now = this.deps.clock.now();
      const next = tx.create(CalendarVersion, {
        id: randomUUID(),
        tenantId: edit.tenantId,
        calendarKey: edit.key,
        version: before.version + 1,
        data,
        createdAt: now,
        createdBy: edit.actor.id,
        createdByLabel: edit.actor.label,
        note: edit.note,
      });
      await tx.flush();
      const diff = diffCalendars(before.data, data);
      const reports: RecomputeReport[] = [];
      if (changesWorkingDays(diff)) {
        const calendar = this.compile(next);
        for (const r of this.deps.recomputers) reports.push(await r.recompute(tx, { tenantId: edit.tenantId, calendarKey: edit.key, calendar, now }));
      }
      await this.deps.audit.append(tx, edit.tenantId, [
        { actor: edit.actor, action: 'calendar.changed', subject: { type: 'calendar', id: edit.key }, payload: { fromVersion: before.version, toVersion: next.version, note: edit.note, diff } },
        ...reports
          .filter((r) => r.moved.length || r.failed.length)
          .map((r) => ({ actor: edit.actor, action: 'deadline.recomputed', subject: { type: 'calendar', id: edit.key }, payload: { version: next.version, holder: r.holder, moved: r.moved, failed: r.failed } })),
      ]);
      return next;
    });
  }

  private validate(candidate: unknown, key: string): CalendarData {
    let data: CalendarData;
    try {
      data = parseCalendarData(candidate, this.deps.ajv);
    } catch (err) {
      if (!(err instanceof CalendarDataError)) throw err;
      throw new ValidationError('The calendar is invalid.', err.issues.map((i) => ({ pointer: `/body/data${i.path}`, message: i.message })));
    }
    if (data.id !== key) throw new ValidationError(`The calendar's id must stay "${key}".`, [{ pointer: '/body/data/id', message: `must be "${key}"` }]);
    return data;
  }
}

const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);
