import type { Principal } from '../../domain/auth/principal';
import { localDateOf } from '../../domain/pack/pack-validity';
import { validityContext, versionWindows } from '../../engine/definitions/effective-version';
import { revisionWindows } from '../../engine/definitions/pack-revision-views';
import { extensionHistory, grantExtension } from '../../engine/definitions/validity-extensions';
import type { AppDeps } from '../app-deps';
import { defineRoute, type JsonSchema, type RouteDef } from '../route-definition';

const ADMIN = { roles: ['admin'] } as const;
const TAGS = ['admin'];
const date: JsonSchema = { type: 'string', format: 'date' };
const nullableDate: JsonSchema = { type: ['string', 'null'], format: 'date' };
const windowSchema: JsonSchema = { type: 'object', required: ['from', 'to'], properties: { from: nullableDate, to: nullableDate } };
const extensionBody: JsonSchema = {
  type: 'object',
  required: ['extendedTo', 'reason'],
  additionalProperties: false,
  properties: {
    extendedTo: { ...date, description: 'New last valid local date (inclusive); must be after the current end' },
    reason: { type: 'string', minLength: 1, maxLength: 2000, description: 'Why the rules keep applying (e.g. the successor regulation is not yet issued)' },
  },
};
const extensionSchema: JsonSchema = {
  type: 'object',
  required: ['id', 'processKey', 'extendedTo', 'reason', 'grantedBy', 'grantedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    processKey: { type: ['string', 'null'], description: 'null = the whole pack' },
    revision: { type: ['string', 'null'], description: 'Label of the pack revision whose versions it extends; null = the original pack' },
    extendedTo: date,
    reason: { type: 'string' },
    grantedBy: { type: ['string', 'null'] },
    grantedAt: { type: 'string', format: 'date-time' },
  },
};
const validitySchema: JsonSchema = {
  type: 'object',
  required: ['today', 'pack', 'procedures', 'extensions', 'revisions'],
  properties: {
    today: date,
    pack: { type: 'object', required: ['from', 'to', 'extendedTo'], properties: { from: nullableDate, to: nullableDate, extendedTo: nullableDate } },
    procedures: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'name', 'effectiveVersion', 'versions'],
        properties: {
          key: { type: 'string' },
          name: { type: 'string' },
          effectiveVersion: { type: ['integer', 'null'], description: 'The version a case started today would take; null = starting is refused' },
          versions: {
            type: 'array',
            items: {
              type: 'object',
              required: ['version', 'own', 'effective', 'effectiveToday'],
              properties: { version: { type: 'integer' }, own: windowSchema, effective: windowSchema, effectiveToday: { type: 'boolean' } },
            },
          },
        },
      },
    },
    extensions: { type: 'array', items: extensionSchema },
    revisions: {
      type: 'array',
      description: "Whole-pack revisions in window order; `pack` above is the current one's window (the latest published, else the original pack)",
      items: {
        type: 'object',
        required: ['id', 'label', 'from', 'to', 'extendedTo', 'status', 'current'],
        properties: { id: { type: 'string', format: 'uuid' }, label: { type: 'string' }, from: date, to: nullableDate, extendedTo: nullableDate, status: { enum: ['draft', 'published'] }, current: { type: 'boolean' } },
      },
    },
  },
};
const keyParams: JsonSchema = { type: 'object', required: ['key'], properties: { key: { type: 'string', minLength: 1, maxLength: 100 } } };

const actorOf = (p: Principal) => ({ id: p.userId, label: p.login });

/**
 * Validity windows and 延期适用 (admins only): what is in effect today and
 * why, and the audited extensions that keep a procedure or the whole pack
 * starting cases past its sunset.
 */
export function adminValidityRoutes(deps: Pick<AppDeps, 'clock' | 'audit'>): RouteDef[] {
  const created = (row: Awaited<ReturnType<typeof grantExtension>>) => ({
    status: 201,
    body: { id: row.id, processKey: row.processKey ?? null, extendedTo: row.extendedTo, reason: row.reason, grantedBy: row.grantedBy ?? null, grantedAt: row.grantedAt },
  });
  return [
    defineRoute({
      method: 'get',
      path: '/api/admin/validity',
      operationId: 'adminGetValidity',
      summary: "The pack's window, each procedure's versions with their windows and whether they are in effect today, and the extensions granted",
      tags: TAGS,
      auth: ADMIN,
      responses: { 200: { description: 'Validity overview', schema: validitySchema }, 403: { description: 'Not an admin' } },
      async handler({ principal, em }) {
        const tenantId = principal!.tenantId;
        const now = deps.clock.now();
        const ctx = await validityContext(em, tenantId);
        const windows = await versionWindows(em, tenantId, now);
        const byKey = new Map<string, typeof windows>();
        for (const w of windows) byKey.set(w.processKey, [...(byKey.get(w.processKey) ?? []), w]);
        const procedures = [...byKey.entries()].map(([key, versions]) => ({
          key,
          name: versions[0]!.name,
          effectiveVersion: versions.find((v) => v.effectiveToday)?.version ?? null,
          versions: versions.map((v) => ({ version: v.version, own: v.own, effective: v.effective, effectiveToday: v.effectiveToday })),
        }));
        return {
          body: { today: localDateOf(now), pack: { ...ctx.pack, extendedTo: ctx.packExtension }, procedures, extensions: await extensionHistory(em, tenantId), revisions: await revisionWindows(em, tenantId) },
        };
      },
    }),
    defineRoute<{ key: string }, Record<string, never>, { extendedTo: string; reason: string }>({
      method: 'post',
      path: '/api/admin/procedures/:key/extensions',
      operationId: 'adminExtendProcedure',
      summary: 'Grant 延期适用 to one procedure: new cases may start on its newest version until extendedTo (audited validity.extended)',
      tags: TAGS,
      auth: ADMIN,
      params: keyParams,
      body: extensionBody,
      responses: { 201: { description: 'Granted', schema: extensionSchema }, 404: { description: 'No such procedure' }, 422: { description: 'extendedTo is not after the current end' } },
      async handler({ principal, em, params, body }) {
        return created(await grantExtension(em, deps, { tenantId: principal!.tenantId, processKey: params.key, extendedTo: body.extendedTo, reason: body.reason, actor: actorOf(principal!) }));
      },
    }),
    defineRoute<Record<string, never>, Record<string, never>, { extendedTo: string; reason: string }>({
      method: 'post',
      path: '/api/admin/pack/extensions',
      operationId: 'adminExtendPack',
      summary: 'Grant 延期适用 to the whole pack: every procedure may start cases until extendedTo unless it has its own extension (audited validity.extended)',
      tags: TAGS,
      auth: ADMIN,
      body: extensionBody,
      responses: { 201: { description: 'Granted', schema: extensionSchema }, 422: { description: 'extendedTo is not after the current end' } },
      async handler({ principal, em, body }) {
        return created(await grantExtension(em, deps, { tenantId: principal!.tenantId, processKey: null, extendedTo: body.extendedTo, reason: body.reason, actor: actorOf(principal!) }));
      },
    }),
  ];
}
