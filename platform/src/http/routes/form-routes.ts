import { FormVersion } from '../../domain/definition/form-version.entity';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const formSchema: JsonSchema = {
  type: 'object',
  required: ['key', 'version', 'title', 'schema', 'uiSchema'],
  properties: {
    key: { type: 'string' },
    version: { type: 'integer' },
    title: { type: 'string' },
    schema: { type: 'object', description: 'The JSON Schema the server validates submissions against' },
    uiSchema: { type: ['object', 'null'], description: 'Layout hints for the generated form (@rjsf UI schema)' },
  },
};

/**
 * Read-only access to published forms, so the staff UI can render a
 * procedure's start form before a case (and so a task) exists: tasks carry
 * their own form, a start event only names one. Forms are definitions, not
 * case data, so any logged-in user of the county may read them; another
 * county's form key is a 404 like an unknown one.
 */
export function formRoutes(deps: Pick<AppDeps, 'forms'>): RouteDef[] {
  return [
    defineRoute<{ key: string }, { version?: number }>({
      method: 'get',
      path: '/api/forms/:key',
      operationId: 'getForm',
      summary: 'A published form (JSON Schema + UI schema): the given version, or the latest when none is given',
      tags: ['forms'],
      auth: 'session',
      params: { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 } } },
      query: { type: 'object', additionalProperties: false, properties: { version: { type: 'integer', minimum: 1 } } },
      responses: { 200: { description: 'The form version', schema: formSchema }, 404: { description: 'No such form (version) in this county' } },
      async handler({ principal, em, params, query }) {
        const ref = await deps.forms.resolve(em, principal!.tenantId, params.key, query.version);
        const form = await em.findOneOrFail(FormVersion, { id: ref.id, tenantId: principal!.tenantId });
        return { body: { key: form.formKey, version: form.version, title: form.title, schema: form.schema, uiSchema: form.uiSchema ?? null } };
      },
    }),
  ];
}
