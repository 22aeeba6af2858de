import type { EntityManager } from '@mikro-orm/postgresql';
import type { WorkingCalendar } from '../../calendar';

/** What a recomputer did, for the audit entry of the calendar change. */
export interface RecomputeReport {
  /** What kind of deadline holder this was, e.g. "task". */
  holder: string;
  /** Deadlines whose due instant moved. */
  moved: { id: string; from: string; to: string }[];
  /** Deadlines that could not be recomputed (e.g. the new calendar does not cover their years). */
  failed: { id: string; reason: string }[];
}

/**
 * A port for whatever holds open deadlines (the engine's tasks and timers).
 * When a calendar changes, the calendar service calls every recomputer inside
 * the same transaction, so the new calendar and the moved deadlines commit
 * together, and records the reports in the audit log.
 */
export interface DeadlineRecomputer {
  recompute(em: EntityManager, input: { tenantId: string; calendarKey: string; calendar: WorkingCalendar; now: Date }): Promise<RecomputeReport>;
}
