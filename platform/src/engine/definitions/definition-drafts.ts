import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { AuditActor, AuditLog } from '../../domain/audit/audit-log';
import { NotFoundError, ValidationError, type FieldError } from '../../errors/problem-error';
import { lintDefinition } from '../../lint/lint-definition';
import type { ActionRegistry } from '../actions/action-registry';
import { compileDefinition, DefinitionCompileError } from '../parse/compile-definition';
import { children, flag, type BpmnDefinitions } from '../parse/moddle-node';
import { DefinitionParseError, parseBpmn, type ParsedBpmn } from '../parse/parse-bpmn';
import type { DefinitionService } from './definition-service';
import type { FormService } from './form-service';

/** One problem of a diagram, at its element when it has one: what the designer marks on the canvas. */
export interface DesignIssue {
  elementId: string | null;
  /** The lint rule ("cm/user-task-has-form"), or null for parse and compile problems. */
  rule: string | null;
  message: string;
}

/** The publish-time verdict on a diagram: errors refuse publication, warnings do not. */
export interface DesignReport {
  errors: DesignIssue[];
  warnings: DesignIssue[];
}

/** A saved draft as the designer reopens it. */
export interface DraftView {
  key: string;
  xml: string;
  updatedAt: Date;
  /** Display name of whoever saved it last. */
  updatedBy: string | null;
}

/** A 422 field error for the XML of a request, carrying the element and rule so the UI can mark them. */
export type XmlFieldError = FieldError & { elementId?: string; rule?: string };

/**
 * The designer's side of procedure definitions: drafts (one working copy
 * per procedure, saved as often as the admin likes, never linted, since a
 * half-drawn diagram is normal), the publish-time check as a dry run, and
 * publishing a procedure from the designer, which also discards its draft in
 * the publishing transaction so a published diagram never lingers as an
 * "unsaved change".
 */
export class DefinitionDrafts {
  constructor(private readonly deps: { clock: Clock; audit: AuditLog; forms: FormService; actions: ActionRegistry; definitions: DefinitionService }) {}

  /**
   * Lint and compile a diagram exactly as publishing would, writing nothing.
   * With `expectedKey`, the file must also define that procedure and no other.
   */
  async check(em: EntityManager, tenantId: string, xml: string, expectedKey?: string): Promise<DesignReport> {
    let parsed: ParsedBpmn;
    try {
      // Size, DOCTYPE and ENTITY checks run here, before lint's own XML reader sees the text.
      parsed = await parseBpmn(xml);
    } catch (err) {
      if (err instanceof DefinitionParseError) return { errors: [{ elementId: null, rule: null, message: err.message }], warnings: [] };
      throw err;
    }
    const errors: DesignIssue[] = [];
    if (expectedKey !== undefined) {
      const problem = keyProblem(parsed.definitions, expectedKey);
      if (problem) errors.push({ elementId: problem.elementId, rule: null, message: problem.message });
    }
    const lint = await lintDefinition(xml, { forms: await this.deps.forms.catalogue(em, tenantId), actions: this.deps.actions.names() });
    errors.push(...lint.errors.map(issue));
    try {
      compileDefinition(parsed.definitions, { unresolvedReferences: parsed.unresolvedReferences });
    } catch (err) {
      if (!(err instanceof DefinitionCompileError)) throw err;
      // Lint usually names the same element already; the compiler stops at its first problem.
      if (!errors.some((e) => e.elementId === err.elementId)) errors.push({ elementId: err.elementId, rule: null, message: err.reason });
    }
    return { errors, warnings: lint.warnings.map(issue) };
  }

  /**
   * Publish the diagram of procedure `key` from the designer: refused with
   * one field error per problem (element ids included) before anything is
   * written, then one transaction publishes the version (audited by the
   * definition service, hooks included) and deletes the draft.
   * @throws ValidationError (422) listing every problem at `/body/xml`.
   */
  async publish(em: EntityManager, input: { tenantId: string; key: string; xml: string; actor: AuditActor; effectiveFrom?: string | null; effectiveTo?: string | null }): Promise<{ key: string; version: number; unchanged: boolean }> {
    const report = await this.check(em, input.tenantId, input.xml, input.key);
    if (report.errors.length) {
      const errors: XmlFieldError[] = report.errors.map((e) => ({ pointer: '/body/xml', message: e.message, ...(e.elementId ? { elementId: e.elementId } : {}), ...(e.rule ? { rule: e.rule } : {}) }));
      throw new ValidationError(`The procedure cannot be published: ${errors.length} problem(s). ${report.errors.map((e) => `${e.elementId ?? 'file'}: ${e.message}`).join(' ')}`, errors);
    }
    return em.transactional(async (tx) => {
      const [before] = await tx.execute<{ version: number | null }[]>('select max(version) as version from definition_version where tenant_id = ? and process_key = ?', [input.tenantId, input.key]);
      const versions = await this.deps.definitions.publish(tx, { tenantId: input.tenantId, xml: input.xml, actor: input.actor, effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo });
      const version = versions.find((v) => v.processKey === input.key)!;
      await this.deleteDraft(tx, input.tenantId, input.key, input.actor, 'published');
      return { key: input.key, version: version.version, unchanged: Number(before?.version ?? 0) === version.version };
    });
  }

  /** The saved draft of a procedure. @throws NotFoundError when there is none in this county. */
  async get(em: EntityManager, tenantId: string, key: string): Promise<DraftView> {
    const [row] = await em.execute<{ xml: string; updated_at: string | Date; updated_by: string | null }[]>(
      'select d.xml, d.updated_at, u.display_name as updated_by from definition_draft d left join app_user u on u.id = d.updated_by where d.tenant_id = ? and d.process_key = ?',
      [tenantId, key],
    );
    if (!row) throw new NotFoundError(`No draft of procedure "${key}" in this county.`);
    return { key, xml: row.xml, updatedAt: new Date(row.updated_at), updatedBy: row.updated_by };
  }

  /**
   * Save (replace) the draft of procedure `key`. Not linted, but it must be
   * BPMN that parses and defines exactly the procedure it is saved under, so
   * a draft can always be reopened and never shadows another procedure.
   * @throws ValidationError (422, `/body/xml`) otherwise.
   */
  async save(em: EntityManager, input: { tenantId: string; key: string; xml: string; actor: AuditActor }): Promise<void> {
    let parsed: ParsedBpmn;
    try {
      parsed = await parseBpmn(input.xml);
    } catch (err) {
      if (err instanceof DefinitionParseError) throw new ValidationError(err.message, [{ pointer: '/body/xml', message: err.message }]);
      throw err;
    }
    const problem = keyProblem(parsed.definitions, input.key);
    if (problem) throw new ValidationError(problem.message, [{ pointer: '/body/xml', message: problem.message }]);
    const checksum = createHash('sha256').update(input.xml).digest('hex');
    await em.transactional(async (tx) => {
      await tx.execute(
        `insert into definition_draft (id, tenant_id, process_key, xml, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)
         on conflict (tenant_id, process_key) do update set xml = excluded.xml, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
        [randomUUID(), input.tenantId, input.key, input.xml, this.deps.clock.now(), input.actor.id],
      );
      await this.deps.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'definition.draft_saved', subject: { type: 'definition', id: input.key }, payload: { checksum, bytes: Buffer.byteLength(input.xml, 'utf8') } },
      ]);
    });
  }

  /** Discard the draft of a procedure; discarding a draft that does not exist changes (and audits) nothing. */
  async discard(em: EntityManager, input: { tenantId: string; key: string; actor: AuditActor }): Promise<void> {
    await em.transactional((tx) => this.deleteDraft(tx, input.tenantId, input.key, input.actor, 'discarded'));
  }

  /** The name of the process a draft defines, for procedures that exist only as a draft (the key when unreadable). */
  async draftName(xml: string, key: string): Promise<string> {
    try {
      const { definitions } = await parseBpmn(xml);
      const process = executableProcesses(definitions).find((p) => p.id === key);
      return typeof process?.name === 'string' && process.name.trim() !== '' ? process.name : key;
    } catch {
      return key;
    }
  }

  private async deleteDraft(tx: EntityManager, tenantId: string, key: string, actor: AuditActor, reason: 'published' | 'discarded'): Promise<void> {
    const result = await tx.execute<{ affectedRows: number }>('delete from definition_draft where tenant_id = ? and process_key = ?', [tenantId, key], 'run');
    if (result.affectedRows > 0) {
      await this.deps.audit.append(tx, tenantId, [{ actor, action: 'definition.draft_deleted', subject: { type: 'definition', id: key }, payload: { reason } }]);
    }
  }
}

function issue(i: { elementId: string; rule: string; message: string }): DesignIssue {
  return { elementId: i.elementId === '' ? null : i.elementId, rule: i.rule, message: i.message };
}

function executableProcesses(definitions: BpmnDefinitions): { id?: string; name?: string }[] {
  return children(definitions, 'rootElements').filter((node) => node.$type === 'bpmn:Process' && flag(node, 'isExecutable') !== false);
}

/** Why a file is not the diagram of procedure `key`: one executable process, whose id is the key. */
function keyProblem(definitions: BpmnDefinitions, key: string): { elementId: string | null; message: string } | undefined {
  const processes = executableProcesses(definitions);
  if (processes.length !== 1) {
    return { elementId: null, message: `The file must contain exactly one executable bpmn:process (the procedure "${key}"); it contains ${processes.length}.` };
  }
  const id = processes[0]!.id ?? '';
  if (id !== key) return { elementId: id || null, message: `The process id is "${id}", but this is procedure "${key}"; the process id is the procedure's key.` };
  return undefined;
}
