import { randomUUID } from 'node:crypto';
import type { ActionContext, ActionDefinition } from './action-registry';

/** One notification as a channel delivers it. */
export interface OutgoingNotification {
  tenantId: string;
  recipientDepartmentId: string | null;
  recipientUserId: string | null;
  kind: string;
  title: string;
  body: string | null;
  caseId: string;
}

/**
 * Where notifications go besides the in-app bell (which is the notification
 * row itself). An SMS gateway is added by registering a channel, without
 * touching the action or any diagram that names the channel.
 */
export interface NotificationChannel {
  name: string;
  deliver(ctx: ActionContext, notification: OutgoingNotification): Promise<void>;
}

/** notify: an in-app notification to departments (by code) or users (by login), optionally also sent through other channels. */
export function createNotifyAction(channels: NotificationChannel[] = []): ActionDefinition {
  const byName = new Map(channels.map((c) => [c.name, c]));
  return {
    name: 'notify',
    title: '通知',
    description: 'In-app notification to departments (codes), optionally only their members with `roles`, and/or users (logins); `channels` adds e.g. SMS when such a channel is installed.',
    inputSchema: {
      type: 'object',
      required: ['title'],
      properties: {
        departments: { type: 'array', items: { type: 'string' } },
        users: { type: 'array', items: { type: 'string' } },
        roles: { type: 'array', items: { enum: ['admin', 'liaison', 'staff', 'leader'] }, description: 'With departments: only the members holding these roles (e.g. the liaison)' },
        title: { type: 'string', minLength: 1, maxLength: 300 },
        body: { type: ['string', 'null'] },
        kind: { type: 'string', minLength: 1, maxLength: 50 },
        channels: { type: 'array', items: { type: 'string' } },
      },
    },
    async run(ctx) {
      const input = ctx.inputs as { departments?: string[]; users?: string[]; roles?: string[]; title: string; body?: string | null; kind?: string; channels?: string[] };
      const extra = (input.channels ?? []).map((name) => {
        const channel = byName.get(name);
        if (!channel) throw new Error(`notification channel "${name}" is not installed`);
        return channel;
      });
      const recipients: { departmentId: string | null; userId: string | null }[] = [];
      if (input.departments?.length && input.roles?.length) {
        const rows = await ctx.em.execute<{ user_id: string }[]>(
          'select distinct m.user_id from membership m join department d on d.id = m.department_id where m.tenant_id = ? and d.code in (?) and m.role in (?)',
          [ctx.tenantId, input.departments, input.roles],
        );
        recipients.push(...rows.map((r) => ({ departmentId: null, userId: r.user_id })));
      } else if (input.departments?.length) {
        const rows = await ctx.em.execute<{ id: string }[]>('select id from department where tenant_id = ? and code in (?)', [ctx.tenantId, input.departments]);
        recipients.push(...rows.map((r) => ({ departmentId: r.id, userId: null })));
      }
      if (input.users?.length) {
        const rows = await ctx.em.execute<{ id: string }[]>('select id from app_user where tenant_id = ? and login in (?)', [ctx.tenantId, input.users]);
        recipients.push(...rows.map((r) => ({ departmentId: null, userId: r.id })));
      }
      for (const r of recipients) {
        const n: OutgoingNotification = { tenantId: ctx.tenantId, recipientDepartmentId: r.departmentId, recipientUserId: r.userId, kind: input.kind ?? 'notice', title: input.title, body: input.body ?? null, caseId: ctx.caseId };
        await ctx.em.execute(
          'insert into notification (id, tenant_id, recipient_department_id, recipient_user_id, kind, title, body, case_id, task_id, channel, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?)',
          [randomUUID(), n.tenantId, n.recipientDepartmentId, n.recipientUserId, n.kind, n.title, n.body, n.caseId, 'in-app', ctx.now],
        );
        for (const channel of extra) await channel.deliver(ctx, n);
      }
      ctx.record('notification.sent', { kind: input.kind ?? 'notice', recipients: recipients.length });
      return recipients.length;
    },
  };
}
