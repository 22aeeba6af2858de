import { randomUUID } from 'node:crypto';
import type { ActionDefinition } from './action-registry';

/** Previous calendar month in Asia/Shanghai (UTC+8, no DST since 1991), as [start, end) instants. */
function previousMonth(now: Date): [Date, Date] {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return [new Date(Date.UTC(y, m - 1, 1) - 8 * 3_600_000), new Date(Date.UTC(y, m, 1) - 8 * 3_600_000)];
}

/**
 * generateReport: freeze per-department task statistics for a period (the
 * monthly circular of push and claim status): tasks received, finished on
 * time, finished late, still open past due, and returned.
 */
export const generateReportAction: ActionDefinition = {
  name: 'generateReport',
  title: '生成统计报告',
  description: 'Snapshots per-department counts of tasks received, done on time, done late, overdue and returned in a period (default: last month).',
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
    const [defaultStart, defaultEnd] = previousMonth(ctx.now);
    const start = input.periodStart ? new Date(input.periodStart) : defaultStart;
    const end = input.periodEnd ? new Date(input.periodEnd) : defaultEnd;
    const rows = await ctx.em.execute<{ code: string; name: string; received: string; on_time: string; late: string; overdue: string; returned: string }[]>(
      `select d.code, d.name,
              count(t.id) as received,
              count(t.id) filter (where t.status = 'completed' and (t.due_at is null or t.completed_at <= t.due_at)) as on_time,
              count(t.id) filter (where t.status = 'completed' and t.completed_at > t.due_at) as late,
              count(t.id) filter (where t.status in ('open', 'claimed') and t.due_at < ?) as overdue,
              count(t.id) filter (where t.status = 'returned') as returned
         from department d
         left join task t on t.tenant_id = d.tenant_id and d.id = any(t.candidate_department_ids) and t.created_at >= ? and t.created_at < ?
        where d.tenant_id = ?
        group by d.code, d.name order by d.code`,
      [ctx.now, start, end, ctx.tenantId],
    );
    const data = { departments: rows.map((r) => ({ code: r.code, name: r.name, received: Number(r.received), onTime: Number(r.on_time), late: Number(r.late), overdue: Number(r.overdue), returned: Number(r.returned) })) };
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
