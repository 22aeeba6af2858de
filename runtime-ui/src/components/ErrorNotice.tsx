import { Alert, Button } from 'antd';
import { ApiError } from '../api/client';
import { useLocale } from '../i18n/locale';

/** A load failure shown in place, with the server's problem detail and a retry. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useLocale();
  const detail = error instanceof ApiError ? `${error.problem?.title ?? error.status}: ${error.message}` : String(error);
  return <Alert type="error" showIcon title={t('common.error')} description={detail} action={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined} />;
}
