import { withFieldOrder } from '../../forms/field-order';
import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { ValidateFunction } from 'ajv';
import type { Clock } from '../../clock';
import type { AuditActor, AuditLog } from '../../domain/audit/audit-log';
import { FormVersion } from '../../domain/definition/form-version.entity';
import { NotFoundError, ValidationError } from '../../errors/problem-error';
import type { Ajv } from '../../forms/ajv-factory';
import { toFieldErrors } from '../../http/validate-request';
import stableStringify from 'fast-json-stable-stringify';

/** A form version as tasks reference it. */
export interface FormRef {
  id: string;
  formKey: string;
  version: number;
}

const COMPILED_CACHE_SIZE = 500;

/** The error for a form (version) the county does not have; shared with the engine's batched task lookups so both say the same. */
export function formNotFound(formKey: string, version?: number): NotFoundError {
  return new NotFoundError(`No form "${formKey}"${version ? ` version ${version}` : ''} in this county.`);
}

/**
 * Published forms (JSON Schema + UI schema), versioned and immutable, and the
 * server-side validation of every submission against the exact version the
 * task was created with, whatever the browser already checked.
 */
export class FormService {
  /**
   * Compiled validators by tenant, form key and version (versions never
   * change and are never deleted, so entries never go stale; a new version
   * is a new key). Saves loading the schema on every submission.
   */
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly deps: { clock: Clock; audit: AuditLog; ajv: Ajv }) {}

  /** Publish a new version of a form, or return the latest one unchanged when the schema is identical. */
  async publish(
    em: EntityManager,
    input: { tenantId: string; formKey: string; title: string; schema: Record<string, unknown>; uiSchema?: Record<string, unknown> | null; actor: AuditActor },
  ): Promise<FormVersion> {
    const { $id: _ignored, ...schema } = input.schema;
    try {
      this.deps.ajv.compile(schema);
    } catch (err) {
      throw new ValidationError(`Form "${input.formKey}" is not a valid JSON Schema: ${(err as Error).message}`, [{ pointer: '/body/schema', message: (err as Error).message }]);
    }
    const uiSchema = withFieldOrder(schema, input.uiSchema ?? null);
    const checksum = createHash('sha256').update(stableStringify({ schema, ui: uiSchema, title: input.title })).digest('hex');
    return em.transactional(async (tx) => {
      const latest = await tx.findOne(FormVersion, { tenantId: input.tenantId, formKey: input.formKey }, { orderBy: { version: 'desc' } });
      if (latest?.checksum === checksum) return latest;
      const version = tx.create(FormVersion, {
        id: randomUUID(),
        tenantId: input.tenantId,
        formKey: input.formKey,
        version: (latest?.version ?? 0) + 1,
        title: input.title,
        schema,
        uiSchema,
        checksum,
        publishedAt: this.deps.clock.now(),
        publishedBy: input.actor.id,
      });
      await tx.flush();
      await this.deps.audit.append(tx, input.tenantId, [
        { actor: input.actor, action: 'form.published', subject: { type: 'form', id: input.formKey }, payload: { version: version.version, checksum } },
      ]);
      return version;
    });
  }

  /** The given version of a form, or its latest when no version is pinned. */
  async resolve(em: EntityManager, tenantId: string, formKey: string, version?: number): Promise<FormRef> {
    // Raw SQL: this runs for every user task created, and the ORM's query building and hydration cost more than the query.
    const [row] = await em.execute<{ id: string; version: number }[]>(
      version
        ? 'select id, version from form_version where tenant_id = ? and form_key = ? and version = ?'
        : 'select id, version from form_version where tenant_id = ? and form_key = ? order by version desc limit 1',
      version ? [tenantId, formKey, version] : [tenantId, formKey],
    );
    if (!row) throw formNotFound(formKey, version);
    return { id: row.id, formKey, version: Number(row.version) };
  }

  /** Every form key with its versions: the context publish-time lint checks form references against. */
  async catalogue(em: EntityManager, tenantId: string): Promise<{ key: string; versions: number[] }[]> {
    const rows = await em.execute<{ form_key: string; versions: number[] }[]>(
      'select form_key, array_agg(version order by version) as versions from form_version where tenant_id = ? group by form_key order by form_key',
      [tenantId],
    );
    return rows.map((r) => ({ key: r.form_key, versions: r.versions.map(Number) }));
  }

  /**
   * Check a submission against its form version; throws ValidationError with
   * one field error per problem, pointing into `pointer` (the request part
   * that carried the data: `/body/data` for a task, `/body/variables` for a start).
   */
  async validate(em: EntityManager, tenantId: string, formKey: string, version: number, data: unknown, pointer = '/body/data'): Promise<void> {
    const validate = await this.validator(em, tenantId, formKey, version);
    if (!validate(data)) {
      const errors = toFieldErrors(pointer.replace(/^\//, ''), validate.errors);
      throw new ValidationError(`The form data is invalid: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}.`, errors);
    }
  }

  private async validator(em: EntityManager, tenantId: string, formKey: string, version: number): Promise<ValidateFunction> {
    const key = `${tenantId}\u0000${formKey}\u0000${version}`;
    let validate = this.compiled.get(key);
    if (validate) return validate;
    const [row] = await em.execute<{ schema: Record<string, unknown> }[]>('select schema from form_version where tenant_id = ? and form_key = ? and version = ?', [tenantId, formKey, version]);
    if (!row) throw new NotFoundError(`No form "${formKey}" version ${version} in this county.`);
    validate = this.deps.ajv.compile(row.schema);
    if (this.compiled.size >= COMPILED_CACHE_SIZE) this.compiled.delete(this.compiled.keys().next().value!);
    this.compiled.set(key, validate);
    return validate;
  }
}
