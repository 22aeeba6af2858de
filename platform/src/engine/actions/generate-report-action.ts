import { randomUUID } from 'node:crypto';
import { calendarLookupFromDatabase, queryClaimStatistics, tenantDayZone } from '../../domain/statistics/claim-statistics-query';
import { resolvePeriod } from '../../domain/statistics/statistics-period';
import type { ActionDefinition } from './action-registry';

/**
 * generateReport: freeze the push and claim figures per department for a
 * period (the 第十九条 circular): pushed, claimed on time, claimed late,
 * overdue and unclaimed, returned, on-time rate and median claim time in
 * working hours. The figures come from `queryClaimStatistics`, the same
 * function behind GET /api/statistics/circular, so the frozen snapshot and the
 * live statistics of the same period agree (until later claims change the live ones).
 */
export const generateReportAction: ActionDefinition = {
  name: 'generateReport',
  title: '生成统计报告',
  description:
    "Snapshots per-department push and claim figures (pushed, claimed on time, claimed late, overdue unclaimed, returned, on-time rate, median claim working hours) for a period [periodStart, periodEnd) (default: last month). Pushes are the tasks of the pack's circular.claimSteps.",
  inputSchema: {
    type: 'object',
    required: ['kind'],
    properties: {
      kind: { type: 'string', minLength: 1, maxLength: 100 },
      periodStart: { type: 'string', format: 'date-time' },
      periodEnd: { type: 'string', format: 'date-time' },
    },
  },
  async run(ctx) {
    const input = ctx.inputs as { kind: string; periodStart?: string; periodEnd?: string };
    const calendarFor = calendarLookupFromDatabase(ctx.em, ctx.tenantId);
    let start: Date;
    let end: Date;
    if (input.periodStart && input.periodEnd) {
      start = new Date(input.periodStart);
      end = new Date(input.periodEnd);
    } else {
      const previous = resolvePeriod(await tenantDayZone(ctx.em, ctx.tenantId, calendarFor), {}, ctx.now);
      start = input.periodStart ? new Date(input.periodStart) : previous.start;
      end = input.periodEnd ? new Date(input.periodEnd) : previous.end;
    }
    const stats = await queryClaimStatistics(ctx.em, { tenantId: ctx.tenantId, boundaries: [start, end], now: ctx.now, calendarFor });
    const data = {
      period: { start: start.toISOString(), end: end.toISOString() },
      legalBasis: stats.legalBasis,
      departments: stats.periods[0] ?? [],
      warnings: stats.warnings,
    };
    const id = randomUUID();
    await ctx.em.execute('insert into report_snapshot (id, tenant_id, case_id, kind, period_start, period_end, data, created_at) values (?, ?, ?, ?, ?, ?, ?::jsonb, ?)', [
      id,
      ctx.tenantId,
      ctx.caseId,
      input.kind,
      start,
      end,
      JSON.stringify(data),
      ctx.now,
    ]);
    ctx.record('report.generated', { snapshotId: id, kind: input.kind, periodStart: start.toISOString(), periodEnd: end.toISOString() });
    return id;
  },
};

