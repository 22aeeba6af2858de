import type { EntityManager } from '@mikro-orm/postgresql';
import type { PackRevisionStatus } from '../../domain/definition/pack-revision.entity';
import type { DefinitionDrafts } from './definition-drafts';
import { currentRevisionId, validityContext } from './effective-version';

/** One procedure of a revision as the pack page lists it. */
export interface RevisionProcedure {
  key: string;
  name: string;
  /** The version the revision published (its first in the revision); null while the revision is a draft. */
  version: number | null;
  /** The designer draft the revision will publish; null when it will republish the latest version unchanged (or, once published, always). */
  draft: { updatedAt: Date; updatedBy: string | null } | null;
  /** Draft: its draft differs from the latest published diagram. Published: the version differs from the one before it. */
  changed: boolean;
}

/** A pack revision with who did what, and its procedures. */
export interface RevisionView {
  id: string;
  label: string;
  title: string | null;
  documentNumber: string | null;
  effectiveFrom: string;
  effectiveTo: string | null;
  status: PackRevisionStatus;
  /** The county's current revision (the latest published one): new pack extensions and designer publishes go to it. */
  current: boolean;
  createdAt: Date;
  createdBy: string | null;
  publishedAt: Date | null;
  publishedBy: string | null;
  procedures: RevisionProcedure[];
}

interface RevisionRow {
  id: string;
  label: string;
  title: string | null;
  document_number: string | null;
  effective_from: string;
  effective_to: string | null;
  status: PackRevisionStatus;
  created_at: string | Date;
  created_by: string | null;
  published_at: string | Date | null;
  published_by: string | null;
}

/**
 * The county's revisions, newest first (or the one with `id`), each with its
 * procedures: for the draft, what publishing would publish and from which
 * source; for published ones, what was published. Names are display names.
 */
export async function revisionViews(em: EntityManager, tenantId: string, drafts: DefinitionDrafts, id?: string): Promise<RevisionView[]> {
  const rows = await em.execute<RevisionRow[]>(
    `select r.id, r.label, r.title, r.document_number, r.effective_from::text as effective_from, r.effective_to::text as effective_to, r.status,
            r.created_at, c.display_name as created_by, r.published_at, p.display_name as published_by
       from pack_revision r left join app_user c on c.id = r.created_by left join app_user p on p.id = r.published_by
      where r.tenant_id = ?${id ? ' and r.id = ?' : ''} order by r.created_at desc, r.id desc`,
    id ? [tenantId, id] : [tenantId],
  );
  const current = await currentRevisionId(em, tenantId);
  const out: RevisionView[] = [];
  for (const r of rows) {
    out.push({
      id: r.id,
      label: r.label,
      title: r.title,
      documentNumber: r.document_number,
      effectiveFrom: r.effective_from,
      effectiveTo: r.effective_to,
      status: r.status,
      current: r.id === current,
      createdAt: new Date(r.created_at),
      createdBy: r.created_by,
      publishedAt: r.published_at === null ? null : new Date(r.published_at),
      publishedBy: r.published_by,
      procedures: r.status === 'draft' ? await draftProcedures(em, tenantId, drafts) : await publishedProcedures(em, tenantId, r.id),
    });
  }
  return out;
}

/** Every procedure a draft revision would publish: each published one (from its designer draft if any) and each draft-only one. */
async function draftProcedures(em: EntityManager, tenantId: string, drafts: DefinitionDrafts): Promise<RevisionProcedure[]> {
  const rows = await em.execute<{ key: string; name: string | null; has_draft: boolean; updated_at: string | Date | null; updated_by: string | null; changed: boolean; draft_only_xml: string | null }[]>(
    `with latest as (select distinct on (process_key) process_key, name, bpmn_xml from definition_version where tenant_id = ? and status = 'published' order by process_key, version desc),
          draft as (select process_key, xml, updated_at, updated_by from definition_draft where tenant_id = ?)
     select coalesce(l.process_key, d.process_key) as key, l.name, d.process_key is not null as has_draft, d.updated_at, u.display_name as updated_by,
            (d.process_key is not null and (l.bpmn_xml is null or d.xml <> l.bpmn_xml)) as changed,
            case when l.process_key is null then d.xml end as draft_only_xml
       from latest l full join draft d on d.process_key = l.process_key left join app_user u on u.id = d.updated_by
      order by 1`,
    [tenantId, tenantId],
  );
  const out: RevisionProcedure[] = [];
  for (const r of rows) {
    out.push({
      key: r.key,
      name: r.name ?? (r.draft_only_xml ? await drafts.draftName(r.draft_only_xml, r.key) : r.key),
      version: null,
      draft: r.has_draft ? { updatedAt: new Date(r.updated_at!), updatedBy: r.updated_by } : null,
      changed: Boolean(r.changed),
    });
  }
  return out;
}

/** The version each procedure got when the revision was published (its first in the revision), and whether it changed from the one before. */
async function publishedProcedures(em: EntityManager, tenantId: string, revisionId: string): Promise<RevisionProcedure[]> {
  const rows = await em.execute<{ key: string; name: string; version: number; changed: boolean }[]>(
    `select distinct on (process_key) process_key as key, name, version, changed from (
        select process_key, name, version, pack_revision_id, checksum is distinct from lag(checksum) over (partition by process_key order by version) as changed
          from definition_version where tenant_id = ?) v
      where pack_revision_id = ? order by process_key, version`,
    [tenantId, revisionId],
  );
  return rows.map((r) => ({ key: r.key, name: r.name, version: Number(r.version), draft: null, changed: Boolean(r.changed) }));
}

/** A revision's window as the validity overview shows it (with the latest pack extension granted for it). */
export interface RevisionWindowView {
  id: string;
  label: string;
  from: string;
  to: string | null;
  extendedTo: string | null;
  status: PackRevisionStatus;
  current: boolean;
}

/** Every revision of the county in window order, for GET /api/admin/validity; the original pack is that response's `pack` until a revision is published. */
export async function revisionWindows(em: EntityManager, tenantId: string): Promise<RevisionWindowView[]> {
  const ctx = await validityContext(em, tenantId);
  const rows = await em.execute<{ id: string; label: string; effective_from: string; effective_to: string | null; status: PackRevisionStatus }[]>(
    'select id, label, effective_from::text as effective_from, effective_to::text as effective_to, status from pack_revision where tenant_id = ? order by effective_from, created_at',
    [tenantId],
  );
  return rows.map((r) => ({
    id: r.id,
    label: r.label,
    from: r.effective_from,
    to: r.effective_to,
    extendedTo: ctx.revisions.get(r.id)?.packExtension ?? null,
    status: r.status,
    current: r.id === ctx.currentRevisionId,
  }));
}
