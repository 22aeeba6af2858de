import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Clock } from '../../clock';
import type { AuditActor, AuditLog } from '../../domain/audit/audit-log';
import { DefinitionVersion } from '../../domain/definition/definition-version.entity';
import { NotFoundError, ValidationError } from '../../errors/problem-error';
import { lintDefinition } from '../../lint/lint-definition';
import type { ActionRegistry } from '../actions/action-registry';
import type { CompiledDefinition, CompiledProcess } from '../model/compiled-model';
import { compileDefinition } from '../parse/compile-definition';
import { parseBpmn } from '../parse/parse-bpmn';
import { DefinitionCache } from '../parse/definition-cache';
import { currentRevisionId, effectiveVersion, findEffectiveVersion } from './effective-version';
import type { FormService } from './form-service';
import type { TenantDefaults } from '../runtime/case-store';

const LOADED_CACHE_SIZE = 1000;

/** A published version with its compiled model. */
export interface LoadedDefinition {
  version: DefinitionVersion;
  definition: CompiledDefinition;
  process: CompiledProcess;
}

/**
 * The version a new case starts on, with the tenant's deadline defaults the
 * new case's execution needs: both come from the same statement, so a start
 * does not read the tenant row again.
 */
export interface EffectiveDefinition extends LoadedDefinition {
  tenant: TenantDefaults;
}

/**
 * Publishing and loading procedure definitions. Publishing lints the XML
 * against the tenant's forms and the action registry and refuses it with
 * every problem at its element; published versions are immutable, and their
 * compiled models are cached by version id.
 */
export class DefinitionService {
  private readonly cache = new DefinitionCache();
  /**
   * Loaded versions by id. Published versions are immutable (nothing updates
   * or deletes a definition_version row), so an entry never goes stale; it
   * saves the ORM lookup every command on a running case made. Bounded.
   */
  private readonly loadedById = new Map<string, LoadedDefinition>();
  /** Hooks run after a version is published in the same transaction (timer start events are scheduled here). */
  onPublished: ((em: EntityManager, loaded: LoadedDefinition) => Promise<void>)[] = [];

  constructor(private readonly deps: { clock: Clock; audit: AuditLog; forms: FormService; actions: ActionRegistry }) {}

  /**
   * Publish every process of a BPMN file; an unchanged process (same XML and
   * window) keeps its current version. `effectiveFrom`/`effectiveTo` (local
   * dates, inclusive; omitted = open) bound when new cases may start on it.
   * `packRevisionId` is the pack revision the versions belong to (whose window
   * bounds them); omitted = the county's current revision, so a fix published
   * after a successor took over is not bound to the superseded pack's window.
   */
  async publish(
    em: EntityManager,
    input: { tenantId: string; xml: string; actor: AuditActor; effectiveFrom?: string | null; effectiveTo?: string | null; packRevisionId?: string | null },
  ): Promise<DefinitionVersion[]> {
    const effectiveFrom = input.effectiveFrom ?? null;
    const effectiveTo = input.effectiveTo ?? null;
    if (effectiveFrom && effectiveTo && effectiveTo < effectiveFrom) {
      throw new ValidationError('The validity window ends before it starts.', [{ pointer: '/body/effectiveTo', message: `must not be before effectiveFrom (${effectiveFrom})` }]);
    }
    // Size, DOCTYPE and ENTITY checks come first, before any XML reader (lint's included) sees the text.
    const parsed = await parseBpmn(input.xml);
    const report = await lintDefinition(input.xml, { forms: await this.deps.forms.catalogue(em, input.tenantId), actions: this.deps.actions.names() });
    if (report.errors.length) {
      throw new ValidationError(
        `The procedure cannot be published: ${report.errors.length} problem(s). ${report.errors.map((e) => `${e.elementId}: ${e.message}`).join(' ')}`,
        report.errors.map((e) => ({ pointer: `/bpmn/${e.elementId}`, message: `${e.message} (${e.rule})` })),
      );
    }
    const compiled = compileDefinition(parsed.definitions, { unresolvedReferences: parsed.unresolvedReferences });
    const checksum = createHash('sha256').update(input.xml).digest('hex');
    return em.transactional(async (tx) => {
      const packRevisionId = input.packRevisionId !== undefined ? input.packRevisionId : await currentRevisionId(tx, input.tenantId);
      const published: DefinitionVersion[] = [];
      for (const process of compiled.processes.values()) {
        const latest = await tx.findOne(DefinitionVersion, { tenantId: input.tenantId, processKey: process.key }, { orderBy: { version: 'desc' } });
        if (latest?.checksum === checksum && (latest.effectiveFrom ?? null) === effectiveFrom && (latest.effectiveTo ?? null) === effectiveTo && (latest.packRevisionId ?? null) === packRevisionId) {
          published.push(latest);
          continue;
        }
        const version = tx.create(DefinitionVersion, {
          id: randomUUID(),
          tenantId: input.tenantId,
          processKey: process.key,
          version: (latest?.version ?? 0) + 1,
          name: process.name ?? process.key,
          bpmnXml: input.xml,
          checksum,
          status: 'published',
          publishedAt: this.deps.clock.now(),
          publishedBy: input.actor.id,
          legalBasis: process.legalBasis ?? null,
          effectiveFrom,
          effectiveTo,
          packRevisionId,
        });
        await tx.flush();
        await this.deps.audit.append(tx, input.tenantId, [
          { actor: input.actor, action: 'definition.published', subject: { type: 'definition', id: process.key }, payload: { version: version.version, checksum, effectiveFrom, effectiveTo, ...(packRevisionId ? { packRevisionId } : {}) } },
        ]);
        for (const hook of this.onPublished) await hook(tx, { version, definition: compiled, process });
        published.push(version);
      }
      return published;
    });
  }

  /** The newest published version of a procedure (issue 9 will make this "effective at"). */
  async latest(em: EntityManager, tenantId: string, processKey: string): Promise<LoadedDefinition> {
    const version = await em.findOne(DefinitionVersion, { tenantId, processKey, status: 'published' }, { orderBy: { version: 'desc' } });
    if (!version) throw new NotFoundError(`No published procedure "${processKey}" in this county.`);
    return this.load(em, version);
  }

  /**
   * The version a new case starts on now: the highest published version
   * effective today (its window within the pack's, extensions applied).
   * Refuses with ProcedureNotEffectiveError after the sunset; running cases
   * never come here, they keep their version.
   */
  async effective(em: EntityManager, tenantId: string, processKey: string, at: Date = this.deps.clock.now()): Promise<EffectiveDefinition> {
    const found = await effectiveVersion(em, tenantId, processKey, at);
    if (!found) throw new NotFoundError(`No published procedure "${processKey}" in this county.`);
    return { ...(await this.byId(em, tenantId, found.id)), tenant: found.tenant };
  }

  async byId(em: EntityManager, tenantId: string, versionId: string): Promise<LoadedDefinition> {
    const hit = this.loadedById.get(versionId);
    if (hit && hit.version.tenantId === tenantId) return hit;
    const version = await em.findOne(DefinitionVersion, { id: versionId, tenantId });
    if (!version) throw new NotFoundError(`No definition version ${versionId}.`);
    const loaded = await this.load(em, version);
    if (this.loadedById.size >= LOADED_CACHE_SIZE) this.loadedById.delete(this.loadedById.keys().next().value!);
    this.loadedById.set(versionId, loaded);
    return loaded;
  }

  /**
   * The effective version of every procedure with a message start event for
   * `messageName`. A procedure past its sunset is skipped: the message was not
   * addressed to a person who could be told, and it must not start a case.
   */
  async messageStarts(em: EntityManager, tenantId: string, messageName: string): Promise<LoadedDefinition[]> {
    const keys = await em.execute<{ process_key: string }[]>("select distinct process_key from definition_version where tenant_id = ? and status = 'published' order by process_key", [tenantId]);
    const out: LoadedDefinition[] = [];
    for (const { process_key } of keys) {
      const found = await findEffectiveVersion(em, tenantId, process_key, this.deps.clock.now());
      if (!found.id) continue;
      const loaded = await this.byId(em, tenantId, found.id);
      if (loaded.process.messageStarts.has(messageName)) out.push(loaded);
    }
    return out;
  }

  private async load(em: EntityManager, version: DefinitionVersion): Promise<LoadedDefinition> {
    const definition = await this.cache.get(version.id, async () => {
      const [row] = await em.execute<{ bpmn_xml: string }[]>('select bpmn_xml from definition_version where id = ?', [version.id]);
      return row!.bpmn_xml;
    });
    const process = definition.processes.get(version.processKey);
    if (!process) throw new NotFoundError(`Definition ${version.id} lacks process ${version.processKey}.`);
    return { version, definition, process };
  }
}
