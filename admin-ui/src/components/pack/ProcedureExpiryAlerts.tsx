import { Alert, Card, Flex, Typography } from 'antd';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { fetchExpiryWarnings, isUrgent } from '../../../../runtime-ui/src/api/validity-warnings';
import { useValidityText } from '../../../../runtime-ui/src/i18n/validity-messages';
import { useExpiryText } from '../../i18n/expiry-messages';

/**
 * The procedures that stop accepting new cases within 60 days, or already
 * have, under the pack card (which shows the pack's own countdown): the same
 * items and sentences as the staff banner and the admins' notifications, so
 * the designer sees which procedure needs a successor or an extension.
 * Renders nothing while none does.
 */
export function ProcedureExpiryAlerts() {
  const t = useExpiryText();
  const { describe } = useValidityText();
  const state = useAsync(fetchExpiryWarnings, []);
  const procedures = (state.data?.warnings ?? []).filter((w) => w.scope === 'procedure');
  if (procedures.length === 0) return null;
  return (
    <Card title={t('expiry.procedures.title')} size="small" data-testid="procedure-expiry">
      <Flex vertical gap={8}>
        {procedures.map((w) => (
          <Alert key={`${w.processKey}:${w.effectiveTo}`} type={isUrgent(w) ? 'error' : 'warning'} showIcon title={describe(w)} data-level={w.level} data-procedure={w.processKey} />
        ))}
        <Typography.Text type="secondary">{t('expiry.procedures.hint')}</Typography.Text>
      </Flex>
    </Card>
  );
}
