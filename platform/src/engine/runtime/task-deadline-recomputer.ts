import type { EntityManager } from '@mikro-orm/postgresql';
import { CalendarCoverageError, clockStageInstants, DEFAULT_STAGE_THRESHOLDS, recomputeClock, type DeadlineClock } from '../../calendar';
import type { DeadlineRecomputer, RecomputeReport } from '../../domain/calendar/deadline-recomputer';
import { ENGINE_JOBS } from './engine-deps';

/**
 * When a calendar changes, open tasks whose deadline has not yet passed get
 * their due date recomputed from their stored clock (start, spec, pauses),
 * and the timers armed at those deadlines move with them. Deadlines already
 * passed stay as they were: what was overdue stays overdue.
 */
export class TaskDeadlineRecomputer implements DeadlineRecomputer {
  async recompute(em: EntityManager, input: Parameters<DeadlineRecomputer['recompute']>[1]): Promise<RecomputeReport> {
    const rows = await em.execute<{ id: string; case_id: string; deadline: DeadlineClock; due_at: Date; thresholds: { yellow: number; red: number } | null }[]>(
      `select id, case_id, deadline, due_at, thresholds from task
        where tenant_id = ? and calendar_key = ? and status in ('open', 'claimed') and deadline is not null and due_at > ?
        for update`,
      [input.tenantId, input.calendarKey, input.now],
    );
    const report: RecomputeReport = { holder: 'task', moved: [], failed: [] };
    for (const row of rows) {
      let next: DeadlineClock;
      let stageAt: { yellowAt: string; redAt: string };
      try {
        next = recomputeClock(row.deadline, input.calendar);
        stageAt = clockStageInstants(next, input.calendar, row.thresholds ?? DEFAULT_STAGE_THRESHOLDS);
      } catch (err) {
        if (!(err instanceof CalendarCoverageError)) throw err;
        report.failed.push({ id: row.id, reason: err.message });
        continue;
      }
      if (next.dueAt === new Date(row.due_at).toISOString()) continue;
      await em.execute('update task set deadline = ?::jsonb, due_at = ?, yellow_at = ?, red_at = ?, version = version + 1 where id = ?', [
        JSON.stringify(next),
        new Date(next.dueAt),
        new Date(stageAt.yellowAt),
        new Date(stageAt.redAt),
        row.id,
      ]);
      await em.execute('update job set due_at = ? where tenant_id = ? and case_id = ? and type = ? and dedupe_key like ?', [
        new Date(next.dueAt),
        input.tenantId,
        row.case_id,
        ENGINE_JOBS.timer,
        `timer:${row.case_id}:dl:${row.id}:%`,
      ]);
      report.moved.push({ id: row.id, from: new Date(row.due_at).toISOString(), to: next.dueAt });
    }
    return report;
  }
}
