import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../../domain/auth/principal';
import type { Role } from '../../domain/org/membership.entity';
import type { CircularReport } from '../../domain/statistics/circular-statistics';
import { circularCsv, circularXlsx, contentDisposition, CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../domain/statistics/statistics-export';
import type { StatisticsPeriod } from '../../domain/statistics/statistics-period';
import { ForbiddenError, NotFoundError } from '../../errors/problem-error';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const date: JsonSchema = { type: 'string', format: 'date' };
const month: JsonSchema = { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' };
const department: JsonSchema = { type: 'string', minLength: 1, maxLength: 64, description: 'Department id or code; only its row is returned' };
const periodQuery = {
  from: { ...date, description: 'First local day of the period (YYYY-MM-DD, Asia/Shanghai or the calendar zone)' },
  to: { ...date, description: 'Last local day of the period, included' },
  month: { ...month, description: 'A whole month instead of from/to; default: the previous month' },
  department,
};

const nullableNumber: JsonSchema = { type: ['number', 'null'] };
const rowSchema: JsonSchema = {
  type: 'object',
  required: ['departmentId', 'code', 'name', 'kind', 'pushed', 'claimedOnTime', 'claimedLate', 'overdueUnclaimed', 'returned', 'onTimeRate', 'medianClaimWorkingHours'],
  properties: {
    departmentId: { type: 'string', format: 'uuid' },
    code: { type: 'string' },
    name: { type: 'string' },
    kind: { enum: ['approval_bureau', 'supervising', 'other'] },
    pushed: { type: 'integer' },
    claimedOnTime: { type: 'integer' },
    claimedLate: { type: 'integer' },
    overdueUnclaimed: { type: 'integer' },
    returned: { type: 'integer' },
    onTimeRate: { ...nullableNumber, description: 'claimedOnTime / (claimedOnTime + claimedLate + overdueUnclaimed)' },
    medianClaimWorkingHours: { ...nullableNumber, description: 'Median working hours from push to claim' },
  },
};
const periodSchema: JsonSchema = {
  type: 'object',
  required: ['from', 'to', 'start', 'end', 'timeZone'],
  properties: { from: date, to: date, start: { type: 'string', format: 'date-time' }, end: { type: 'string', format: 'date-time' }, timeZone: { type: 'string' } },
};
const warnings: JsonSchema = { type: 'array', items: { type: 'string' } };

/** Who may see statistics: staff, liaisons and leaders; admin-only accounts run the platform, not the circular. */
const READER_ROLES: readonly Role[] = ['staff', 'liaison', 'leader'];
const readers = { roles: READER_ROLES };

/**
 * The departments whose rows a caller may see: all of them for the approval
 * bureau's leaders and liaisons (who issue the circular), otherwise the
 * departments the caller works in.
 * @throws ForbiddenError for a caller without a staff, liaison or leader role.
 */
export function statisticsScope(principal: Principal): 'all' | string[] {
  if (principal.memberships.some((m) => m.departmentKind === 'approval_bureau' && (m.role === 'leader' || m.role === 'liaison'))) return 'all';
  const own = [...new Set(principal.memberships.filter((m) => READER_ROLES.includes(m.role)).map((m) => m.departmentId))];
  if (own.length === 0) throw new ForbiddenError('Statistics are for staff, liaisons and leaders of a department.');
  return own;
}

/** The departments to list, after the optional `department` filter; a department outside the scope is a 404 like an unknown one. */
async function departmentIdsFor(em: EntityManager, principal: Principal, wanted: string | undefined): Promise<string[] | undefined> {
  const scope = statisticsScope(principal);
  if (wanted === undefined) return scope === 'all' ? undefined : scope;
  const [row] = await em.execute<{ id: string }[]>('select id from department where tenant_id = ? and (code = ? or id::text = ?)', [principal.tenantId, wanted, wanted]);
  if (!row || (scope !== 'all' && !scope.includes(row.id))) throw new NotFoundError(`No department "${wanted}" among those whose statistics you may see.`);
  return [row.id];
}

const periodJson = (p: StatisticsPeriod) => ({ from: p.from, to: p.to, start: p.start.toISOString(), end: p.end.toISOString(), timeZone: p.timeZone });

function reportJson(report: CircularReport) {
  return { period: periodJson(report.period), generatedAt: report.generatedAt.toISOString(), legalBasis: report.legalBasis, departments: report.departments, warnings: report.warnings };
}

/** Push and claim statistics (第十九条 circulars): per department for a period, as a monthly trend, and as CSV or XLSX. */
export function statisticsRoutes(deps: Pick<AppDeps, 'statistics'>): RouteDef[] {
  return [
    defineRoute<Record<string, never>, { from?: string; to?: string; month?: string; department?: string }>({
      method: 'get',
      path: '/api/statistics/circular',
      operationId: 'circularStatistics',
      summary: 'Push and claim figures per department for a period (from..to inclusive, or a month; default the previous month)',
      tags: ['statistics'],
      auth: readers,
      query: { type: 'object', additionalProperties: false, properties: periodQuery },
      responses: {
        200: {
          description: 'The figures, one row per department the caller may see',
          schema: {
            type: 'object',
            required: ['period', 'generatedAt', 'legalBasis', 'departments', 'warnings'],
            properties: { period: periodSchema, generatedAt: { type: 'string', format: 'date-time' }, legalBasis: { type: ['string', 'null'] }, departments: { type: 'array', items: rowSchema }, warnings },
          },
        },
        404: { description: 'No such department among those the caller may see' },
      },
      async handler({ principal, em, query }) {
        const { department: wanted, ...period } = query;
        const departmentIds = await departmentIdsFor(em, principal!, wanted);
        return { body: reportJson(await deps.statistics.byDepartment(em, principal!.tenantId, { ...period, departmentIds })) };
      },
    }),
    defineRoute<Record<string, never>, { fromMonth?: string; toMonth?: string; department?: string }>({
      method: 'get',
      path: '/api/statistics/circular/trend',
      operationId: 'circularTrend',
      summary: 'The same figures month by month (at most 36 months; default the last twelve), for charts',
      tags: ['statistics'],
      auth: readers,
      query: { type: 'object', additionalProperties: false, properties: { fromMonth: month, toMonth: month, department } },
      responses: {
        200: {
          description: 'One entry per month, oldest first, each listing the same departments',
          schema: {
            type: 'object',
            required: ['fromMonth', 'toMonth', 'timeZone', 'generatedAt', 'legalBasis', 'months', 'warnings'],
            properties: {
              fromMonth: month,
              toMonth: month,
              timeZone: { type: 'string' },
              generatedAt: { type: 'string', format: 'date-time' },
              legalBasis: { type: ['string', 'null'] },
              months: {
                type: 'array',
                items: { type: 'object', required: ['month', 'period', 'departments'], properties: { month, period: periodSchema, departments: { type: 'array', items: rowSchema } } },
              },
              warnings,
            },
          },
        },
        404: { description: 'No such department among those the caller may see' },
      },
      async handler({ principal, em, query }) {
        const departmentIds = await departmentIdsFor(em, principal!, query.department);
        const trend = await deps.statistics.monthlyTrend(em, principal!.tenantId, { fromMonth: query.fromMonth, toMonth: query.toMonth, departmentIds });
        return {
          body: {
            fromMonth: trend.fromMonth,
            toMonth: trend.toMonth,
            timeZone: trend.timeZone,
            generatedAt: trend.generatedAt.toISOString(),
            legalBasis: trend.legalBasis,
            months: trend.months.map((m) => ({ month: m.month, period: periodJson(m.period), departments: m.departments })),
            warnings: trend.warnings,
          },
        };
      },
    }),
    defineRoute<Record<string, never>, { format: 'csv' | 'xlsx'; from?: string; to?: string; month?: string; department?: string }>({
      method: 'get',
      path: '/api/statistics/circular/export',
      operationId: 'exportCircularStatistics',
      summary: 'The per-department figures of a period as a CSV (UTF-8 with BOM) or Excel download, headed in Chinese',
      tags: ['statistics'],
      auth: readers,
      query: {
        type: 'object',
        required: ['format'],
        additionalProperties: false,
        properties: { format: { enum: ['csv', 'xlsx'] }, ...periodQuery },
      },
      responses: {
        200: { description: 'The file (text/csv or .xlsx)', contentType: XLSX_CONTENT_TYPE, schema: { type: 'string', format: 'binary' } },
        404: { description: 'No such department among those the caller may see' },
      },
      async handler({ principal, em, query }) {
        const { format, department: wanted, ...period } = query;
        const departmentIds = await departmentIdsFor(em, principal!, wanted);
        const report = await deps.statistics.byDepartment(em, principal!.tenantId, { ...period, departmentIds });
        const stem = `${report.period.from}_${report.period.to}.${format}`;
        const headers = { 'Content-Disposition': contentDisposition(`circular-statistics_${stem}`, `推送认领情况统计_${stem}`), 'Cache-Control': 'no-store' };
        if (format === 'csv') return { body: circularCsv(report), headers: { ...headers, 'Content-Type': CSV_CONTENT_TYPE } };
        return { body: await circularXlsx(report), headers: { ...headers, 'Content-Type': XLSX_CONTENT_TYPE } };
      },
    }),
  ];
}
