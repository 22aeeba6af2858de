import type { Principal } from '../../domain/auth/principal';
import { pgArray } from '../../db/pg-array';
import { NotFoundError } from '../../errors/problem-error';
import type { AppDeps } from '../app-deps';
import { defineRoute, type RouteDef } from '../route-definition';
import { idParams } from '../schemas';

/** Notifications addressed to the user or to one of their departments (condition on alias `n`). */
function mine(p: Principal): { sql: string; params: unknown[] } {
  return {
    sql: 'n.tenant_id = ? and (n.recipient_user_id = ? or n.recipient_department_id = any(?::uuid[]))',
    params: [p.tenantId, p.userId, pgArray([...new Set(p.memberships.map((m) => m.departmentId))])],
  };
}

const itemSchema = {
  type: 'object',
  required: ['id', 'kind', 'title', 'createdAt', 'readAt'],
  properties: {
    id: { type: 'string' },
    kind: { type: 'string' },
    title: { type: 'string' },
    body: { type: ['string', 'null'] },
    caseId: { type: ['string', 'null'] },
    taskId: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    readAt: { type: ['string', 'null'] },
  },
};

/** The bell: pushes, reminders and 督办 sent to the user or their departments, read per person. */
export function notificationRoutes(deps: Pick<AppDeps, 'clock'>): RouteDef[] {
  return [
    defineRoute<Record<string, never>, { unread?: boolean; limit: number }>({
      method: 'get',
      path: '/api/notifications',
      operationId: 'listNotifications',
      summary: 'Your newest notifications and how many are unread',
      tags: ['notifications'],
      auth: 'session',
      query: { type: 'object', additionalProperties: false, properties: { unread: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 100, default: 20 } } },
      responses: { 200: { description: 'Notifications', schema: { type: 'object', required: ['items', 'unread'], properties: { items: { type: 'array', items: itemSchema }, unread: { type: 'integer' } } } } },
      async handler({ principal, em, query }) {
        const cond = mine(principal!);
        const rows = await em.execute<{ id: string; kind: string; title: string; body: string | null; case_id: string | null; task_id: string | null; created_at: string; read_at: string | null }[]>(
          `select n.id, n.kind, n.title, n.body, n.case_id, n.task_id, n.created_at, r.read_at
             from notification n left join notification_read r on r.notification_id = n.id and r.user_id = ?
            where ${cond.sql} ${query.unread ? 'and r.read_at is null' : ''}
            order by n.created_at desc, n.id limit ?`,
          [principal!.userId, ...cond.params, query.limit],
        );
        const [count] = await em.execute<{ n: string }[]>(
          `select count(*) as n from notification n where ${cond.sql} and not exists (select 1 from notification_read r where r.notification_id = n.id and r.user_id = ?)`,
          [...cond.params, principal!.userId],
        );
        return {
          body: {
            items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, caseId: r.case_id, taskId: r.task_id, createdAt: new Date(r.created_at).toISOString(), readAt: r.read_at ? new Date(r.read_at).toISOString() : null })),
            unread: Number(count?.n ?? 0),
          },
        };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'post',
      path: '/api/notifications/:id/read',
      operationId: 'markNotificationRead',
      summary: 'Mark one of your notifications read',
      tags: ['notifications'],
      auth: 'session',
      params: idParams,
      responses: { 204: { description: 'Marked' }, 404: { description: 'Not one of yours' } },
      async handler({ principal, em, params }) {
        const cond = mine(principal!);
        const [row] = await em.execute<{ id: string }[]>(`select n.id from notification n where n.id = ? and ${cond.sql}`, [params.id, ...cond.params]);
        if (!row) throw new NotFoundError(`No notification ${params.id}.`);
        await em.execute('insert into notification_read (notification_id, user_id, read_at) values (?, ?, ?) on conflict do nothing', [params.id, principal!.userId, deps.clock.now()]);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/notifications/read-all',
      operationId: 'markAllNotificationsRead',
      summary: 'Mark all your notifications read',
      tags: ['notifications'],
      auth: 'session',
      responses: { 204: { description: 'Marked' } },
      async handler({ principal, em }) {
        const cond = mine(principal!);
        await em.execute(
          `insert into notification_read (notification_id, user_id, read_at) select n.id, ?, ? from notification n where ${cond.sql} on conflict do nothing`,
          [principal!.userId, deps.clock.now(), ...cond.params],
        );
      },
    }),
  ];
}
