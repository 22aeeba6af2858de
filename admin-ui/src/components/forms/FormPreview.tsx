import { Alert, Button, Card } from 'antd';
import { Component, useMemo, useState, type ReactNode } from 'react';
import { createFormValidator } from '../../../../runtime-ui/src/components/form-validator';
import { SchemaForm } from '../../../../runtime-ui/src/components/SchemaForm';
import { useLocale } from '../../../../runtime-ui/src/i18n/locale';
import { useFormsText } from '../../i18n/forms-messages';
import { syncUiOrder, type Json } from './schema-model';

/** Keeps a half-typed schema that rjsf cannot render from taking the designer down; resets when the schema changes. */
class PreviewBoundary extends Component<{ resetKey: unknown; fallback: (e: Error) => ReactNode; children: ReactNode }, { error: Error | null; key: unknown }> {
  state = { error: null as Error | null, key: this.props.resetKey };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(props: { resetKey: unknown }, state: { key: unknown }) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

type Outcome = { ok: true } | { ok: false; errors: string[] };

/**
 * The form as staff will see it (the runtime UI's own SchemaForm and
 * validator), with sample data: "校验样例数据" runs the same checks the staff
 * UI runs before a submission, and says whether the sample passes.
 */
export function FormPreview({ schema, uiSchema }: { schema: Json; uiSchema: Json | null }) {
  const t = useFormsText();
  const { locale } = useLocale();
  const [sample, setSample] = useState<Record<string, unknown>>({});
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [resetCount, setResetCount] = useState(0);
  const ui = useMemo(() => syncUiOrder(schema, uiSchema), [schema, uiSchema]);
  const validator = useMemo(() => createFormValidator(locale), [locale]);
  const resetKey = useMemo(() => ({}), [schema, ui]);

  const validate = () => {
    try {
      const { errors } = validator.validateFormData(sample, { ...schema, title: undefined } as never, undefined, undefined, ui as never);
      setOutcome(errors.length === 0 ? { ok: true } : { ok: false, errors: errors.map((e) => e.stack) });
    } catch (err) {
      setOutcome({ ok: false, errors: [String(err)] });
    }
  };

  return (
    <Card size="small" title={t('preview.title')} data-testid="form-preview">
      <PreviewBoundary resetKey={resetKey} fallback={(e) => <Alert type="error" showIcon title={t('preview.broken', { message: e.message })} />}>
        {/* Capture phase: runs before rjsf's own submit handling, which only calls onSubmit when the data is valid. */}
        <div onSubmitCapture={validate}>
          <SchemaForm
            key={resetCount}
            schema={schema}
            uiSchema={ui}
            formData={sample}
            onChange={(d) => {
              setSample(d);
              setOutcome(null);
            }}
            onSubmit={() => setOutcome({ ok: true })}
            submitLabel={t('preview.submit')}
          >
            <Button
              onClick={() => {
                setSample({});
                setOutcome(null);
                setResetCount((n) => n + 1);
              }}
              data-testid="form-preview-reset"
            >
              {t('preview.reset')}
            </Button>
          </SchemaForm>
        </div>
      </PreviewBoundary>
      {outcome && (
        <Alert
          style={{ marginTop: 12 }}
          type={outcome.ok ? 'success' : 'error'}
          showIcon
          data-testid="form-preview-result"
          data-valid={outcome.ok}
          title={outcome.ok ? t('preview.ok') : t('preview.errors', { n: outcome.errors.length })}
          description={outcome.ok ? undefined : <ul style={{ margin: 0, paddingInlineStart: 18 }}>{outcome.errors.map((e, i) => <li key={i}>{e}</li>)}</ul>}
        />
      )}
    </Card>
  );
}
