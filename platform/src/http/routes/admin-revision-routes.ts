import type { Principal } from '../../domain/auth/principal';
import { PackRevisions, type NewRevision } from '../../engine/definitions/pack-revisions';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const ADMIN = { roles: ['admin'] } as const;
const TAGS = ['admin'];
const date: JsonSchema = { type: 'string', format: 'date' };
const nullableDate: JsonSchema = { type: ['string', 'null'], format: 'date' };
const nullableText = (maxLength: number, description: string): JsonSchema => ({ type: ['string', 'null'], minLength: 1, maxLength, description });
const idParams: JsonSchema = { type: 'object', required: ['id'], properties: { id: { type: 'string', format: 'uuid' } } };

const newRevisionBody: JsonSchema = {
  type: 'object',
  required: ['label', 'effectiveFrom'],
  additionalProperties: false,
  properties: {
    label: { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', description: 'How admins name the revision, unique in the county, e.g. 2025年修订' },
    title: nullableText(200, "The regulation's title; becomes the pack title when published (omitted: unchanged)"),
    documentNumber: nullableText(100, 'Its document number (文号); becomes the pack 文号 when published (omitted: unchanged)'),
    effectiveFrom: { ...date, description: 'First local date of the revision window (inclusive); after the current pack start' },
    effectiveTo: { ...nullableDate, description: 'Last local date (inclusive); omitted or null = open-ended' },
  },
};

const revisionSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'label', 'title', 'documentNumber', 'effectiveFrom', 'effectiveTo', 'status', 'current', 'createdAt', 'createdBy', 'publishedAt', 'publishedBy', 'procedures'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    label: { type: 'string' },
    title: { type: ['string', 'null'] },
    documentNumber: { type: ['string', 'null'] },
    effectiveFrom: date,
    effectiveTo: nullableDate,
    status: { enum: ['draft', 'published'] },
    current: { type: 'boolean', description: 'The latest published revision: new pack extensions and designer publishes belong to it' },
    createdAt: { type: 'string', format: 'date-time' },
    createdBy: { type: ['string', 'null'], description: 'Display name' },
    publishedAt: { type: ['string', 'null'], format: 'date-time' },
    publishedBy: { type: ['string', 'null'], description: 'Display name' },
    procedures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'name', 'version', 'draft', 'changed'],
        properties: {
          key: { type: 'string' },
          name: { type: 'string' },
          version: { type: ['integer', 'null'], description: 'Published: the version the revision published; draft: null' },
          draft: {
            type: ['object', 'null'],
            description: 'Draft revision: the designer draft that will be published; null = the latest version is republished unchanged',
            required: ['updatedAt', 'updatedBy'],
            properties: { updatedAt: { type: 'string', format: 'date-time' }, updatedBy: { type: ['string', 'null'] } },
          },
          changed: { type: 'boolean', description: 'Differs from the latest published diagram (draft) or from the version before it (published)' },
        },
      },
    },
  },
};

const actorOf = (p: Principal) => ({ id: p.userId, label: p.login });

/**
 * Whole-pack successors (admins only): start a revision (every procedure
 * cloned into a designer draft), edit the drafts in the designer, publish
 * them all under the revision's window in one transaction, or discard it.
 */
export function adminRevisionRoutes(deps: Pick<AppDeps, 'clock' | 'audit' | 'forms' | 'actions' | 'definitions'>): RouteDef[] {
  const revisions = new PackRevisions(deps);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/pack/revisions',
      operationId: 'adminListPackRevisions',
      summary: 'The pack revisions, newest first, with their windows, status and procedures',
      tags: TAGS,
      auth: ADMIN,
      responses: { 200: { description: 'Revisions', schema: { type: 'array', items: revisionSchema } }, 403: { description: 'Not an admin' } },
      async handler({ principal, em }) {
        return { body: await revisions.listRevisions(em, principal!.tenantId) };
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, NewRevision>({
      method: 'post',
      path: '/api/admin/pack/revisions',
      operationId: 'adminCreatePackRevision',
      summary: 'Start a revision: a draft with its window, and a designer draft of every procedure from its latest version (audited pack.revision.created)',
      tags: TAGS,
      auth: ADMIN,
      body: newRevisionBody,
      responses: {
        201: { description: 'The draft revision', schema: revisionSchema },
        403: { description: 'Not an admin' },
        409: { description: 'A draft revision exists, the label is taken, or procedures have designer drafts (listed in `procedures`)' },
        422: { description: 'Bad window: ends before it starts, or does not start after the current pack' },
      },
      async handler({ principal, em, body }) {
        const created = await revisions.createRevision(em, { ...body, tenantId: principal!.tenantId, actor: actorOf(principal!) });
        return { status: 201, body: created };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'post',
      path: '/api/admin/pack/revisions/:id/publish',
      operationId: 'adminPublishPackRevision',
      summary: 'Publish every procedure under the revision in one transaction, from its draft or unchanged (audited pack.revision.published)',
      tags: TAGS,
      auth: ADMIN,
      params: idParams,
      responses: {
        200: {
          description: 'Published',
          schema: {
            ...revisionSchema,
            required: [...(revisionSchema.required as string[]), 'published'],
            properties: {
              ...(revisionSchema.properties as Record<string, JsonSchema>),
              published: { type: 'array', items: { type: 'object', required: ['key', 'version'], properties: { key: { type: 'string' }, version: { type: 'integer' } } } },
            },
          },
        },
        404: { description: 'No such revision in this county' },
        409: { description: 'Already published' },
        422: { description: 'Procedures that would not publish, each in `procedures` with the procedure publish route errors; nothing was written' },
      },
      async handler({ principal, em, params }) {
        return { body: await revisions.publishRevision(em, { tenantId: principal!.tenantId, id: params.id, actor: actorOf(principal!) }) };
      },
    }),
    defineRoute<{ id: string }>({
      method: 'delete',
      path: '/api/admin/pack/revisions/:id',
      operationId: 'adminDiscardPackRevision',
      summary: 'Discard a draft revision; the designer drafts stay and are listed in draftsKept (audited pack.revision.discarded)',
      tags: TAGS,
      auth: ADMIN,
      params: idParams,
      responses: {
        200: {
          description: 'Discarded',
          schema: { type: 'object', required: ['id', 'label', 'draftsKept'], properties: { id: { type: 'string', format: 'uuid' }, label: { type: 'string' }, draftsKept: { type: 'array', items: { type: 'string' } } } },
        },
        404: { description: 'No such revision in this county' },
        409: { description: 'Already published' },
      },
      async handler({ principal, em, params }) {
        return { body: await revisions.discardRevision(em, { tenantId: principal!.tenantId, id: params.id, actor: actorOf(principal!) }) };
      },
    }),
  ];
}
