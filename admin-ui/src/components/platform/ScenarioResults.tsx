import { CheckCircleTwoTone, CloseCircleTwoTone } from '@ant-design/icons';
import { List, Typography } from 'antd';
import { usePlatformText } from '../../i18n/platform-messages';
import type { ScenarioResult } from './platform-api';

/** The rehearsal's verdict per scenario: why a county was (or was not) created from the pack. */
export function ScenarioResults({ scenarios }: { scenarios: ScenarioResult[] }) {
  const t = usePlatformText();
  if (scenarios.length === 0) return <Typography.Text type="secondary">{t('platform.noScenarios')}</Typography.Text>;
  return (
    <List
      size="small"
      header={<Typography.Text strong>{t('platform.scenarios')}</Typography.Text>}
      dataSource={scenarios}
      data-testid="county-scenarios"
      renderItem={(s) => (
        <List.Item data-ok={s.ok}>
          {s.ok ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />} {s.title}{' '}
          <Typography.Text type="secondary">
            ({s.file}, {t(s.ok ? 'platform.scenarioOk' : 'platform.scenarioFail')})
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
