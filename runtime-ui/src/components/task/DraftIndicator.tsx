import { CheckCircleOutlined, CloudSyncOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Typography } from 'antd';
import { formatDateTime } from '../../format';
import { useTaskMessages } from '../../i18n/task-messages';
import type { DraftAutosave } from './use-draft-autosave';

/** The quiet auto-save state: saving…, saved at HH:mm, or a failure that will be retried. */
export function DraftIndicator({ draft, enabled, restored }: { draft: DraftAutosave; enabled: boolean; restored: boolean }) {
  const tt = useTaskMessages();
  if (!enabled) return null;
  const style = { fontSize: 12 };
  if (draft.saving)
    return (
      <Typography.Text type="secondary" style={style} data-testid="draft-status" data-state="saving">
        <CloudSyncOutlined /> {tt('draft.saving')}
      </Typography.Text>
    );
  if (draft.failed)
    return (
      <Typography.Text type="warning" style={style} data-testid="draft-status" data-state="failed">
        <ExclamationCircleOutlined /> {tt('draft.failed')}
      </Typography.Text>
    );
  if (draft.savedAt)
    return (
      <Typography.Text type="secondary" style={style} data-testid="draft-status" data-state="saved">
        <CheckCircleOutlined /> {tt('draft.saved', { time: formatDateTime(draft.savedAt).slice(11) })}
      </Typography.Text>
    );
  if (restored)
    return (
      <Typography.Text type="secondary" style={style} data-testid="draft-status" data-state="restored">
        {tt('draft.restored')}
      </Typography.Text>
    );
  return null;
}
