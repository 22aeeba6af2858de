import Form from '@rjsf/antd';
import { Button } from 'antd';
import type { ErrorSchema, RJSFSchema, UiSchema } from '@rjsf/utils';
import { ErrorSchemaBuilder } from '@rjsf/utils';
import { useMemo, type ReactNode } from 'react';
import { ApiError, type FieldError } from '../api/client';
import { useLocale } from '../i18n/locale';
import { createFormValidator } from './form-validator';

export interface SchemaFormProps {
  schema: Record<string, unknown>;
  uiSchema?: Record<string, unknown> | null;
  formData?: Record<string, unknown>;
  onChange?(data: Record<string, unknown>): void;
  onSubmit(data: Record<string, unknown>): void | Promise<void>;
  /** Field errors from the server, pointers relative to the form data ("/opinion", "/items/0/phone"). */
  serverErrors?: FieldError[];
  submitLabel?: string;
  disabled?: boolean;
  /** Extra buttons beside submit. */
  children?: ReactNode;
}

/** Turn field errors into rjsf's error schema, so each message shows under its field. */
function toErrorSchema(errors: FieldError[]): ErrorSchema {
  const builder = new ErrorSchemaBuilder();
  for (const e of errors) {
    const path = e.pointer.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
    builder.addErrors(e.message, path.length ? path : undefined);
  }
  return builder.ErrorSchema;
}

/**
 * The field errors of a 422 under `prefix` (e.g. "/body/data" for a task
 * completion), re-rooted at the form data; errors elsewhere are left out.
 */
export function serverErrorsFor(err: unknown, prefix: string): FieldError[] {
  if (!(err instanceof ApiError) || err.status !== 422) return [];
  return err.fieldErrors.filter((e) => e.pointer === prefix || e.pointer.startsWith(`${prefix}/`)).map((e) => ({ pointer: e.pointer.slice(prefix.length) || '/', message: e.message }));
}

/**
 * A form generated from a JSON Schema (@rjsf with the antd theme), validated
 * in the browser by the server's own rules, showing the server's field errors
 * where they belong.
 */
export function SchemaForm(props: SchemaFormProps) {
  const { locale, t } = useLocale();
  const validator = useMemo(() => createFormValidator(locale), [locale]);
  const extraErrors = useMemo(() => (props.serverErrors?.length ? toErrorSchema(props.serverErrors) : undefined), [props.serverErrors]);
  return (
    <Form
      // The page names the form already (card title); rjsf would repeat the root title inside it.
      schema={{ ...props.schema, title: undefined } as RJSFSchema}
      uiSchema={{ 'ui:submitButtonOptions': { norender: true }, ...(props.uiSchema ?? {}) } as UiSchema}
      formData={props.formData}
      validator={validator}
      extraErrors={extraErrors}
      extraErrorsBlockSubmit={false}
      showErrorList={false}
      // Ajv (the server's rules, localised) is the only browser check: native HTML5 validation would demand a required checkbox be ticked and speak the browser's language.
      // The errors show under their fields; without onError rjsf would also log them as console errors.
      noHtml5Validate
      onError={() => undefined}
      liveValidate={false}
      disabled={props.disabled}
      onChange={(e) => props.onChange?.((e.formData ?? {}) as Record<string, unknown>)}
      onSubmit={(e) => void props.onSubmit((e.formData ?? {}) as Record<string, unknown>)}
    >
      <div style={{ display: 'flex', gap: 8, marginTop: 16 }}>
        <Button type="primary" htmlType="submit" disabled={props.disabled} data-testid="form-submit">
          {props.submitLabel ?? t('common.submit')}
        </Button>
        {props.children}
      </div>
    </Form>
  );
}
