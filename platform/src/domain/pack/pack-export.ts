import type { EntityManager } from '@mikro-orm/postgresql';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { Clock } from '../../clock';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { CalendarService } from '../calendar/calendar-service';
import { ROLES, type Role } from '../org/membership.entity';
import type { DepartmentKind } from '../org/department.entity';
import { Tenant } from '../tenant/tenant.entity';
import { NotFoundError } from '../../errors/problem-error';
import { validityContext } from '../../engine/definitions/effective-version';
import type { PackForm, PackManifest, PackProcedure } from './pack-manifest';

/** The window of the pack revision in force (the original pack's until a successor is published), as pack.json writes it. */
async function currentWindow(em: EntityManager, tenantId: string): Promise<{ from?: string; to?: string }> {
  const { pack } = await validityContext(em, tenantId);
  return { ...(pack.from ? { from: pack.from } : {}), ...(pack.to ? { to: pack.to } : {}) };
}

/** A tenant written out as a pack: the zip and the manifest inside it. */
export interface ExportedPack {
  /** Download name, from the pack id. */
  fileName: string;
  zip: Uint8Array;
  manifest: PackManifest;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const json = (value: unknown) => strToU8(`${JSON.stringify(value, null, 2)}\n`);

/**
 * Give `properties` back the order the form's `ui:order` records, at every
 * level. Stored schemas are jsonb, whose keys come back sorted by length; the
 * author's order survives only in the UI schema, and a person reading the
 * exported file expects the fields as they appear on the form.
 */
function orderedSchema(schema: unknown, ui: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: Json = { ...schema };
  const uiObject = isObject(ui) ? ui : {};
  if (isObject(schema.properties)) {
    const order = Array.isArray(uiObject['ui:order']) ? (uiObject['ui:order'] as unknown[]).filter((k): k is string => typeof k === 'string') : [];
    const keys = [...order.filter((k) => k in (schema.properties as Json)), ...Object.keys(schema.properties).filter((k) => !order.includes(k))];
    out.properties = Object.fromEntries(keys.map((k) => [k, orderedSchema((schema.properties as Json)[k], uiObject[k])]));
  }
  if (isObject(schema.items)) out.items = orderedSchema(schema.items, uiObject.items);
  return out;
}

/**
 * Write a tenant's current definitions as a pack, in the layout of
 * `definitions/<pack>/`: pack.json regenerated from the tenant (departments,
 * role names, settings, forms and procedures lists), the latest published
 * BPMN of every procedure, the latest version of every form and of every
 * calendar. Why: admins edit definitions in the designer, and the result
 * must go back into version control, to another county, or through the
 * pack's scenarios, as the same files a pack author writes. The export is
 * audited (it carries the county's whole rulebook).
 */
export async function exportPack(em: EntityManager, input: { tenantId: string; actor: AuditActor }, deps: { clock: Clock; audit: AuditLog; calendars: CalendarService }): Promise<ExportedPack> {
  return em.transactional(async (tx) => {
    const tenant = await tx.findOne(Tenant, { id: input.tenantId });
    if (!tenant) throw new NotFoundError('No such county.');
    const settings = tenant.settings ?? {};
    const departments = await tx.execute<{ code: string; name: string; kind: DepartmentKind }[]>('select code, name, kind from department where tenant_id = ? order by created_at, code', [input.tenantId]);
    const forms = await tx.execute<{ form_key: string; title: string; schema: Json; ui_schema: Json | null }[]>(
      'select distinct on (form_key) form_key, title, schema, ui_schema from form_version where tenant_id = ? order by form_key, version desc',
      [input.tenantId],
    );
    const procedures = await tx.execute<{ process_key: string; name: string; bpmn_xml: string; legal_basis: string | null }[]>(
      `select distinct on (process_key) process_key, name, bpmn_xml, legal_basis from definition_version
        where tenant_id = ? and status = 'published' order by process_key, version desc`,
      [input.tenantId],
    );
    const calendars = await deps.calendars.list(tx, input.tenantId);

    const files: Zippable = {};
    const packForms: PackForm[] = forms.map((f) => {
      files[`forms/${f.form_key}.schema.json`] = json(orderedSchema(f.schema, f.ui_schema));
      if (f.ui_schema) files[`forms/${f.form_key}.ui.json`] = json(f.ui_schema);
      return { key: f.form_key, title: f.title, schema: `forms/${f.form_key}.schema.json`, ...(f.ui_schema ? { ui: `forms/${f.form_key}.ui.json` } : {}) };
    });
    const packProcedures: PackProcedure[] = procedures.map((p) => {
      files[`processes/${p.process_key}.bpmn`] = strToU8(p.bpmn_xml);
      return { key: p.process_key, title: p.name, file: `processes/${p.process_key}.bpmn`, ...(p.legal_basis ? { legalBasis: p.legal_basis } : {}) };
    });
    for (const c of calendars) files[`calendars/${c.calendarKey}.json`] = json(c.data);
    const defaultCalendar = calendars.find((c) => c.calendarKey === tenant.defaultCalendarKey);

    // Tenants made before pack metadata was kept lack it; fall back to what the tenant itself knows, so the export still loads.
    const meta = settings.pack ?? { title: tenant.name, documentNumber: tenant.packId, jurisdiction: { code: '000000', name: tenant.name } };
    const manifest: PackManifest = {
      id: tenant.packId,
      title: meta.title,
      documentNumber: meta.documentNumber,
      jurisdiction: meta.jurisdiction,
      validity: await currentWindow(tx, input.tenantId),
      tenant: { code: tenant.code, name: tenant.name },
      ...(defaultCalendar ? { defaultCalendar: `calendars/${defaultCalendar.calendarKey}.json` } : {}),
      ...(settings.warningThresholds ? { warningThresholds: settings.warningThresholds } : {}),
      ...(settings.roleNames
        ? { roles: Object.entries(settings.roleNames).filter(([code]) => (ROLES as readonly string[]).includes(code)).map(([code, name]) => ({ code: code as Role, name })) }
        : {}),
      departments: departments.map((d) => ({ code: d.code, name: d.name, kind: d.kind })),
      forms: packForms,
      procedures: packProcedures,
      ...(settings.offlineDelivery ? { offlineDelivery: settings.offlineDelivery } : {}),
      ...(settings.circular ? { circular: settings.circular } : {}),
      ...(settings.publicIntake ? { publicIntake: settings.publicIntake } : {}),
      ...(settings.personalData ? { personalData: settings.personalData } : {}),
    };
    files['pack.json'] = json(manifest);
    const zip = zipSync(files, { level: 6, mtime: deps.clock.now() });

    await deps.audit.append(tx, input.tenantId, [
      {
        actor: input.actor,
        action: 'pack.exported',
        subject: { type: 'tenant', id: input.tenantId },
        payload: { packId: tenant.packId, procedures: packProcedures.length, forms: packForms.length, calendars: calendars.length, bytes: zip.length },
      },
    ]);
    return { fileName: `${tenant.packId}.zip`, zip, manifest };
  });
}
