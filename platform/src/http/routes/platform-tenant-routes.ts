import { listAvailablePacks } from '../../domain/tenant/available-packs';
import { COUNTY_CODE_PATTERN, createCountyFromPack } from '../../domain/tenant/create-county';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const PLATFORM_ADMIN = { platformAdmin: true } as const;
const date: JsonSchema = { type: 'string', format: 'date' };
const codeName: JsonSchema = { type: 'object', required: ['code', 'name'], properties: { code: { type: 'string' }, name: { type: 'string' } } };
const scenarioResults: JsonSchema = {
  type: 'array',
  description: "The pack's scenarios as rehearsed in a throwaway in-memory county before anything was written",
  items: { type: 'object', required: ['file', 'title', 'ok'], properties: { file: { type: 'string' }, title: { type: 'string' }, ok: { type: 'boolean' } } },
};

const packSchema: JsonSchema = {
  type: 'object',
  required: ['dir', 'id', 'title', 'documentNumber', 'jurisdiction', 'validity', 'tenant', 'procedures', 'scenarios'],
  properties: {
    dir: { type: 'string', description: 'The folder name under PACKS_DIR; what POST /api/platform/tenants takes as `pack`' },
    id: { type: 'string' },
    title: { type: 'string' },
    documentNumber: { type: 'string' },
    jurisdiction: codeName,
    validity: { type: 'object', properties: { from: date, to: date } },
    tenant: { ...codeName, description: 'The county the pack describes; the request may choose another code and name' },
    procedures: { type: 'integer' },
    scenarios: { type: 'integer' },
  },
};

const tenantSchema: JsonSchema = {
  type: 'object',
  required: ['code', 'name', 'packId', 'createdAt', 'users', 'cases'],
  properties: { code: { type: 'string' }, name: { type: 'string' }, packId: { type: 'string' }, createdAt: { type: 'string', format: 'date-time' }, users: { type: 'integer' }, cases: { type: 'integer' } },
};

interface CreateBody {
  pack: string;
  code: string;
  name: string;
  adminPassword: string;
}

/**
 * Counties as the installation's operator manages them from the designer
 * (platform admins only: a county's own admin neither sees nor creates other
 * counties). The packs offered are folders on the server, named by folder,
 * so the browser never supplies a path; uploads go through the pack import.
 */
export function platformTenantRoutes(deps: Pick<AppDeps, 'packsDir' | 'clock' | 'audit' | 'passwordHasher' | 'calendars' | 'forms' | 'definitions' | 'jobs' | 'ajv' | 'actions' | 'rehearsePack'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/platform/packs',
      operationId: 'platformListPacks',
      summary: 'The packs under PACKS_DIR a county can be created from (folders with a valid pack.json)',
      tags: ['platform'],
      auth: PLATFORM_ADMIN,
      responses: { 200: { description: 'Packs, by folder name', schema: { type: 'array', items: packSchema } }, 403: { description: 'Not a platform administrator' } },
      async handler() {
        return { body: await listAvailablePacks(deps.packsDir) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/platform/tenants',
      operationId: 'platformListTenants',
      summary: 'Every county on this installation, with its pack and how many users and cases it has',
      tags: ['platform'],
      auth: PLATFORM_ADMIN,
      responses: { 200: { description: 'Counties, by code', schema: { type: 'array', items: tenantSchema } }, 403: { description: 'Not a platform administrator' } },
      async handler({ em }) {
        const rows = await em.execute<{ code: string; name: string; pack_id: string; created_at: Date | string; users: string; cases: string }[]>(
          `select t.code, t.name, t.pack_id, t.created_at,
                  (select count(*) from app_user u where u.tenant_id = t.id) as users,
                  (select count(*) from case_instance c where c.tenant_id = t.id) as cases
             from tenant t order by t.code`,
        );
        return {
          body: rows.map((r) => ({ code: r.code, name: r.name, packId: r.pack_id, createdAt: new Date(r.created_at).toISOString(), users: Number(r.users), cases: Number(r.cases) })),
        };
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, CreateBody>({
      method: 'post',
      path: '/api/platform/tenants',
      operationId: 'platformCreateTenant',
      summary: "Create a county from a pack: validated, its scenarios rehearsed, then written in one transaction with one `admin` account; audited in the new county's chain",
      tags: ['platform'],
      auth: PLATFORM_ADMIN,
      body: {
        type: 'object',
        required: ['pack', 'code', 'name', 'adminPassword'],
        additionalProperties: false,
        properties: {
          pack: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$', description: 'A `dir` from GET /api/platform/packs (a folder name, never a path)' },
          code: { type: 'string', pattern: COUNTY_CODE_PATTERN, description: 'County code used at login: 2–40 lower-case letters, digits or hyphens, starting with a letter' },
          name: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
          adminPassword: { type: 'string', minLength: 12, maxLength: 256, description: "Password of the county's `admin` account" },
        },
      },
      responses: {
        201: { description: 'Created', schema: { type: 'object', required: ['code', 'name', 'packId', 'scenarios'], properties: { code: { type: 'string' }, name: { type: 'string' }, packId: { type: 'string' }, scenarios: scenarioResults } } },
        403: { description: 'Not a platform administrator' },
        409: { description: 'A county with this code exists' },
        422: { description: 'Invalid input, a pack not offered, or a pack that is invalid or fails a scenario (`problems` lists why, `scenarios` the rehearsal); nothing was written' },
      },
      async handler({ principal, em, body }) {
        const p = principal!;
        const created = await createCountyFromPack(
          em,
          deps.packsDir,
          { pack: body.pack, code: body.code, name: body.name.trim(), adminPassword: body.adminPassword, createdBy: { userId: p.userId, login: p.login, tenantCode: p.tenantCode } },
          { ...deps, hasher: deps.passwordHasher, actionNames: deps.actions.names() },
        );
        return { status: 201, body: created };
      },
    }),
  ];
}
