import { Alert, Input } from 'antd';
import { useMemo, useState } from 'react';
import { api, ApiError, type FieldError } from '../../api/client';
import type { PublicIntakeForm, PublicReceipt } from '../../api/types';
import { usePublicText, type PublicKey } from '../../i18n/public-messages';
import { SchemaForm, serverErrorsFor } from '../SchemaForm';
import { ReceiptCard } from './ReceiptCard';

/** The honeypot field the server expects (docs/public-intake.md): hidden from people, tempting to bots. */
const HONEYPOT = 'website';

/** Minutes to wait from a 429's problem document (`retryAfterSeconds`, the same number as the Retry-After header). */
export function retryMinutes(err: ApiError): number {
  const seconds = Number((err.problem as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 1;
}

/**
 * Required yes/no fields start as "no": an unticked checkbox is an answer,
 * and without it rjsf would report the field missing (the Qufu form's
 * 是否匿名 is such a field).
 */
function initialData(schema: Record<string, unknown>): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, { type?: unknown; default?: unknown }>;
  const required = Array.isArray(schema.required) ? (schema.required as string[]) : [];
  const data: Record<string, unknown> = {};
  for (const name of required) if (properties[name]?.type === 'boolean' && properties[name]?.default === undefined) data[name] = false;
  return data;
}

/**
 * The intake form (the county's own JSON Schema, rendered by SchemaForm)
 * and what becomes of a submission: the receipt, or a message for each way
 * the server refuses one (field errors, too frequent, already received).
 */
export function PublicSubmitTab({ tenant, intake, onLookup }: { tenant: string; intake: PublicIntakeForm; onLookup(code: string): void }) {
  const t = usePublicText();
  // The header card shows the form's title and description already.
  const schema = useMemo(() => {
    const { title: _title, description: _description, ...rest } = intake.form.schema;
    return rest;
  }, [intake.form.schema]);
  const hasHoneypot = !Object.prototype.hasOwnProperty.call(intake.form.schema.properties ?? {}, HONEYPOT);
  const [formData, setFormData] = useState<Record<string, unknown>>(() => initialData(intake.form.schema));
  const [trap, setTrap] = useState('');
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  // Kept as a key, not a sentence, so the message follows a language switch.
  const [problem, setProblem] = useState<{ type: 'error' | 'warning'; key: PublicKey; vars?: Record<string, string | number> }>();
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<PublicReceipt>();

  const submit = async (data: Record<string, unknown>) => {
    setBusy(true);
    setProblem(undefined);
    setServerErrors([]);
    try {
      const body = hasHoneypot && trap ? { ...data, [HONEYPOT]: trap } : data;
      setReceipt(await api.post<PublicReceipt>(`/api/public/${encodeURIComponent(tenant)}/submissions`, body));
    } catch (err) {
      if (!(err instanceof ApiError)) setProblem({ type: 'error', key: 'pub.failed', vars: { detail: String(err) } });
      else if (err.status === 422) {
        const fields = serverErrorsFor(err, '/body');
        setServerErrors(fields);
        setProblem(fields.length ? { type: 'error', key: 'pub.invalid' } : { type: 'error', key: 'pub.failed', vars: { detail: err.message } });
      } else if (err.status === 429) setProblem({ type: 'warning', key: 'pub.tooMany', vars: { minutes: retryMinutes(err) } });
      else if (err.status === 409) setProblem({ type: 'warning', key: 'pub.duplicate' });
      else if (err.status === 404) setProblem({ type: 'error', key: 'pub.noIntake' });
      else setProblem({ type: 'error', key: 'pub.failed', vars: { detail: err.message } });
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <ReceiptCard
        receipt={receipt}
        onLookup={() => onLookup(receipt.receiptCode)}
        onAnother={() => {
          setReceipt(undefined);
          setFormData(initialData(intake.form.schema));
        }}
      />
    );
  }
  return (
    <div data-testid="public-form">
      {problem && <Alert type={problem.type} showIcon title={t(problem.key, problem.vars)} style={{ marginBottom: 16 }} data-testid="public-submit-problem" />}
      <SchemaForm
        schema={schema}
        uiSchema={intake.form.uiSchema}
        formData={formData}
        onChange={setFormData}
        onSubmit={submit}
        serverErrors={serverErrors}
        submitLabel={busy ? t('pub.submitting') : t('pub.submit')}
        disabled={busy}
      />
      {hasHoneypot && (
        // Off-screen, out of the tab order and hidden from assistive technology: only a bot fills it in.
        <div aria-hidden="true" style={{ position: 'absolute', left: -10000, top: 'auto', width: 1, height: 1, overflow: 'hidden' }}>
          <label>
            Website
            <Input name={HONEYPOT} tabIndex={-1} autoComplete="off" value={trap} onChange={(e) => setTrap(e.target.value)} />
          </label>
        </div>
      )}
    </div>
  );
}
