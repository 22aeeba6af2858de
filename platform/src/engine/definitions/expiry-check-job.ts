import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import { DEFAULT_VALIDITY_ZONE } from '../../domain/pack/pack-validity';
import type { JobHandlers } from '../../scheduler/job-handler';
import type { JobScheduler, ScheduledJob } from '../../scheduler/job-scheduler';
import { nextCycleFire } from '../parse/timer-cycle';
import { expiryWarnings, type ExpiryWarning } from './expiry-warnings';

/** The job type of the daily expiry check (one pending job per county). */
export const EXPIRY_CHECK_JOB = 'validity.expiry-check';
/** Its per-county dedupe key: scheduling it again while it is pending is a no-op. */
export const EXPIRY_CHECK_KEY = 'validity.expiry-check';
/** The notification kind admins receive. */
export const EXPIRY_NOTIFICATION_KIND = 'validity.expiring';

/** Every day at 08:00 local time, when the office opens (a wall time, so it stays 08:00 in the county's zone). */
const DAILY_AT_EIGHT = 'R/2000-01-01T08:00:00/P1D';

/** The first 08:00 (Asia/Shanghai) strictly after `after`. */
export function nextExpiryCheckAt(after: Date): Date {
  return nextCycleFire(DAILY_AT_EIGHT, after, DEFAULT_VALIDITY_ZONE)!;
}

/**
 * Make sure the county's daily expiry check is scheduled, in the caller's
 * transaction. Idempotent (dedupe key), so the platform calls it for every
 * county at each start and tenant creation calls it too; an existing job,
 * pending or failed (an incident to resolve), is left as it is.
 */
export function ensureExpiryCheck(em: EntityManager, jobs: Pick<JobScheduler, 'schedule'>, tenantId: string, now: Date): Promise<ScheduledJob> {
  return jobs.schedule(em, { tenantId, type: EXPIRY_CHECK_JOB, dueAt: nextExpiryCheckAt(now), dedupeKey: EXPIRY_CHECK_KEY });
}

/** ensureExpiryCheck for every county; returns how many jobs were created (0 on an ordinary restart). */
export async function ensureExpiryChecks(em: EntityManager, jobs: Pick<JobScheduler, 'schedule'>, now: Date): Promise<number> {
  const tenants = await em.execute<{ id: string }[]>('select id from tenant order by id');
  let created = 0;
  for (const t of tenants) if ((await ensureExpiryCheck(em, jobs, t.id, now)).created) created++;
  return created;
}

const scopeKey = (w: ExpiryWarning) => (w.scope === 'pack' ? 'pack' : `procedure:${w.processKey}`);

/** The bell's wording (zh-CN, the county's working language; notifications are stored text). */
function notificationText(w: ExpiryWarning): { title: string; body: string } {
  const name = `《${w.name.slice(0, 200)}》`;
  const title =
    w.level === 'expired' ? `${name}已于${w.effectiveTo}到期` : w.daysLeft === 0 ? `${name}将于${w.effectiveTo}到期，今天是最后一天` : `${name}将于${w.effectiveTo}到期，还剩${w.daysLeft}天`;
  const what = w.scope === 'pack' ? '各事项' : '该事项';
  const body =
    w.level === 'expired'
      ? `${what}目前不能发起新办件（已发起的办件继续办理）。请发布后续版本，或在配置管理中办理延期适用。`
      : `到期后${what}不能再发起新办件（已发起的办件继续办理）。如需继续适用，请发布后续版本或办理延期适用。`;
  return { title, body };
}

/**
 * Tell each active admin of the county about every warning not yet
 * announced at its level, in the caller's transaction; returns how many
 * notifications were written. The expiry_notice marker is inserted first
 * and only its inserter notifies, so re-runs (and racing workers) add
 * nothing; an extension changes effectiveTo, so its thresholds fire anew.
 */
export async function notifyExpiryWarnings(em: EntityManager, tenantId: string, now: Date): Promise<number> {
  const warnings = await expiryWarnings(em, tenantId, now);
  if (warnings.length === 0) return 0;
  const admins = await em.execute<{ id: string }[]>(
    `select distinct u.id from app_user u join membership m on m.user_id = u.id
      where u.tenant_id = ? and m.tenant_id = ? and u.active and m.role = 'admin' order by u.id`,
    [tenantId, tenantId],
  );
  let sent = 0;
  for (const w of warnings) {
    const marked = await em.execute<{ id: string }[]>(
      'insert into expiry_notice (id, tenant_id, scope_key, effective_to, level, notified_at) values (?, ?, ?, ?, ?, ?) on conflict do nothing returning id',
      [randomUUID(), tenantId, scopeKey(w), w.effectiveTo, w.level, now],
    );
    if (marked.length === 0) continue;
    const { title, body } = notificationText(w);
    for (const admin of admins) {
      await em.execute(
        'insert into notification (id, tenant_id, recipient_department_id, recipient_user_id, kind, title, body, case_id, task_id, channel, created_at) values (?, ?, null, ?, ?, ?, ?, null, null, ?, ?)',
        [randomUUID(), tenantId, admin.id, EXPIRY_NOTIFICATION_KIND, title, body, 'in-app', now],
      );
      sent++;
    }
  }
  return sent;
}

/**
 * The daily check's handler: announce what is due at the clock's now, then
 * schedule tomorrow's run in the same transaction (the fired row is already
 * deleted, so the dedupe key is free). A worker that catches up late runs
 * once, with today's levels, not once per missed day.
 */
export function expiryCheckJobHandlers(deps: { clock: Clock; jobs: Pick<JobScheduler, 'schedule'> }): JobHandlers {
  return {
    [EXPIRY_CHECK_JOB]: async (em, job) => {
      const now = deps.clock.now();
      await notifyExpiryWarnings(em, job.tenantId, now);
      const after = now.getTime() > job.dueAt.getTime() ? now : job.dueAt;
      await ensureExpiryCheck(em, deps.jobs, job.tenantId, after);
    },
  };
}
