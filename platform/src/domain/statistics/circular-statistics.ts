import { IsolationLevel } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkingCalendar } from '../../calendar';
import type { Clock } from '../../clock';
import { NotFoundError } from '../../errors/problem-error';
import type { CalendarService } from '../calendar/calendar-service';
import { queryClaimStatistics, tenantDayZone, type CalendarLookup, type DepartmentClaimRow, type DepartmentRef } from './claim-statistics-query';
import { monthDays, periodOfDays, resolveMonths, resolvePeriod, type PeriodInput, type StatisticsPeriod } from './statistics-period';

/** One period's push and claim figures, per department: the body of a 第十九条 circular. */
export interface CircularReport {
  period: StatisticsPeriod;
  generatedAt: Date;
  legalBasis: string | null;
  departments: DepartmentClaimRow[];
  warnings: string[];
}

export interface TrendMonth {
  month: string;
  period: StatisticsPeriod;
  departments: DepartmentClaimRow[];
}

/** The same figures month by month, for charts; every month lists the same departments in the same order. */
export interface CircularTrend {
  fromMonth: string;
  toMonth: string;
  timeZone: string;
  generatedAt: Date;
  legalBasis: string | null;
  departments: DepartmentRef[];
  months: TrendMonth[];
  warnings: string[];
}

/**
 * Push and claim statistics per department and period (第十九条: the bureau
 * periodically circulates how pushed information was claimed). Reads only;
 * the figures come from `queryClaimStatistics`, shared with the
 * generateReport action so the frozen circular and this live view agree.
 */
export class CircularStatistics {
  constructor(readonly deps: { clock: Clock; calendars: CalendarService }) {}

  /**
   * Figures for one period: `from`..`to` local dates, both included, or a
   * `month`, or by default the previous calendar month.
   * @throws ValidationError when the period is malformed, reversed or longer than 366 days.
   */
  async byDepartment(em: EntityManager, tenantId: string, input: PeriodInput & { departmentIds?: string[] }): Promise<CircularReport> {
    const now = this.deps.clock.now();
    return readConsistently(em, async (tx) => {
      const zone = await tenantDayZone(tx, tenantId, this.lookup(tx, tenantId));
      const period = resolvePeriod(zone, input, now);
      const stats = await queryClaimStatistics(tx, {
        tenantId,
        boundaries: [period.start, period.end],
        now,
        departmentIds: input.departmentIds,
        calendarFor: this.lookup(tx, tenantId),
      });
      return { period, generatedAt: now, legalBasis: stats.legalBasis, departments: stats.periods[0] ?? [], warnings: stats.warnings };
    });
  }

  /**
   * Figures month by month, `fromMonth`..`toMonth` inclusive (default: the
   * last twelve months up to the current one), counted in one query.
   * @throws ValidationError when the months are reversed or more than 36.
   */
  async monthlyTrend(em: EntityManager, tenantId: string, input: { fromMonth?: string; toMonth?: string; departmentIds?: string[] }): Promise<CircularTrend> {
    const now = this.deps.clock.now();
    return readConsistently(em, async (tx) => {
      const zone = await tenantDayZone(tx, tenantId, this.lookup(tx, tenantId));
      const months = resolveMonths(zone, input, now);
      const periods = months.map((m) => periodOfDays(zone, ...monthDays(m)));
      const stats = await queryClaimStatistics(tx, {
        tenantId,
        boundaries: [...periods.map((p) => p.start), periods[periods.length - 1]!.end],
        now,
        departmentIds: input.departmentIds,
        calendarFor: this.lookup(tx, tenantId),
      });
      return {
        fromMonth: months[0]!,
        toMonth: months[months.length - 1]!,
        timeZone: zone.timeZone,
        generatedAt: now,
        legalBasis: stats.legalBasis,
        departments: stats.departments,
        months: months.map((month, i) => ({ month, period: periods[i]!, departments: stats.periods[i] ?? [] })),
        warnings: stats.warnings,
      };
    });
  }

  /** Calendars through the service, whose compiled versions are cached across requests. */
  private lookup(em: EntityManager, tenantId: string): CalendarLookup {
    return async (key: string): Promise<WorkingCalendar | null> => {
      try {
        return (await this.deps.calendars.current(em, tenantId, key)).calendar;
      } catch (err) {
        if (err instanceof NotFoundError) return null;
        throw err;
      }
    };
  }
}

/** The counts and the claim times come from two queries; one repeatable-read snapshot keeps them consistent. */
function readConsistently<T>(em: EntityManager, work: (tx: EntityManager) => Promise<T>): Promise<T> {
  return em.transactional((tx) => work(tx as EntityManager), { isolationLevel: IsolationLevel.REPEATABLE_READ, readOnly: true });
}
