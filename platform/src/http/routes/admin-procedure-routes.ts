import { bodyParser } from '@koa/bodyparser';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Middleware } from 'koa';
import { ROLES } from '../../domain/org/membership.entity';
import { DefinitionDrafts } from '../../engine/definitions/definition-drafts';
import { NotFoundError } from '../../errors/problem-error';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

/** Largest BPMN file the designer may save or publish (UTF-8 bytes; parseBpmn enforces it exactly). */
export const MAX_DESIGNER_XML_BYTES = 2 * 1024 * 1024;

/**
 * JSON limit for the procedure routes: a 2 MB diagram grows when its quotes
 * and line breaks are escaped inside a JSON string, so the envelope may be
 * larger than the XML it carries; the XML itself is held to 2 MB.
 */
const PROCEDURE_JSON_LIMIT = '3mb';
const PROCEDURE_PATHS = /^\/api\/admin\/procedures(\/|$)/;

/**
 * The JSON body parser for the designer's procedure routes, mounted before
 * the app-wide one (whose 1 MB limit a diagram with layout can exceed).
 * It parses only these paths; the app-wide parser then sees a parsed body
 * and leaves it alone, so every other route keeps the 1 MB limit.
 */
export function procedureBodyParser(): Middleware {
  const parse = bodyParser({ enableTypes: ['json'], jsonLimit: PROCEDURE_JSON_LIMIT, encoding: 'utf-8' });
  return (ctx, next) => (PROCEDURE_PATHS.test(ctx.path) ? parse(ctx, next) : next());
}

const ADMIN = { roles: ['admin'] } as const;
const TAGS = ['designer'];

const keyParams: JsonSchema = { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 } } };
const xmlBody: JsonSchema = {
  type: 'object',
  required: ['xml'],
  additionalProperties: false,
  properties: { xml: { type: 'string', minLength: 1, maxLength: MAX_DESIGNER_XML_BYTES, description: 'BPMN 2.0 XML, at most 2 MB' } },
};
const issueSchema: JsonSchema = {
  type: 'object',
  required: ['elementId', 'rule', 'message'],
  properties: { elementId: { type: ['string', 'null'] }, rule: { type: ['string', 'null'] }, message: { type: 'string' } },
};
const procedureSchema: JsonSchema = {
  type: 'object',
  required: ['key', 'name', 'legalBasis', 'latestVersion', 'versions', 'draft'],
  properties: {
    key: { type: 'string' },
    name: { type: 'string' },
    legalBasis: { type: ['string', 'null'] },
    latestVersion: { type: ['integer', 'null'], description: 'Newest published version; null when the procedure exists only as a draft' },
    versions: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'version', 'status', 'publishedAt', 'publishedBy', 'checksum'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          version: { type: 'integer' },
          status: { enum: ['published', 'retired'] },
          publishedAt: { type: 'string', format: 'date-time' },
          publishedBy: { type: ['string', 'null'], description: "The publisher's display name" },
          checksum: { type: 'string' },
        },
      },
    },
    draft: {
      type: ['object', 'null'],
      required: ['updatedAt', 'updatedBy'],
      properties: { updatedAt: { type: 'string', format: 'date-time' }, updatedBy: { type: ['string', 'null'] } },
    },
  },
};

/**
 * The designer's procedure API (admins only): every procedure with its
 * versions and draft, drafts, the publish-time check as a dry run, publishing,
 * and what the browser's own lint and property pickers need. A key of
 * another county is a 404 like an unknown one.
 */
export function adminProcedureRoutes(deps: Pick<AppDeps, 'clock' | 'audit' | 'forms' | 'actions' | 'definitions'>): RouteDef[] {
  const drafts = new DefinitionDrafts(deps);
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/procedures',
      operationId: 'adminListProcedures',
      summary: 'Every procedure of the county with its versions and draft, including procedures that exist only as a draft',
      tags: TAGS,
      auth: ADMIN,
      responses: { 200: { description: 'Procedures by key', schema: { type: 'array', items: procedureSchema } } },
      async handler({ principal, em }) {
        return { body: await listProcedures(em, principal!.tenantId, drafts) };
      },
    }),
    defineRoute<{ key: string; version: number }>({
      method: 'get',
      path: '/api/admin/procedures/:key/versions/:version',
      operationId: 'adminGetProcedureVersion',
      summary: 'One version of a procedure with its BPMN XML',
      tags: TAGS,
      auth: ADMIN,
      params: { type: 'object', required: ['key', 'version'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 }, version: { type: 'integer', minimum: 1 } } },
      responses: {
        200: {
          description: 'The version',
          schema: {
            type: 'object',
            required: ['key', 'version', 'name', 'xml', 'status', 'publishedAt', 'checksum'],
            properties: { key: { type: 'string' }, version: { type: 'integer' }, name: { type: 'string' }, xml: { type: 'string' }, status: { enum: ['published', 'retired'] }, publishedAt: { type: 'string', format: 'date-time' }, checksum: { type: 'string' } },
          },
        },
        404: { description: 'No such procedure version in this county' },
      },
      async handler({ principal, em, params }) {
        const [row] = await em.execute<{ name: string; bpmn_xml: string; status: string; published_at: string | Date; checksum: string }[]>(
          'select name, bpmn_xml, status, published_at, checksum from definition_version where tenant_id = ? and process_key = ? and version = ?',
          [principal!.tenantId, params.key, params.version],
        );
        if (!row) throw new NotFoundError(`No version ${params.version} of procedure "${params.key}" in this county.`);
        return { body: { key: params.key, version: params.version, name: row.name, xml: row.bpmn_xml, status: row.status, publishedAt: new Date(row.published_at), checksum: row.checksum } };
      },
    }),
    defineRoute<{ key: string }>({
      method: 'get',
      path: '/api/admin/procedures/:key/draft',
      operationId: 'adminGetProcedureDraft',
      summary: 'The saved draft of a procedure',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      responses: {
        200: {
          description: 'The draft',
          schema: { type: 'object', required: ['key', 'xml', 'updatedAt', 'updatedBy'], properties: { key: { type: 'string' }, xml: { type: 'string' }, updatedAt: { type: 'string', format: 'date-time' }, updatedBy: { type: ['string', 'null'] } } },
        },
        404: { description: 'No draft of this procedure in this county' },
      },
      async handler({ principal, em, params }) {
        return { body: await drafts.get(em, principal!.tenantId, params.key) };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, { xml: string }>({
      method: 'put',
      path: '/api/admin/procedures/:key/draft',
      operationId: 'adminSaveProcedureDraft',
      summary: 'Save (replace) the draft of a procedure; not linted, but it must parse and its one executable process must have the key as id',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      body: xmlBody,
      responses: { 204: { description: 'Saved' }, 422: { description: 'Not BPMN, unsafe, over 2 MB, or not this procedure (pointer /body/xml)' } },
      async handler({ principal, em, params, body }) {
        await drafts.save(em, { tenantId: principal!.tenantId, key: params.key, xml: body.xml, actor: actorOf(principal!) });
      },
    }),
    defineRoute<{ key: string }>({
      method: 'delete',
      path: '/api/admin/procedures/:key/draft',
      operationId: 'adminDiscardProcedureDraft',
      summary: 'Discard the draft of a procedure (nothing happens when there is none)',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      responses: { 204: { description: 'Discarded' } },
      async handler({ principal, em, params }) {
        await drafts.discard(em, { tenantId: principal!.tenantId, key: params.key, actor: actorOf(principal!) });
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, { xml: string }>({
      method: 'post',
      path: '/api/admin/procedures/validate',
      operationId: 'adminValidateProcedure',
      summary: "The server's publish-time lint and compile of a diagram, as a dry run: nothing is written",
      tags: TAGS,
      auth: ADMIN,
      body: xmlBody,
      responses: {
        200: {
          description: 'Errors refuse publication, warnings do not',
          schema: { type: 'object', required: ['errors', 'warnings'], properties: { errors: { type: 'array', items: issueSchema }, warnings: { type: 'array', items: issueSchema } } },
        },
      },
      async handler({ principal, em, body }) {
        return { body: await drafts.check(em, principal!.tenantId, body.xml) };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, { xml: string; effectiveFrom?: string | null; effectiveTo?: string | null }>({
      method: 'post',
      path: '/api/admin/procedures/:key/publish',
      operationId: 'adminPublishProcedure',
      summary: 'Publish a new version of a procedure (its draft is deleted in the same transaction); an identical diagram keeps the current version',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      body: {
        ...xmlBody,
        properties: {
          ...(xmlBody.properties as Record<string, JsonSchema>),
          effectiveFrom: { type: ['string', 'null'], format: 'date', description: 'First local date new cases may start on this version (inclusive); omitted = open' },
          effectiveTo: { type: ['string', 'null'], format: 'date', description: 'Last local date new cases may start on it, the sunset (inclusive); omitted = open' },
        },
      },
      responses: {
        201: {
          description: 'Published',
          schema: { type: 'object', required: ['key', 'version', 'unchanged'], properties: { key: { type: 'string' }, version: { type: 'integer' }, unchanged: { type: 'boolean', description: 'True when the diagram equals the latest version, which was kept' } } },
        },
        422: { description: 'Refused: one error per problem, each with pointer /body/xml and, where known, elementId and rule' },
      },
      async handler({ principal, em, params, body }) {
        const published = await drafts.publish(em, { tenantId: principal!.tenantId, key: params.key, xml: body.xml, effectiveFrom: body.effectiveFrom, effectiveTo: body.effectiveTo, actor: actorOf(principal!) });
        return { status: 201, body: published, headers: { Location: `/api/admin/procedures/${encodeURIComponent(params.key)}/versions/${published.version}` } };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/actions',
      operationId: 'adminListActions',
      summary: 'The service-task actions a diagram may name in cm:action, with their input schemas',
      tags: TAGS,
      auth: ADMIN,
      responses: {
        200: {
          description: 'Actions by name',
          schema: { type: 'array', items: { type: 'object', required: ['name', 'title', 'description', 'inputSchema'], properties: { name: { type: 'string' }, title: { type: 'string' }, description: { type: 'string' }, inputSchema: { type: 'object' } } } },
        },
      },
      async handler() {
        return { body: deps.actions.describe().map(({ name, title, description, inputSchema }) => ({ name, title, description, inputSchema })) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/lint-context',
      operationId: 'adminLintContext',
      summary: "What the designer's lint and property pickers check against: forms, actions, departments and roles of the county",
      tags: TAGS,
      auth: ADMIN,
      responses: {
        200: {
          description: 'The lint context',
          schema: {
            type: 'object',
            required: ['forms', 'actions', 'departments', 'roles'],
            properties: {
              forms: { type: 'array', items: { type: 'object', required: ['key', 'title', 'versions'], properties: { key: { type: 'string' }, title: { type: 'string' }, versions: { type: 'array', items: { type: 'integer' } } } } },
              actions: { type: 'array', items: { type: 'string' } },
              departments: { type: 'array', items: { type: 'object', required: ['code', 'name', 'kind'], properties: { code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' } } } },
              roles: { type: 'array', items: { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } } } },
            },
          },
        },
      },
      async handler({ principal, em }) {
        const tenantId = principal!.tenantId;
        const titles = await em.execute<{ form_key: string; title: string }[]>('select distinct on (form_key) form_key, title from form_version where tenant_id = ? order by form_key, version desc', [tenantId]);
        const titleOf = new Map(titles.map((r) => [r.form_key, r.title]));
        const forms = (await deps.forms.catalogue(em, tenantId)).map((f) => ({ key: f.key, title: titleOf.get(f.key) ?? f.key, versions: f.versions }));
        const departments = await em.execute<{ code: string; name: string; kind: string }[]>('select code, name, kind from department where tenant_id = ? order by code', [tenantId]);
        const [tenant] = await em.execute<{ role_names: Record<string, string> | null }[]>("select settings -> 'roleNames' as role_names from tenant where id = ?", [tenantId]);
        const roles = ROLES.map((code) => ({ code, name: tenant?.role_names?.[code] ?? code }));
        return { body: { forms, actions: deps.actions.names(), departments: departments.map(({ code, name, kind }) => ({ code, name, kind })), roles } };
      },
    }),
  ];
}

function actorOf(principal: { userId: string; login: string }) {
  return { id: principal.userId, label: principal.login };
}

interface VersionRow {
  process_key: string;
  id: string;
  version: number;
  name: string;
  status: 'published' | 'retired';
  published_at: string | Date;
  published_by: string | null;
  checksum: string;
  legal_basis: string | null;
}

/** Versions and drafts in two queries; names and legal bases come from the newest version, or the draft's XML when there is none. */
async function listProcedures(em: EntityManager, tenantId: string, drafts: DefinitionDrafts) {
  const versions = await em.execute<VersionRow[]>(
    `select v.process_key, v.id, v.version, v.name, v.status, v.published_at, u.display_name as published_by, v.checksum, v.legal_basis
       from definition_version v left join app_user u on u.id = v.published_by
      where v.tenant_id = ? order by v.process_key, v.version`,
    [tenantId],
  );
  const draftRows = await em.execute<{ process_key: string; xml: string | null; updated_at: string | Date; updated_by: string | null }[]>(
    `select d.process_key, d.updated_at, u.display_name as updated_by,
            case when exists (select 1 from definition_version v where v.tenant_id = d.tenant_id and v.process_key = d.process_key) then null else d.xml end as xml
       from definition_draft d left join app_user u on u.id = d.updated_by
      where d.tenant_id = ?`,
    [tenantId],
  );
  const byKey = new Map<string, VersionRow[]>();
  for (const row of versions) byKey.set(row.process_key, [...(byKey.get(row.process_key) ?? []), row]);
  const draftByKey = new Map(draftRows.map((d) => [d.process_key, d]));
  const keys = [...new Set([...byKey.keys(), ...draftByKey.keys()])].sort();
  const out = [];
  for (const key of keys) {
    const rows = byKey.get(key) ?? [];
    const newest = rows.at(-1);
    const draft = draftByKey.get(key);
    const published = rows.filter((r) => r.status === 'published');
    out.push({
      key,
      name: newest?.name ?? (draft?.xml ? await drafts.draftName(draft.xml, key) : key),
      legalBasis: newest?.legal_basis ?? null,
      latestVersion: published.at(-1)?.version ?? null,
      versions: rows.map((r) => ({ id: r.id, version: r.version, status: r.status, publishedAt: new Date(r.published_at), publishedBy: r.published_by, checksum: r.checksum })),
      draft: draft ? { updatedAt: new Date(draft.updated_at), updatedBy: draft.updated_by } : null,
    });
  }
  return out;
}
