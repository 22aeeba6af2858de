import { Alert, Flex, Typography } from 'antd';
import { useFormsText } from '../../i18n/forms-messages';
import { ChangesTable } from './ChangesTable';
import type { FormCheckResult } from './form-api';

/** The server's verdict on the draft: schema errors (with their JSON pointers) and the change list. */
export function CheckResults({ result }: { result: FormCheckResult }) {
  const t = useFormsText();
  return (
    <Flex vertical gap={8} data-testid="form-check-result" data-errors={result.errors.length}>
      {result.errors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={t('check.errors', { n: result.errors.length })}
          data-testid="form-check-errors"
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {result.errors.map((e, i) => (
                <li key={i}>
                  <Typography.Text code>{e.pointer || '/'}</Typography.Text> {e.message}
                </li>
              ))}
            </ul>
          }
        />
      ) : (
        <Alert type="success" showIcon title={t('check.ok')} />
      )}
      {result.changes.length > 0 ? (
        <>
          <Typography.Text strong>{t('check.changes')}</Typography.Text>
          <ChangesTable changes={result.changes} />
        </>
      ) : (
        <Typography.Text type="secondary">{t('check.noChanges')}</Typography.Text>
      )}
    </Flex>
  );
}
