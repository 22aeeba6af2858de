import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api } from '../api/client';
import type { NotificationItem } from '../api/types';
import { useAsync } from '../api/use-async';
import { formatDateTime } from '../format';
import { useLocale } from '../i18n/locale';

const POLL_MS = 60_000;

/** The bell: pushes, reminders and 督办 for the user and their departments; polled every minute. */
export function NotificationBell() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const state = useAsync(() => api.get<{ items: NotificationItem[]; unread: number }>('/api/notifications?limit=20'), []);
  useEffect(() => {
    const timer = setInterval(state.reload, POLL_MS);
    return () => clearInterval(timer);
  }, [state.reload]);
  const items = state.data?.items ?? [];
  const openItem = async (n: NotificationItem) => {
    if (!n.readAt) await api.post(`/api/notifications/${n.id}/read`);
    setOpen(false);
    state.reload();
    if (n.taskId) navigate(`/tasks/${n.taskId}`);
    else if (n.caseId) navigate(`/cases/${n.caseId}`);
  };
  const content = (
    <div style={{ width: 360, maxHeight: 420, overflow: 'auto' }}>
      {items.length === 0 ? (
        <Empty description={t('bell.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item onClick={() => void openItem(n)} style={{ cursor: 'pointer', opacity: n.readAt ? 0.6 : 1 }} data-testid="notification">
              <List.Item.Meta title={<Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>} description={<>{n.body}<br />{formatDateTime(n.createdAt)}</>} />
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <span>
          {t('bell.title')}
          <Button size="small" type="link" onClick={() => void api.post('/api/notifications/read-all').then(state.reload)}>
            {t('bell.readAll')}
          </Button>
        </span>
      }
      content={content}
    >
      <Badge count={state.data?.unread ?? 0} size="small">
        <Button type="text" icon={<BellOutlined style={{ color: '#fff', fontSize: 18 }} />} aria-label={t('bell.title')} data-testid="bell" />
      </Badge>
    </Popover>
  );
}
