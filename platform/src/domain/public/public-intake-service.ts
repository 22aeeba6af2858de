import { createHash, randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import stableStringify from 'fast-json-stable-stringify';
import type { Clock } from '../../clock';
import type { AuditActor, AuditLog } from '../audit/audit-log';
import type { Engine } from '../../engine/engine';
import type { DefinitionService } from '../../engine/definitions/definition-service';
import type { FormService } from '../../engine/definitions/form-service';
import { FormVersion } from '../definition/form-version.entity';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../../errors/problem-error';
import type { PackPublicIntake } from '../pack/pack-manifest';
import type { TenantSettings } from '../tenant/tenant.entity';
import { RateLimiter, type RateRule } from './rate-limiter';
import { generateReceiptCode, normaliseReceiptCode } from './receipt-code';

/** Submissions per client address when the pack sets no limits (the pack manifest documents the same). */
export const DEFAULT_SUBMISSION_LIMITS = { perAddressPerHour: 5, perAddressPerDay: 20 };

/** Status lookups: per address, and wrong receipt codes per county before every lookup there pauses. */
export interface LookupLimits {
  perAddressPerHour: number;
  missesPerTenantPerHour: number;
}
export const DEFAULT_LOOKUP_LIMITS: LookupLimits = { perAddressPerHour: 60, missesPerTenantPerHour: 1000 };

/** The same normalised content is refused for this long after it was first accepted. */
export const DUPLICATE_WINDOW_SECONDS = 24 * 3600;

/**
 * A field people never see (the public page hides it) but form-filling bots
 * fill in. Ignored when the intake form itself declares a field of this name.
 */
export const HONEYPOT_FIELD = 'website';

/** Where the answer to the public is read from when the settings name no variable. */
export const DEFAULT_REPLY_VARIABLE = 'replyContent';

/** The public as an audit actor: no user id, and nothing that identifies the person. */
export const PUBLIC_ACTOR: AuditActor = { id: null, label: 'public' };

type IntakeSettings = PackPublicIntake;

export type PublicStatus = 'received' | 'in_progress' | 'answered' | 'closed';
const STATUS_TEXT: Record<PublicStatus, string> = { received: '已受理', in_progress: '办理中', answered: '已答复', closed: '已办结' };

export interface SubmissionReceipt {
  receiptCode: string;
  receivedAt: string;
  legalBasis: string | null;
}

/** All the public learns about a submission: never case variables beyond the reply, never internal notes. */
export interface PublicStatusView {
  receiptCode: string;
  receivedAt: string;
  status: PublicStatus;
  statusText: string;
  answeredAt?: string;
  reply?: string;
}

export interface IntakeForm {
  procedure: string;
  name: string;
  legalBasis: string | null;
  form: { formKey: string; version: number; title: string; schema: Record<string, unknown>; uiSchema: Record<string, unknown> | null };
}

export interface PublicIntakeDeps {
  clock: Clock;
  audit: AuditLog;
  engine: Engine;
  forms: FormService;
  definitions: DefinitionService;
  /** Status lookup limits; the defaults suit production. */
  lookupLimits?: LookupLimits;
}

/** The same answer for an unknown county, a county without intake and an unknown code, so none can be told apart. */
const UNKNOWN_RECEIPT = 'No submission with this receipt code.';
const HOUR = 3600;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Reports and suggestions from the public (社会监督), without a login. A
 * submission starts a case of the procedure the county's pack names and
 * hands back a receipt code, the submitter's only way to follow it up.
 *
 * Abuse limits: per-address counters (every attempt counts, refused ones
 * too, and they are committed whatever becomes of the attempt), the same
 * content refused for a day, and a honeypot field. Addresses are only
 * ever stored or keyed as SHA-256 hashes salted with the tenant id.
 */
export class PublicIntakeService {
  private readonly limiter: RateLimiter;
  private readonly lookupLimits: LookupLimits;

  constructor(readonly deps: PublicIntakeDeps) {
    this.limiter = new RateLimiter(deps.clock);
    this.lookupLimits = deps.lookupLimits ?? DEFAULT_LOOKUP_LIMITS;
  }

  /** The start form of the intake procedure, so the public page can render it. */
  async intakeForm(em: EntityManager, tenantCode: string): Promise<IntakeForm> {
    const intake = await this.requireIntake(em, tenantCode);
    const loaded = await this.deps.definitions.effective(em, intake.tenantId, intake.settings.procedure);
    const form = await this.startForm(em, intake.tenantId, intake.settings.procedure);
    return {
      procedure: loaded.process.key,
      name: loaded.version.name,
      legalBasis: intake.settings.legalBasis ?? loaded.version.legalBasis ?? null,
      form: { formKey: form.formKey, version: form.version, title: form.title, schema: form.schema, uiSchema: form.uiSchema ?? null },
    };
  }

  /**
   * Accept a report: rate limits, honeypot, duplicate gate, then a case of
   * the intake procedure (its start form validates the payload; field
   * errors point at /body/<field>), the receipt and one audit entry that
   * carries no personal data.
   */
  async submit(em: EntityManager, input: { tenantCode: string; payload: Record<string, unknown>; clientAddress: string }): Promise<SubmissionReceipt> {
    const { tenantId, settings } = await this.requireIntake(em, input.tenantCode);
    const addressHash = sha256(`${tenantId}\n${input.clientAddress}`);
    const limits = settings.limits ?? DEFAULT_SUBMISSION_LIMITS;
    await this.enforce(em, 'Too many submissions from your network; try again later.', [
      [`public:submit:hour:${tenantId}:${addressHash}`, { limit: limits.perAddressPerHour, windowSeconds: HOUR }],
      [`public:submit:day:${tenantId}:${addressHash}`, { limit: limits.perAddressPerDay, windowSeconds: 24 * HOUR }],
    ]);
    await this.limiter.cleanup(em);
    const legalBasis = settings.legalBasis ?? null;
    const form = await this.startForm(em, tenantId, settings.procedure);
    const { payload, trapped } = stripHoneypot(input.payload, form.schema);
    // A bot gets the answer a person would, so it has no reason to adapt; nothing is stored.
    if (trapped) return { receiptCode: generateReceiptCode(), receivedAt: this.deps.clock.now().toISOString(), legalBasis };
    const contentHash = sha256(stableStringify(normaliseContent(payload)));

    return em.transactional(async (tx) => {
      // A counter, not a select on public_submission: the upsert locks the key, so two identical submissions racing
      // cannot both pass, and it rolls back with a submission that fails validation.
      const duplicate = await this.limiter.hit(tx, `public:dup:${tenantId}:${contentHash}`, { limit: 1, windowSeconds: DUPLICATE_WINDOW_SECONDS });
      if (!duplicate.allowed) throw new ConflictError('This report has already been received; it is not registered twice.');
      const { caseId } = await this.startCase(tx, tenantId, settings.procedure, payload);
      const now = this.deps.clock.now();
      const receiptCode = generateReceiptCode();
      const id = randomUUID();
      await tx.execute('insert into public_submission (id, tenant_id, receipt_code, case_id, content_hash, address_hash, created_at) values (?, ?, ?, ?, ?, ?, ?)', [
        id,
        tenantId,
        receiptCode,
        caseId,
        contentHash,
        addressHash,
        now,
      ]);
      await this.deps.audit.append(tx, tenantId, [{ actor: PUBLIC_ACTOR, action: 'public.submitted', subject: { type: 'case', id: caseId }, payload: { submissionId: id, procedure: settings.procedure } }]);
      return { receiptCode, receivedAt: now.toISOString(), legalBasis };
    });
  }

  /**
   * The public view of a submission. Rate-limited per address, and wrong
   * codes count against a per-county cap: once it is reached, every lookup
   * in the county pauses (refusing only misses would still tell hits apart).
   */
  async status(em: EntityManager, input: { tenantCode: string; receiptCode: string; clientAddress: string }): Promise<PublicStatusView> {
    const intake = await this.findIntake(em, input.tenantCode);
    if (!intake) throw new NotFoundError(UNKNOWN_RECEIPT);
    const { tenantId, settings } = intake;
    const addressHash = sha256(`${tenantId}\n${input.clientAddress}`);
    const missKey = `public:miss:${tenantId}`;
    await this.enforce(em, 'Too many status lookups from your network; try again later.', [[`public:status:${tenantId}:${addressHash}`, { limit: this.lookupLimits.perAddressPerHour, windowSeconds: HOUR }]]);
    const misses = await this.limiter.peek(em, missKey, this.lookupLimits.missesPerTenantPerHour);
    if (!misses.allowed) throw new TooManyRequestsError('Status lookups are paused for a while; try again later.', misses.retryAfterSeconds);
    await this.limiter.cleanup(em);

    const code = normaliseReceiptCode(input.receiptCode);
    const [row] = code
      ? await em.execute<{ receipt_code: string; created_at: string | Date; status: string; ended_at: string | Date | null; reply: unknown; touched: boolean }[]>(
          `select ps.receipt_code, ps.created_at, c.status, c.ended_at, c.variables -> ?::text as reply,
                  exists (select 1 from task t where t.tenant_id = ps.tenant_id and t.case_id = c.id and t.status <> 'open') as touched
             from public_submission ps join case_instance c on c.id = ps.case_id and c.tenant_id = ps.tenant_id
            where ps.tenant_id = ? and ps.receipt_code = ?`,
          [settings.replyVariable ?? DEFAULT_REPLY_VARIABLE, tenantId, code],
        )
      : [];
    if (!row) {
      await this.limiter.hit(em, missKey, { limit: this.lookupLimits.missesPerTenantPerHour, windowSeconds: HOUR });
      throw new NotFoundError(UNKNOWN_RECEIPT);
    }
    const reply = typeof row.reply === 'string' && row.reply.trim() !== '' ? row.reply : undefined;
    const status: PublicStatus =
      row.status === 'completed' ? (reply ? 'answered' : 'closed') : row.status === 'terminated' ? 'closed' : row.touched ? 'in_progress' : 'received';
    return {
      receiptCode: row.receipt_code,
      receivedAt: new Date(row.created_at).toISOString(),
      status,
      statusText: STATUS_TEXT[status],
      ...(status === 'answered' ? { answeredAt: new Date(row.ended_at!).toISOString(), reply } : {}),
    };
  }

  /** Start the case; the engine's start-form errors point at /body/variables/…, which for this route is /body/…. */
  private async startCase(em: EntityManager, tenantId: string, processKey: string, variables: Record<string, unknown>): Promise<{ caseId: string }> {
    try {
      return await this.deps.engine.startCase(em, { tenantId, processKey, variables, actor: PUBLIC_ACTOR });
    } catch (err) {
      if (!(err instanceof ValidationError) || err.errors.length === 0) throw err;
      const errors = err.errors.map((e) => ({ ...e, pointer: e.pointer.replace(/^\/body\/variables(?=\/|$)/, '/body') }));
      throw new ValidationError(`The submission is invalid: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}.`, errors);
    }
  }

  /** Count a hit on every key (all of them, so a refused attempt still counts everywhere) and refuse if any is over. */
  private async enforce(em: EntityManager, detail: string, rules: [string, RateRule][]): Promise<void> {
    let retryAfter = 0;
    for (const [key, rule] of rules) {
      const verdict = await this.limiter.hit(em, key, rule);
      if (!verdict.allowed) retryAfter = Math.max(retryAfter, verdict.retryAfterSeconds);
    }
    if (retryAfter > 0) throw new TooManyRequestsError(detail, retryAfter);
  }

  private async findIntake(em: EntityManager, tenantCode: string): Promise<{ tenantId: string; settings: IntakeSettings } | null> {
    const [row] = await em.execute<{ id: string; settings: TenantSettings | null }[]>('select id, settings from tenant where code = ?', [tenantCode]);
    const settings = row?.settings?.publicIntake as IntakeSettings | undefined;
    return row && settings?.procedure ? { tenantId: row.id, settings } : null;
  }

  private async requireIntake(em: EntityManager, tenantCode: string): Promise<{ tenantId: string; settings: IntakeSettings }> {
    const intake = await this.findIntake(em, tenantCode);
    if (!intake) throw new NotFoundError(`No county "${tenantCode}" takes public submissions here.`);
    return intake;
  }

  /**
   * The start form of the intake procedure's version in effect (the one a submission starts on). A procedure
   * without one would take any JSON as case data, so it is treated as not
   * set up rather than opened to the public unchecked.
   */
  private async startForm(em: EntityManager, tenantId: string, processKey: string): Promise<FormVersion> {
    const loaded = await this.deps.definitions.effective(em, tenantId, processKey);
    const start = loaded.process.noneStartId ? loaded.process.elements.get(loaded.process.noneStartId)?.startForm : undefined;
    if (!start) throw new NotFoundError(`Public intake is not set up here: procedure "${processKey}" has no start form.`);
    const ref = await this.deps.forms.resolve(em, tenantId, start.formKey, start.formVersion);
    return em.findOneOrFail(FormVersion, { id: ref.id });
  }
}

/** Drop the honeypot field (unless the form declares it); `trapped` when a bot filled it in. */
function stripHoneypot(payload: Record<string, unknown>, schema: Record<string, unknown>): { payload: Record<string, unknown>; trapped: boolean } {
  const declared = Object.hasOwn((schema.properties as Record<string, unknown> | undefined) ?? {}, HONEYPOT_FIELD);
  if (declared || !Object.hasOwn(payload, HONEYPOT_FIELD)) return { payload, trapped: false };
  const { [HONEYPOT_FIELD]: bait, ...rest } = payload;
  const trapped = !(bait === null || bait === undefined || bait === false || (typeof bait === 'string' && bait.trim() === ''));
  return { payload: rest, trapped };
}

/** Strings compared as people read them: NFKC (full-width → half-width), runs of whitespace as one space, trimmed. */
function normaliseContent(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFKC').replace(/\s+/g, ' ').trim();
  if (Array.isArray(value)) return value.map(normaliseContent);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normaliseContent(v)]));
  return value;
}
