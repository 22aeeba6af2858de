import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { AuditActor, AuditEntry, AuditLog } from '../../domain/audit/audit-log';
import { ConflictError, NotFoundError, ValidationError } from '../../errors/problem-error';
import type { ActionRegistry } from '../actions/action-registry';
import { DefinitionDrafts, type XmlFieldError } from './definition-drafts';
import type { DefinitionService } from './definition-service';
import { validityContext } from './effective-version';
import type { FormService } from './form-service';
import { revisionViews, type RevisionView } from './pack-revision-views';

/** One procedure that keeps a revision from being published, with the same errors the procedure publish route gives. */
export interface RevisionProcedureProblem {
  key: string;
  name: string;
  errors: XmlFieldError[];
}

/**
 * Thrown when publishing a revision finds procedures that would not publish:
 * a 422 listing every one of them (`procedures`, each with the procedure
 * publish route's `/body/xml` errors) so the admin fixes them all at once;
 * `errors` repeats them flat, at `/procedures/<key>/xml`.
 */
export class RevisionPublishError extends ValidationError {
  constructor(readonly procedures: RevisionProcedureProblem[]) {
    super(
      `The revision cannot be published: ${procedures.length} procedure(s) have problems (${procedures.map((p) => `${p.name} (${p.key})`).join(', ')}). Nothing was published.`,
      procedures.flatMap((p) => p.errors.map((e) => ({ ...e, pointer: `/procedures/${p.key}/xml`, message: `${p.key}: ${e.message}` }))),
    );
    Object.assign(this.extensions, { procedures });
  }
}

/** What an admin gives to start a revision. */
export interface NewRevision {
  label: string;
  title?: string | null;
  documentNumber?: string | null;
  effectiveFrom: string;
  effectiveTo?: string | null;
}

type Deps = { clock: Clock; audit: AuditLog; forms: FormService; actions: ActionRegistry; definitions: DefinitionService };

/**
 * Whole-pack successors (e.g. 「2025年修订」): clone every procedure into a
 * designer draft, let admins edit them in the normal designer, then publish
 * them all at once under the revision, whose window then bounds them. The
 * predecessor's versions keep the predecessor's window, so its sunset and
 * its 延期适用 stay its own, and the successor is never cut by them.
 */
export class PackRevisions {
  private readonly drafts: DefinitionDrafts;

  constructor(private readonly deps: Deps) {
    this.drafts = new DefinitionDrafts(deps);
  }

  /** Every revision of the county, newest first. */
  listRevisions(em: EntityManager, tenantId: string): Promise<RevisionView[]> {
    return revisionViews(em, tenantId, this.drafts);
  }

  /**
   * Start a revision: its row (a draft) and a designer draft of every
   * procedure from its latest published diagram, in one transaction.
   * @throws ValidationError (422) when the window ends before it starts or does not start after the current revision's start.
   * @throws ConflictError (409) when a draft revision exists, the label is taken, or a procedure already has a designer draft
   *   (listed in `procedures`: someone's unpublished work is never overwritten).
   */
  async createRevision(em: EntityManager, input: NewRevision & { tenantId: string; actor: AuditActor }): Promise<RevisionView> {
    const effectiveTo = input.effectiveTo ?? null;
    if (effectiveTo !== null && effectiveTo < input.effectiveFrom) {
      throw new ValidationError('The revision ends before it starts.', [{ pointer: '/body/effectiveTo', message: `must not be before effectiveFrom (${input.effectiveFrom})` }]);
    }
    const id = await em.transactional(async (tx) => {
      const [draft] = await tx.execute<{ label: string }[]>("select label from pack_revision where tenant_id = ? and status = 'draft'", [input.tenantId]);
      if (draft) throw new ConflictError(`Revision "${draft.label}" is already being prepared; publish or discard it before starting another.`, { revision: draft.label });
      const [taken] = await tx.execute<{ id: string }[]>('select id from pack_revision where tenant_id = ? and label = ?', [input.tenantId, input.label]);
      if (taken) throw new ConflictError(`A revision labelled "${input.label}" already exists.`);
      const pending = await tx.execute<{ key: string; name: string | null; xml: string; updated_at: string | Date; updated_by: string | null }[]>(
        `select d.process_key as key, (select v.name from definition_version v where v.tenant_id = d.tenant_id and v.process_key = d.process_key order by v.version desc limit 1) as name,
                d.xml, d.updated_at, u.display_name as updated_by
           from definition_draft d left join app_user u on u.id = d.updated_by where d.tenant_id = ? order by d.process_key`,
        [input.tenantId],
      );
      if (pending.length) {
        const procedures = await Promise.all(pending.map(async (p) => ({ key: p.key, name: p.name ?? (await this.drafts.draftName(p.xml, p.key)), updatedAt: new Date(p.updated_at), updatedBy: p.updated_by })));
        throw new ConflictError(
          `These procedures have unpublished designer drafts: ${procedures.map((p) => `${p.name} (${p.key})`).join(', ')}. Publish or discard them before starting a revision, so nobody's work is overwritten.`,
          { procedures },
        );
      }
      const ctx = await validityContext(tx, input.tenantId);
      if (ctx.pack.from !== null && input.effectiveFrom <= ctx.pack.from) {
        throw new ValidationError('A revision must start after the current pack does.', [{ pointer: '/body/effectiveFrom', message: `must be after ${ctx.pack.from}` }]);
      }
      const now = this.deps.clock.now();
      const revisionId = randomUUID();
      await tx.execute(
        `insert into pack_revision (id, tenant_id, label, title, document_number, effective_from, effective_to, status, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
        [revisionId, input.tenantId, input.label, input.title ?? null, input.documentNumber ?? null, input.effectiveFrom, effectiveTo, now, input.actor.id],
      );
      const latest = await tx.execute<{ process_key: string; bpmn_xml: string }[]>(
        "select distinct on (process_key) process_key, bpmn_xml from definition_version where tenant_id = ? and status = 'published' order by process_key, version desc",
        [input.tenantId],
      );
      for (const l of latest) {
        await tx.execute('insert into definition_draft (id, tenant_id, process_key, xml, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)', [randomUUID(), input.tenantId, l.process_key, l.bpmn_xml, now, input.actor.id]);
      }
      await this.deps.audit.append(tx, input.tenantId, [
        {
          actor: input.actor,
          action: 'pack.revision.created',
          subject: { type: 'pack_revision', id: revisionId },
          payload: { label: input.label, title: input.title ?? null, documentNumber: input.documentNumber ?? null, effectiveFrom: input.effectiveFrom, effectiveTo, drafts: latest.map((l) => l.process_key) },
        },
      ]);
      return revisionId;
    });
    return this.view(em, input.tenantId, id);
  }

  /**
   * Publish a draft revision: every procedure of the county gets a version
   * under it (from its designer draft, else its latest diagram unchanged,
   * so none is left bound to the predecessor's window), with an open own
   * window so the revision's applies; drafts are deleted, the revision marked
   * published and the pack's title and 文号 updated, all in one transaction
   * (timer starts are rescheduled by the definition service's hooks).
   * @throws RevisionPublishError (422) when any procedure would not publish; nothing is written.
   * @throws NotFoundError (404) / ConflictError (409, already published).
   */
  async publishRevision(em: EntityManager, input: { tenantId: string; id: string; actor: AuditActor }): Promise<RevisionView & { published: { key: string; version: number }[] }> {
    const published = await em.transactional(async (tx) => {
      const revision = await this.lockDraft(tx, input.tenantId, input.id);
      const sources = await tx.execute<{ key: string; name: string | null; draft_xml: string | null; latest_xml: string | null }[]>(
        `with latest as (select distinct on (process_key) process_key, name, bpmn_xml from definition_version where tenant_id = ? and status = 'published' order by process_key, version desc),
              draft as (select process_key, xml from definition_draft where tenant_id = ?)
         select coalesce(l.process_key, d.process_key) as key, l.name, d.xml as draft_xml, l.bpmn_xml as latest_xml
           from latest l full join draft d on d.process_key = l.process_key order by 1`,
        [input.tenantId, input.tenantId],
      );
      const problems: RevisionProcedureProblem[] = [];
      for (const s of sources) {
        // A draft was saved under its key, so it must still define exactly that procedure; a published diagram is republished as it is.
        const report = s.draft_xml !== null ? await this.drafts.check(tx, input.tenantId, s.draft_xml, s.key) : await this.drafts.check(tx, input.tenantId, s.latest_xml!);
        if (report.errors.length) {
          const name = s.name ?? (await this.drafts.draftName(s.draft_xml!, s.key));
          problems.push({ key: s.key, name, errors: report.errors.map((e) => ({ pointer: '/body/xml', message: e.message, ...(e.elementId ? { elementId: e.elementId } : {}), ...(e.rule ? { rule: e.rule } : {}) })) });
        }
      }
      if (problems.length) throw new RevisionPublishError(problems);
      const out: { key: string; version: number }[] = [];
      const audit: AuditEntry[] = [];
      for (const s of sources) {
        const versions = await this.deps.definitions.publish(tx, { tenantId: input.tenantId, xml: s.draft_xml ?? s.latest_xml!, actor: input.actor, effectiveFrom: null, effectiveTo: null, packRevisionId: input.id });
        out.push({ key: s.key, version: versions.find((v) => v.processKey === s.key)!.version });
        if (s.draft_xml !== null) {
          await tx.execute('delete from definition_draft where tenant_id = ? and process_key = ?', [input.tenantId, s.key]);
          audit.push({ actor: input.actor, action: 'definition.draft_deleted', subject: { type: 'definition', id: s.key }, payload: { reason: 'published', packRevision: revision.label } });
        }
      }
      await tx.execute("update pack_revision set status = 'published', published_at = ?, published_by = ? where id = ?", [this.deps.clock.now(), input.actor.id, input.id]);
      const packMeta = { ...(revision.title !== null ? { title: revision.title } : {}), ...(revision.document_number !== null ? { documentNumber: revision.document_number } : {}) };
      if (Object.keys(packMeta).length) {
        await tx.execute(`update tenant set settings = jsonb_set(settings, '{pack}', coalesce(settings -> 'pack', '{}'::jsonb) || ?::jsonb) where id = ?`, [JSON.stringify(packMeta), input.tenantId]);
      }
      audit.push({
        actor: input.actor,
        action: 'pack.revision.published',
        subject: { type: 'pack_revision', id: input.id },
        payload: { label: revision.label, effectiveFrom: revision.effective_from, effectiveTo: revision.effective_to, versions: out },
      });
      await this.deps.audit.append(tx, input.tenantId, audit);
      return out;
    });
    return { ...(await this.view(em, input.tenantId, input.id)), published };
  }

  /**
   * Discard a draft revision: its row goes, nothing else. The designer drafts
   * it created stay (they may hold edits worth keeping) and are returned so
   * the caller can say so; discard them in the designer if unwanted.
   * @throws NotFoundError (404) / ConflictError (409, a published revision is history and stays).
   */
  async discardRevision(em: EntityManager, input: { tenantId: string; id: string; actor: AuditActor }): Promise<{ id: string; label: string; draftsKept: string[] }> {
    return em.transactional(async (tx) => {
      const revision = await this.lockDraft(tx, input.tenantId, input.id);
      await tx.execute('delete from pack_revision where id = ?', [input.id]);
      const kept = await tx.execute<{ process_key: string }[]>('select process_key from definition_draft where tenant_id = ? order by process_key', [input.tenantId]);
      const draftsKept = kept.map((k) => k.process_key);
      await this.deps.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'pack.revision.discarded', subject: { type: 'pack_revision', id: input.id }, payload: { label: revision.label, draftsKept } },
      ]);
      return { id: input.id, label: revision.label, draftsKept };
    });
  }

  private async view(em: EntityManager, tenantId: string, id: string): Promise<RevisionView> {
    const [view] = await revisionViews(em, tenantId, this.drafts, id);
    if (!view) throw new NotFoundError(`No pack revision ${id} in this county.`);
    return view;
  }

  /** The draft revision `id`, locked for the rest of the transaction so two publishes (or a publish and a discard) cannot both run. */
  private async lockDraft(tx: EntityManager, tenantId: string, id: string) {
    const [row] = await tx.execute<{ label: string; title: string | null; document_number: string | null; effective_from: string; effective_to: string | null; status: string }[]>(
      'select label, title, document_number, effective_from::text as effective_from, effective_to::text as effective_to, status from pack_revision where id = ? and tenant_id = ? for update',
      [id, tenantId],
    );
    if (!row) throw new NotFoundError(`No pack revision ${id} in this county.`);
    if (row.status !== 'draft') throw new ConflictError(`Revision "${row.label}" is already published; a published revision cannot be published again or discarded.`);
    return row;
  }
}
