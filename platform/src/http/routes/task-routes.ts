import { assertTaskVisible } from '../../domain/case/case-access';
import type { Principal } from '../../domain/auth/principal';
import { INBOX_VIEWS, type InboxView } from '../../domain/task/inbox';
import { delegateTask, saveDraft } from '../../engine/commands/task-assignment-commands';
import { claimTask, completeTask, returnTask, unclaimTask, type TaskActor } from '../../engine/commands/task-commands';
import { recordOfflineDelivery, type OfflineDeliveryInput } from '../../engine/commands/offline-delivery-command';
import type { AppDeps } from '../app-deps';
import { inboxItemSchema, pageOf, pagingQuery, taskViewSchema, versionField } from '../case-schemas';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';
import { idParams } from '../schemas';
import { expectedTaskVersion, taskEtag } from '../task-version';

const actorOf = (p: Principal): TaskActor => ({ tenantId: p.tenantId, userId: p.userId, actor: { id: p.userId, label: p.login } });

const commandResponses = {
  204: { description: 'Done' },
  403: { description: 'Not a candidate, or claimed by someone else' },
  404: { description: 'No such task among yours' },
  409: { description: 'The task changed (version/If-Match) or is no longer open' },
};

const versionOnly: JsonSchema = { type: 'object', additionalProperties: false, properties: { version: versionField } };

/** A page of the inbox: `total` is capped (InboxService, INBOX_COUNT_CAP), and says so. */
const inboxPageSchema: JsonSchema = (() => {
  const page = pageOf(inboxItemSchema) as { required: string[]; properties: Record<string, JsonSchema> };
  return { ...page, required: [...page.required, 'totalCapped'], properties: { ...page.properties, totalCapped: { type: 'boolean', description: 'True when total stopped at its cap: at least that many tasks.' } } };
})();

/**
 * The inbox and the task commands. Reads answer 404 outside the user's
 * departments; commands then let the engine enforce who may act (403) and
 * the optimistic lock (409 via If-Match or a `version` field).
 */
export function taskRoutes(deps: Pick<AppDeps, 'inbox' | 'tasks' | 'engine' | 'catalogs' | 'clock'>): RouteDef[] {
  /** Runs a task command after the 404 check, so foreign ids never reach the engine's 403s. */
  const command = <B extends { version?: number }>(
    operationId: string,
    path: string,
    summary: string,
    body: JsonSchema,
    run: (ctx: { principal: Principal; em: Parameters<RouteDef['handler']>[0]['em']; id: string; body: B; version: number | undefined }) => Promise<void>,
  ) =>
    defineRoute<{ id: string }, Record<string, never>, B>({
      method: 'post',
      path,
      operationId,
      summary,
      tags: ['tasks'],
      auth: 'session',
      params: idParams,
      body,
      bodyOptional: body === versionOnly,
      responses: commandResponses,
      async handler({ principal, em, params, body: b, koa }) {
        const version = expectedTaskVersion(koa, b?.version);
        await assertTaskVisible(em, principal!, params.id);
        await run({ principal: principal!, em, id: params.id, body: b ?? ({} as B), version });
      },
    });

  return [
    defineRoute<Record<string, never>, { view: InboxView; procedure?: string; q?: string; page: number; pageSize: number }>({
      method: 'get',
      path: '/api/inbox',
      operationId: 'listInbox',
      summary: 'One inbox tab (待认领 to-claim, 我的待办 mine, 即将超期 due-soon, 已超期 overdue, 已办 done), sorted by due date',
      tags: ['tasks'],
      auth: 'session',
      query: {
        type: 'object',
        additionalProperties: false,
        properties: { view: { enum: [...INBOX_VIEWS], default: 'to-claim' }, procedure: { type: 'string', maxLength: 100 }, q: { type: 'string', minLength: 1, maxLength: 100 }, ...pagingQuery },
      },
      responses: { 200: { description: 'A page of tasks', schema: inboxPageSchema } },
      async handler({ principal, em, query }) {
        const catalog = await deps.catalogs.get(em, principal!.tenantId, principal!.formsStamp);
        return { body: await deps.inbox.list(em, principal!, catalog, query.view, query, deps.clock.now()) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/inbox/counts',
      operationId: 'countInbox',
      summary: 'Badge counts of every inbox tab',
      tags: ['tasks'],
      auth: 'session',
      responses: {
        200: { description: 'Counts by tab', schema: { type: 'object', required: [...INBOX_VIEWS], properties: Object.fromEntries(INBOX_VIEWS.map((v) => [v, { type: 'integer' }])) } },
      },
      async handler({ principal, em }) {
        return { body: await deps.inbox.counts(em, principal!, deps.clock.now()) };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/tasks/:id',
      operationId: 'getTask',
      summary: 'A task with its form (JSON Schema and UI schema), its case in context (personal data masked), your draft and what you may do; ETag for If-Match',
      tags: ['tasks'],
      auth: 'session',
      params: idParams,
      responses: { 200: { description: 'The task page', schema: { type: 'object', required: ['task', 'form', 'case', 'can'], properties: { task: taskViewSchema } } }, 404: { description: 'No such task among yours' } },
      async handler({ principal, em, params }) {
        const detail = await deps.tasks.detail(em, principal!, params.id);
        return { body: detail, headers: { ETag: taskEtag(detail.task.version) } };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/tasks/:id/delegates',
      operationId: 'listTaskDelegates',
      summary: 'Colleagues in your department who may take this task over (转办)',
      tags: ['tasks'],
      auth: 'session',
      params: idParams,
      responses: { 200: { description: 'Colleagues', schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, department: { type: 'string' } } } } } },
      async handler({ principal, em, params }) {
        return { body: await deps.tasks.delegates(em, principal!, params.id) };
      },
    }),
    command<{ version?: number }>('claimTask', '/api/tasks/:id/claim', 'Claim (认领) an open task of your department', versionOnly, ({ principal, em, id, version }) =>
      claimTask(deps.engine, em, actorOf(principal), id, version),
    ),
    command<{ version?: number }>('unclaimTask', '/api/tasks/:id/unclaim', 'Give a task you claimed back to the department', versionOnly, ({ principal, em, id, version }) =>
      unclaimTask(deps.engine, em, actorOf(principal), id, version),
    ),
    command<{ data: Record<string, unknown>; version?: number }>(
      'completeTask',
      '/api/tasks/:id/complete',
      'Complete a task with its form data, validated on the server against the task\'s form version (422 with field pointers under /body/data)',
      { type: 'object', required: ['data'], additionalProperties: false, properties: { data: { type: 'object' }, version: versionField } },
      ({ principal, em, id, body, version }) => completeTask(deps.engine, em, actorOf(principal), id, body.data, { expectedVersion: version }),
    ),
    command<{ reason: string; version?: number }>(
      'returnTask',
      '/api/tasks/:id/return',
      'Return a task (退回), e.g. not your department\'s matter, with a reason',
      { type: 'object', required: ['reason'], additionalProperties: false, properties: { reason: { type: 'string', minLength: 2, maxLength: 1000 }, version: versionField } },
      ({ principal, em, id, body, version }) => returnTask(deps.engine, em, actorOf(principal), id, body.reason.trim(), { expectedVersion: version }),
    ),
    command<{ userId: string; version?: number }>(
      'delegateTask',
      '/api/tasks/:id/delegate',
      'Delegate (转办) a task to a colleague of your department who may act on it',
      { type: 'object', required: ['userId'], additionalProperties: false, properties: { userId: { type: 'string', format: 'uuid' }, version: versionField } },
      ({ principal, em, id, body, version }) => delegateTask(deps.engine, em, actorOf(principal), id, body.userId, version),
    ),
    command<OfflineDeliveryInput & { version?: number }>(
      'recordOfflineDelivery',
      '/api/tasks/:id/offline-delivery',
      'Meet a task offline (线下送达) through one of the county\'s channels, with document number, date and a scan; only for tasks the procedure allows',
      {
        type: 'object',
        required: ['channel', 'documentNumber', 'deliveredOn', 'data'],
        additionalProperties: false,
        properties: {
          channel: { type: 'string', minLength: 1, maxLength: 50 },
          documentNumber: { type: 'string', minLength: 1, maxLength: 100 },
          deliveredOn: { type: 'string', format: 'date' },
          attachmentId: { type: 'string', format: 'uuid' },
          note: { type: 'string', maxLength: 1000 },
          data: { type: 'object', description: "The task's form data" },
          version: versionField,
        },
      },
      ({ principal, em, id, body, version }) => {
        const { version: _v, ...input } = body;
        return recordOfflineDelivery(deps.engine, em, actorOf(principal), id, input, version);
      },
    ),
    defineRoute<{ id: string }, Record<string, never>, { data: Record<string, unknown> }>({
      method: 'put',
      path: '/api/tasks/:id/draft',
      operationId: 'saveTaskDraft',
      summary: 'Auto-save unsubmitted form data of a task you claimed (not validated; discarded on completion)',
      tags: ['tasks'],
      auth: 'session',
      params: idParams,
      body: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: { type: 'object' } } },
      responses: { 204: { description: 'Saved' }, 404: { description: 'No such task among yours' }, 409: { description: 'Not claimed by you' } },
      async handler({ principal, em, params, body }) {
        await assertTaskVisible(em, principal!, params.id);
        await saveDraft(em, actorOf(principal!), params.id, body.data);
      },
    }),
  ];
}
