import type { Principal } from '../../domain/auth/principal';
import type { MigrationRequest } from '../../engine/migration/migration-service';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const ADMIN = { roles: ['admin'] } as const;
const TAGS = ['designer'];
const version: JsonSchema = { type: 'integer', minimum: 1, maximum: 1_000_000 };
const elementId: JsonSchema = { type: 'string', minLength: 1, maxLength: 100 };
const keyParams: JsonSchema = { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 } } };
const idParams: JsonSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };
const mappingSchema: JsonSchema = {
  type: 'object',
  maxProperties: 2000,
  propertyNames: { minLength: 1, maxLength: 100 },
  additionalProperties: { type: ['string', 'null'], minLength: 1, maxLength: 100 },
  description: 'Source element id → target element id, or null for "no counterpart"; an element left out maps to the same id when B has it',
};
const planBody: JsonSchema = {
  type: 'object',
  required: ['fromVersion', 'toVersion', 'mapping'],
  additionalProperties: false,
  properties: {
    fromVersion: version,
    toVersion: version,
    mapping: mappingSchema,
    recomputeDeadlines: { type: 'boolean', default: false, description: "Recompute open tasks' due dates from B's fixed deadlines; by default they keep their original due date" },
  },
};
const elementRow: JsonSchema = { type: 'object', required: ['id', 'name', 'type'], properties: { id: elementId, name: { type: ['string', 'null'] }, type: { type: 'string' } } };
const moveSchema: JsonSchema = { type: 'object', required: ['from', 'to'], properties: { from: elementId, to: elementId } };
const progressSchema: JsonSchema = {
  type: 'object',
  required: ['total', 'pending', 'migrated', 'skipped', 'failed'],
  properties: Object.fromEntries(['total', 'pending', 'migrated', 'skipped', 'failed'].map((k) => [k, { type: 'integer' }])),
};
const planSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'processKey', 'fromVersion', 'toVersion', 'mapping', 'recomputeDeadlines', 'status', 'createdAt', 'createdBy', 'finishedAt', 'progress'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    processKey: { type: 'string' },
    fromVersion: { type: 'integer' },
    toVersion: { type: 'integer' },
    mapping: mappingSchema,
    recomputeDeadlines: { type: 'boolean' },
    status: { enum: ['running', 'done'] },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: ['string', 'null'] },
    finishedAt: { type: ['string', 'null'], format: 'date-time' },
    progress: progressSchema,
  },
};

type PlanBody = Omit<MigrationRequest, 'tenantId' | 'processKey' | 'recomputeDeadlines'> & { recomputeDeadlines?: boolean };
const requestOf = (p: Principal, key: string, body: PlanBody): MigrationRequest => ({
  tenantId: p.tenantId,
  processKey: key,
  fromVersion: body.fromVersion,
  toVersion: body.toVersion,
  mapping: body.mapping,
  recomputeDeadlines: body.recomputeDeadlines ?? false,
});

/**
 * Moving running cases to another version (admins only; docs/versions.md):
 * the proposed mapping, a dry run that changes nothing, plans that run as
 * background jobs, and their progress with every case's outcome.
 */
export function adminMigrationRoutes(deps: Pick<AppDeps, 'migrations'>): RouteDef[] {
  return [
    defineRoute<{ key: string }, { from: number; to: number }>({
      method: 'get',
      path: '/api/admin/procedures/:key/migrations/proposal',
      operationId: 'adminProposeMigration',
      summary: "The element mapping from version `from` to `to` proposed from bpmn-js-differ's unchanged ids, the elements to choose from, and how many cases run on `from`",
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      query: { type: 'object', required: ['from', 'to'], additionalProperties: false, properties: { from: version, to: version } },
      responses: {
        200: {
          description: 'Proposal',
          schema: {
            type: 'object',
            required: ['processKey', 'fromVersion', 'toVersion', 'source', 'target', 'mapping', 'diff', 'runningCases'],
            properties: {
              processKey: { type: 'string' },
              fromVersion: { type: 'integer' },
              toVersion: { type: 'integer' },
              source: { type: 'array', items: elementRow },
              target: { type: 'array', items: elementRow },
              mapping: mappingSchema,
              diff: {
                type: 'object',
                required: ['added', 'removed', 'changed'],
                properties: { added: { type: 'array', items: elementId }, removed: { type: 'array', items: elementId }, changed: { type: 'array', items: elementId } },
              },
              runningCases: { type: 'integer' },
            },
          },
        },
        404: { description: 'No such procedure or version' },
        422: { description: 'The same version twice' },
      },
      async handler({ principal, em, params, query }) {
        const proposal = await deps.migrations.proposal(em, principal!.tenantId, params.key, query.from, query.to);
        return { body: { processKey: params.key, fromVersion: query.from, toVersion: query.to, ...proposal } };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, PlanBody>({
      method: 'post',
      path: '/api/admin/procedures/:key/migrations/dry-run',
      operationId: 'adminDryRunMigration',
      summary: 'Judge every case running on fromVersion: migratable or not, with the reasons and the element moves; changes nothing',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      body: planBody,
      responses: {
        200: {
          description: 'Dry-run report',
          schema: {
            type: 'object',
            required: ['summary', 'cases'],
            properties: {
              summary: { type: 'object', required: ['total', 'migratable', 'blocked'], properties: { total: { type: 'integer' }, migratable: { type: 'integer' }, blocked: { type: 'integer' } } },
              cases: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['caseId', 'title', 'startedAt', 'migratable', 'reasons', 'moves'],
                  properties: {
                    caseId: { type: 'string', format: 'uuid' },
                    title: { type: 'string' },
                    startedAt: { type: 'string', format: 'date-time' },
                    migratable: { type: 'boolean' },
                    reasons: { type: 'array', items: { type: 'string' } },
                    moves: { type: 'array', items: moveSchema },
                  },
                },
              },
            },
          },
        },
        404: { description: 'No such procedure or version' },
        422: { description: 'The mapping names elements the versions do not have' },
      },
      async handler({ principal, em, params, body }) {
        return { body: await deps.migrations.dryRun(em, requestOf(principal!, params.key, body)) };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, PlanBody>({
      method: 'post',
      path: '/api/admin/procedures/:key/migrations',
      operationId: 'adminStartMigration',
      summary: 'Start a migration plan for every case running on fromVersion; it runs as background batch jobs (audited migration.started, case.migrated per case)',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      body: planBody,
      responses: { 202: { description: 'Plan accepted and queued', schema: planSchema }, 404: { description: 'No such procedure or version' }, 422: { description: 'Bad mapping or versions' } },
      async handler({ principal, em, params, body }) {
        const plan = await deps.migrations.start(em, requestOf(principal!, params.key, body), { id: principal!.userId, label: principal!.login });
        return { status: 202, body: plan };
      },
    }),
    defineRoute<{ key: string }>({
      method: 'get',
      path: '/api/admin/procedures/:key/migrations',
      operationId: 'adminListMigrations',
      summary: "A procedure's migration plans, newest first, with their progress",
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      responses: { 200: { description: 'Plans', schema: { type: 'object', required: ['plans'], properties: { plans: { type: 'array', items: planSchema } } } } },
      async handler({ principal, em, params }) {
        return { body: { plans: await deps.migrations.plans(em, principal!.tenantId, { processKey: params.key }) } };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'get',
      path: '/api/admin/migrations/:id',
      operationId: 'adminGetMigration',
      summary: "A migration plan's progress and every case's outcome (pending, migrated, skipped with the reason, failed and rolled back)",
      tags: TAGS,
      auth: ADMIN,
      params: idParams,
      responses: {
        200: {
          description: 'Plan with case outcomes',
          schema: {
            ...planSchema,
            required: [...(planSchema.required as string[]), 'cases'],
            properties: {
              ...(planSchema.properties as Record<string, JsonSchema>),
              cases: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['caseId', 'title', 'status', 'reason', 'at'],
                  properties: {
                    caseId: { type: 'string', format: 'uuid' },
                    title: { type: 'string' },
                    status: { enum: ['pending', 'migrated', 'skipped', 'failed'] },
                    reason: { type: ['string', 'null'] },
                    at: { type: ['string', 'null'], format: 'date-time' },
                  },
                },
              },
            },
          },
        },
        404: { description: 'No such plan in this county' },
      },
      async handler({ principal, em, params }) {
        const { plan, cases } = await deps.migrations.plan(em, principal!.tenantId, params.id);
        return { body: { ...plan, cases } };
      },
    }),
  ];
}
