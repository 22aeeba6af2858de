import type { EntityManager } from '@mikro-orm/postgresql';
import { FormVersion } from '../../domain/definition/form-version.entity';
import { analyseFormChanges, formReferences, FORM_CHANGE_KINDS, type FormChange, type ProcedureModel } from '../../engine/definitions/form-changes';
import type { DefinitionService, LoadedDefinition } from '../../engine/definitions/definition-service';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../errors/problem-error';
import type { Ajv } from '../../forms/ajv-factory';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

type Json = Record<string, unknown>;

/** What the designer sends for a form version. */
interface FormDraftBody {
  title: string;
  schema: Json;
  uiSchema?: Json | null;
  acceptBreaking?: boolean;
}

const ADMIN = { roles: ['admin'] } as const;
const TAGS = ['designer'];

/** Form keys name files in an exported pack (forms/<key>.schema.json), hence the conservative alphabet. */
const keyParams: JsonSchema = { type: 'object', required: ['key'], properties: { key: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$' } } };
const formBody = (withAccept: boolean): JsonSchema => ({
  type: 'object',
  required: ['title', 'schema'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', minLength: 1, maxLength: 200 },
    schema: { type: 'object', description: 'JSON Schema (2020-12) of the form data' },
    uiSchema: { type: ['object', 'null'], description: '@rjsf UI schema' },
    ...(withAccept ? { acceptBreaking: { type: 'boolean', description: 'Publish even though published procedures use what changes' } } : {}),
  },
});
const usageSchema: JsonSchema = { type: 'object', required: ['procedure', 'elementId', 'where'], properties: { procedure: { type: 'string' }, elementId: { type: 'string' }, where: { type: 'string' } } };
const changeSchema: JsonSchema = {
  type: 'object',
  required: ['kind', 'field', 'breaking', 'detail', 'usedBy'],
  properties: { kind: { enum: [...FORM_CHANGE_KINDS] }, field: { type: 'string' }, breaking: { type: 'boolean' }, detail: { type: 'string' }, usedBy: { type: 'array', items: usageSchema } },
};
const fieldErrorSchema: JsonSchema = { type: 'object', required: ['pointer', 'message'], properties: { pointer: { type: 'string' }, message: { type: 'string' } } };

/**
 * The designer's form API (admins only): forms with their versions and the
 * procedure steps that show them, a check that compares an edited schema
 * with the latest version and names every published expression a change
 * would break, and publishing, which refuses breaking changes (409) unless
 * the admin accepts them, audited either way.
 */
export function adminFormRoutes(deps: Pick<AppDeps, 'ajv' | 'audit' | 'forms' | 'definitions'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/forms',
      operationId: 'adminListForms',
      summary: 'Every form of the county with its versions and the procedure steps (latest published versions) that show it',
      tags: TAGS,
      auth: ADMIN,
      responses: {
        200: {
          description: 'Forms by key',
          schema: {
            type: 'array',
            items: {
              type: 'object',
              required: ['key', 'title', 'latestVersion', 'versions', 'usedBy'],
              properties: {
                key: { type: 'string' },
                title: { type: 'string' },
                latestVersion: { type: 'integer' },
                versions: { type: 'array', items: { type: 'object', required: ['version', 'title', 'publishedAt', 'checksum'], properties: { version: { type: 'integer' }, title: { type: 'string' }, publishedAt: { type: 'string', format: 'date-time' }, checksum: { type: 'string' } } } },
                usedBy: { type: 'array', items: { type: 'object', required: ['procedure', 'elementId', 'elementName'], properties: { procedure: { type: 'string' }, elementId: { type: 'string' }, elementName: { type: ['string', 'null'] } } } },
              },
            },
          },
        },
      },
      async handler({ principal, em }) {
        const rows = await em.execute<{ form_key: string; version: number; title: string; published_at: string | Date; checksum: string }[]>(
          'select form_key, version, title, published_at, checksum from form_version where tenant_id = ? order by form_key, version',
          [principal!.tenantId],
        );
        const procedures = await latestProcedures(em, principal!.tenantId, deps.definitions);
        const byKey = new Map<string, typeof rows>();
        for (const row of rows) byKey.set(row.form_key, [...(byKey.get(row.form_key) ?? []), row]);
        return {
          body: [...byKey].map(([key, versions]) => ({
            key,
            title: versions.at(-1)!.title,
            latestVersion: versions.at(-1)!.version,
            versions: versions.map((v) => ({ version: v.version, title: v.title, publishedAt: new Date(v.published_at), checksum: v.checksum })),
            usedBy: procedures.flatMap((p) => formReferences(p.process, key).map((ref) => ({ procedure: p.process.key, ...ref }))),
          })),
        };
      },
    }),
    defineRoute<{ key: string; version: number }>({
      method: 'get',
      path: '/api/admin/forms/:key/versions/:version',
      operationId: 'adminGetFormVersion',
      summary: 'One version of a form: its JSON Schema and UI schema',
      tags: TAGS,
      auth: ADMIN,
      params: { type: 'object', required: ['key', 'version'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 }, version: { type: 'integer', minimum: 1 } } },
      responses: {
        200: {
          description: 'The version',
          schema: { type: 'object', required: ['key', 'version', 'title', 'schema', 'uiSchema', 'publishedAt'], properties: { key: { type: 'string' }, version: { type: 'integer' }, title: { type: 'string' }, schema: { type: 'object' }, uiSchema: { type: ['object', 'null'] }, publishedAt: { type: 'string', format: 'date-time' } } },
        },
        404: { description: 'No such form version in this county' },
      },
      async handler({ principal, em, params }) {
        const form = await em.findOne(FormVersion, { tenantId: principal!.tenantId, formKey: params.key, version: params.version });
        if (!form) throw new NotFoundError(`No version ${params.version} of form "${params.key}" in this county.`);
        return { body: { key: form.formKey, version: form.version, title: form.title, schema: form.schema, uiSchema: form.uiSchema ?? null, publishedAt: form.publishedAt } };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, FormDraftBody>({
      method: 'post',
      path: '/api/admin/forms/:key/check',
      operationId: 'adminCheckForm',
      summary: 'Check an edited form against the latest published version: schema errors, and each change with the published expressions that use the field',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      body: formBody(false),
      responses: {
        200: {
          description: 'Errors refuse publication; breaking changes need acceptBreaking',
          schema: { type: 'object', required: ['errors', 'changes'], properties: { errors: { type: 'array', items: fieldErrorSchema }, changes: { type: 'array', items: changeSchema } } },
        },
      },
      async handler({ principal, em, params, body }) {
        const schema = withoutId(body.schema);
        const errors = formSchemaProblems(deps.ajv, schema, body.uiSchema ?? null);
        return { body: { errors, changes: await changesFor(em, principal!.tenantId, params.key, schema, deps.definitions) } };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, FormDraftBody>({
      method: 'post',
      path: '/api/admin/forms/:key/publish',
      operationId: 'adminPublishForm',
      summary: 'Publish a new version of a form (or its first: new keys create forms); breaking changes need acceptBreaking: true',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      body: formBody(true),
      responses: {
        201: { description: 'Published (an identical form keeps its current version)', schema: { type: 'object', required: ['key', 'version'], properties: { key: { type: 'string' }, version: { type: 'integer' } } } },
        409: { description: 'Breaking changes and acceptBreaking is not true; the problem lists `changes`' },
        422: { description: 'Not a valid form schema' },
      },
      async handler({ principal, em, params, body }) {
        const tenantId = principal!.tenantId;
        const schema = withoutId(body.schema);
        const errors = formSchemaProblems(deps.ajv, schema, body.uiSchema ?? null);
        if (errors.length) throw new ValidationError(`The form cannot be published: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}.`, errors);
        const actor = { id: principal!.userId, label: principal!.login };
        const version = await em.transactional(async (tx) => {
          // Analysed inside the publishing transaction, so the verdict is about what is published now.
          const changes = await changesFor(tx, tenantId, params.key, schema, deps.definitions);
          const breaking = changes.filter((c) => c.breaking);
          if (breaking.length && body.acceptBreaking !== true) {
            throw new ConflictError(
              `Publishing form "${params.key}" would break ${breaking.length} use(s) in published procedures: ${breaking.map((c) => `${c.field} (${c.kind})`).join(', ')}. Send acceptBreaking: true to publish anyway.`,
              { changes },
            );
          }
          const published = await deps.forms.publish(tx, { tenantId, formKey: params.key, title: body.title, schema, uiSchema: body.uiSchema ?? null, actor });
          if (breaking.length) {
            await deps.audit.append(tx, tenantId, [
              { actor, action: 'form.breaking_change_accepted', subject: { type: 'form', id: params.key }, payload: { version: published.version, changes: breaking.map(({ kind, field, usedBy }) => ({ kind, field, usedBy })) } },
            ]);
          }
          return published;
        });
        return { status: 201, body: { key: params.key, version: version.version }, headers: { Location: `/api/admin/forms/${encodeURIComponent(params.key)}/versions/${version.version}` } };
      },
    }),
  ];
}

/** The latest published version of every procedure of the county, compiled (cached by version id). */
async function latestProcedures(em: EntityManager, tenantId: string, definitions: DefinitionService): Promise<LoadedDefinition[]> {
  const rows = await em.execute<{ id: string }[]>(
    "select distinct on (process_key) id from definition_version where tenant_id = ? and status = 'published' order by process_key, version desc",
    [tenantId],
  );
  const out: LoadedDefinition[] = [];
  for (const { id } of rows) out.push(await definitions.byId(em, tenantId, id));
  return out;
}

/** Changes from the latest published version of `key` (none for a new form), with their usages in published procedures. */
async function changesFor(em: EntityManager, tenantId: string, key: string, schema: Json, definitions: DefinitionService): Promise<FormChange[]> {
  const latest = await em.findOne(FormVersion, { tenantId, formKey: key }, { orderBy: { version: 'desc' } });
  if (!latest) return [];
  const procedures: ProcedureModel[] = await latestProcedures(em, tenantId, definitions);
  return analyseFormChanges(latest.schema, schema, procedures);
}

/** The form service ignores `$id` (forms are found by key and version), so the analysis does too. */
function withoutId(schema: Json): Json {
  const { $id: _ignored, ...rest } = schema;
  return rest;
}

/**
 * Why a schema cannot be a form: it must compile with the platform's ajv
 * (formats and strictness as submissions are checked), describe an object,
 * and its ui:order may only name its own fields (@rjsf refuses others).
 */
function formSchemaProblems(ajv: Ajv, schema: Json, uiSchema: Json | null): FieldError[] {
  const errors: FieldError[] = [];
  try {
    ajv.compile(schema);
  } catch (err) {
    errors.push({ pointer: '/body/schema', message: `is not a valid JSON Schema: ${(err as Error).message}` });
  } finally {
    ajv.removeSchema(schema); // checks run on every edit: keep the shared instance's cache from growing
  }
  if (schema.type !== 'object') errors.push({ pointer: '/body/schema/type', message: 'must be "object": a form describes an object of fields' });
  const order = uiSchema?.['ui:order'];
  if (order !== undefined) {
    const fields = typeof schema.properties === 'object' && schema.properties !== null ? Object.keys(schema.properties) : [];
    if (!Array.isArray(order) || order.some((f) => typeof f !== 'string')) {
      errors.push({ pointer: '/body/uiSchema/ui:order', message: 'must be a list of field names' });
    } else {
      const unknown = order.filter((f) => f !== '*' && !fields.includes(f));
      if (unknown.length) errors.push({ pointer: '/body/uiSchema/ui:order', message: `names fields the schema does not have: ${unknown.join(', ')}` });
      const missing = order.includes('*') ? [] : fields.filter((f) => !order.includes(f));
      if (missing.length) errors.push({ pointer: '/body/uiSchema/ui:order', message: `leaves out ${missing.join(', ')}; list every field or add "*"` });
    }
  }
  return errors;
}
