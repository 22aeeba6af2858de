import type { Principal } from '../../domain/auth/principal';
import { exportPack } from '../../domain/pack/pack-export';
import { importPack, PACK_IMPORT_LIMITS } from '../../domain/pack/pack-import';
import { DEFAULT_VALIDITY_ZONE, packValidityStatus } from '../../domain/pack/pack-validity';
import { Tenant } from '../../domain/tenant/tenant.entity';
import { validityContext } from '../../engine/definitions/effective-version';
import { NotFoundError, UnsupportedMediaTypeError, ValidationError } from '../../errors/problem-error';
import type { AppDeps } from '../app-deps';
import { discardRest, readRawBody } from '../read-raw-body';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const ADMIN = { roles: ['admin'] } as const;
const ZIP_TYPES = ['application/zip', 'application/x-zip-compressed'];
const date: JsonSchema = { type: 'string', format: 'date' };

const packInfoSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'title', 'documentNumber', 'validity', 'daysLeft', 'warning'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    documentNumber: { type: 'string' },
    jurisdiction: { type: ['object', 'null'], properties: { code: { type: 'string' }, name: { type: 'string' } } },
    validity: { type: 'object', properties: { from: date, to: date } },
    daysLeft: { type: ['integer', 'null'], description: 'Whole days from today (the calendar zone, Asia/Shanghai by default) to validity.to; 0 on the last valid day, negative after it' },
    warning: { enum: ['none', '60', '30', '7', 'expired'], description: "'60', '30', '7' when at most that many days are left; 'expired' after validity.to" },
  },
};

const changes: JsonSchema = {
  type: 'array',
  items: { type: 'object', required: ['key', 'change'], properties: { key: { type: 'string' }, change: { enum: ['new', 'changed', 'unchanged'] } } },
};

const reportSchema: JsonSchema = {
  type: 'object',
  required: ['procedures', 'forms', 'calendars', 'problems', 'scenarios'],
  properties: {
    procedures: changes,
    forms: changes,
    calendars: changes,
    problems: { type: 'array', items: { type: 'string' } },
    scenarios: {
      type: 'array',
      description: "The pack's scenarios, rehearsed in a throwaway in-memory county before anything was written (a failing one refuses the import)",
      items: { type: 'object', required: ['file', 'title', 'ok'], properties: { file: { type: 'string' }, title: { type: 'string' }, ok: { type: 'boolean' } } },
    },
  },
};

const actorOf = (p: Principal) => ({ id: p.userId, label: p.login });

/** The designer's pack page: which rulebook the county runs and until when, and the rulebook in and out as a zip (admins only). */
export function adminPackRoutes(deps: Pick<AppDeps, 'clock' | 'audit' | 'ajv' | 'actions' | 'forms' | 'definitions' | 'calendars' | 'rehearsePack'>): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/pack',
      operationId: 'adminGetPack',
      summary: "The county's pack: title, document number, validity window and how soon it ends",
      tags: ['admin'],
      auth: ADMIN,
      responses: { 200: { description: 'Pack metadata and the validity warning', schema: packInfoSchema }, 403: { description: 'Not an admin' } },
      async handler({ principal, em }) {
        const tenant = await em.findOne(Tenant, { id: principal!.tenantId });
        if (!tenant) throw new NotFoundError('No such county.');
        const settings = tenant.settings ?? {};
        let zone = DEFAULT_VALIDITY_ZONE;
        if (tenant.defaultCalendarKey) {
          zone = await deps.calendars.current(em, tenant.id, tenant.defaultCalendarKey).then((c) => c.version.data.timeZone, () => DEFAULT_VALIDITY_ZONE);
        }
        // The window in force is the current pack revision's (a published successor replaces the original), its end moved by a pack extension.
        const ctx = await validityContext(em, tenant.id);
        const validity = { ...(ctx.pack.from ? { from: ctx.pack.from } : {}), ...(ctx.pack.to ? { to: ctx.pack.to } : {}) };
        const end = ctx.packExtension ?? ctx.pack.to;
        return {
          body: {
            id: tenant.packId,
            title: settings.pack?.title ?? tenant.name,
            documentNumber: settings.pack?.documentNumber ?? '',
            jurisdiction: settings.pack?.jurisdiction ?? null,
            validity,
            ...packValidityStatus({ ...validity, ...(end ? { to: end } : {}) }, deps.clock.now(), zone),
          },
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/api/admin/pack/export',
      operationId: 'adminExportPack',
      summary: "Download the county's current definitions as a pack zip (pack.json, processes, forms, calendars); audited",
      tags: ['admin'],
      auth: ADMIN,
      responses: { 200: { description: 'The pack as a zip, in the layout of definitions/<pack>/', contentType: 'application/zip', schema: { type: 'string', format: 'binary' } }, 403: { description: 'Not an admin' } },
      async handler({ principal, em }) {
        const exported = await exportPack(em, { tenantId: principal!.tenantId, actor: actorOf(principal!) }, deps);
        return {
          body: Buffer.from(exported.zip.buffer, exported.zip.byteOffset, exported.zip.byteLength),
          headers: { 'Content-Type': 'application/zip', 'Content-Disposition': `attachment; filename="${exported.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`, 'Cache-Control': 'no-store' },
        };
      },
    }),
    defineRoute<Record<string, never>, { dryRun: boolean }>({
      method: 'post',
      path: '/api/admin/pack/import',
      operationId: 'adminImportPack',
      summary: 'Validate a pack zip with the platform pack loader, rehearse its scenarios in a throwaway county, and compare it with the county; unless a dry run, publish what is new or changed',
      tags: ['admin'],
      auth: ADMIN,
      query: {
        type: 'object',
        required: ['dryRun'],
        additionalProperties: false,
        properties: { dryRun: { type: 'boolean', description: 'true: only report what would change; false: publish new and changed definitions' } },
      },
      rawBody: { contentTypes: ZIP_TYPES, maxBytes: PACK_IMPORT_LIMITS.maxZipBytes },
      responses: {
        200: { description: 'What changes (dry run) or changed, per procedure, form and calendar', schema: reportSchema },
        413: { description: `Larger than ${PACK_IMPORT_LIMITS.maxZipBytes} bytes` },
        415: { description: 'Not sent as application/zip' },
        422: { description: 'Unsafe or invalid pack (its `problems` list says why); nothing was written' },
      },
      async handler({ principal, em, query, koa }) {
        // null: no body at all, which is answered below as a missing pack.
        if (koa.is(ZIP_TYPES) === false) {
          discardRest(koa);
          throw new UnsupportedMediaTypeError('Send the pack as the raw request body with Content-Type application/zip.');
        }
        const zip = await readRawBody(koa, PACK_IMPORT_LIMITS.maxZipBytes);
        if (zip.length === 0) throw new ValidationError('The request body is empty; send the pack zip.', [{ pointer: '/body', message: 'is required' }]);
        return { body: await importPack(em, { tenantId: principal!.tenantId, zip, dryRun: query.dryRun, actor: actorOf(principal!) }, deps) };
      },
    }),
  ];
}
