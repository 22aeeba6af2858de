import { Card, Flex, Result, Typography } from 'antd';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { useSession } from '../../../runtime-ui/src/session/session';
import { CountiesTable } from '../components/platform/CountiesTable';
import { CreateCountyForm } from '../components/platform/CreateCountyForm';
import { platformApi } from '../components/platform/platform-api';
import { usePlatformText } from '../i18n/platform-messages';

/** 县区管理: the installation's counties and a new one from a pack, for the platform administrator only. */
export default function CountiesPage() {
  const t = usePlatformText();
  const { me } = useSession();
  const allowed = me?.platformAdmin === true;
  const counties = useAsync(() => (allowed ? platformApi.counties() : Promise.resolve([])), [allowed]);
  const packs = useAsync(() => (allowed ? platformApi.packs() : Promise.resolve([])), [allowed]);
  // The server refuses too; this only spares a county admin who typed the URL a page of errors.
  if (!allowed) return <Result status="403" title="403" subTitle={t('platform.forbidden')} />;
  return (
    <Flex vertical gap={16}>
      <Card title={t('platform.title')} data-testid="counties">
        <Typography.Paragraph type="secondary">{t('platform.hint')}</Typography.Paragraph>
        {counties.error ? <ErrorNotice error={counties.error} onRetry={counties.reload} /> : <CountiesTable counties={counties.data ?? []} loading={counties.loading} />}
      </Card>
      <Card title={t('platform.create')}>
        {packs.error ? <ErrorNotice error={packs.error} onRetry={packs.reload} /> : <CreateCountyForm packs={packs.data ?? []} onCreated={counties.reload} />}
      </Card>
    </Flex>
  );
}
