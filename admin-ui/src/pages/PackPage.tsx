import { Flex, Spin } from 'antd';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { PackImport } from '../components/pack/PackImport';
import { PackInfoCard } from '../components/pack/PackInfoCard';
import { PackRevisionCard } from '../components/pack/PackRevisionCard';
import { ProcedureExpiryAlerts } from '../components/pack/ProcedureExpiryAlerts';
import { packApi } from '../components/pack/pack-api';

/** The definition pack: what the county runs on and until when, export, and import of a new edition. */
export default function PackPage() {
  const info = useAsync(() => packApi.info(), []);
  return (
    <Flex vertical gap={16}>
      {info.error ? <ErrorNotice error={info.error} onRetry={info.reload} /> : null}
      {info.loading && !info.data ? <Spin style={{ display: 'block', margin: '40px auto' }} /> : null}
      {info.data && <PackInfoCard info={info.data} />}
      <ProcedureExpiryAlerts />
      <PackRevisionCard onPublished={info.reload} />
      <PackImport onImported={info.reload} />
    </Flex>
  );
}
