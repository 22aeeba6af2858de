import { Alert, Button, Layout, Menu, Result, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { api } from '../../../runtime-ui/src/api/client';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { formatDate } from '../../../runtime-ui/src/format';
import { useLocale } from '../../../runtime-ui/src/i18n/locale';
import { useSession } from '../../../runtime-ui/src/session/session';
import { useAdminText } from '../i18n/admin-messages';
import { usePlatformText } from '../i18n/platform-messages';

/** What GET /api/admin/pack says about the pack's validity window (banner thresholds 60, 30 and 7 days). */
export interface PackInfo {
  id: string;
  title: string;
  documentNumber: string;
  validity: { from?: string; to?: string };
  daysLeft: number | null;
  warning: 'none' | '60' | '30' | '7' | 'expired';
}

/** The designer's frame: navigation, the pack-expiry banner, admin-only guard. */
export function AdminLayout({ children }: { children: ReactNode }) {
  const t = useAdminText();
  const tPlatform = usePlatformText();
  const { locale, setLocale } = useLocale();
  const { me, logout } = useSession();
  const location = useLocation();
  const isAdmin = me?.memberships.some((m) => m.role === 'admin') ?? false;
  const pack = useAsync(() => (isAdmin ? api.get<PackInfo>('/api/admin/pack') : Promise.resolve(undefined)), [isAdmin]);
  const section = '/' + (location.pathname.split('/')[1] ?? '');
  const items = (['procedures', 'forms', 'calendar', 'org', 'pack'] as const).map((k) => ({ key: `/${k}`, label: <Link to={`/${k}`}>{t(`admin.nav.${k}`)}</Link> }));
  // Creating counties is the platform administrator's alone (the server refuses everyone else too).
  if (me?.platformAdmin) items.push({ key: '/counties', label: <Link to="/counties">{tPlatform('platform.nav')}</Link> });
  const info = pack.data;
  const banner =
    info && info.warning !== 'none' ? (
      <Alert
        type={info.warning === 'expired' || info.warning === '7' ? 'error' : 'warning'}
        showIcon
        banner
        data-testid="pack-expiry-banner"
        data-warning={info.warning}
        title={
          info.warning === 'expired'
            ? t('admin.pack.expired', { title: info.title, date: info.validity.to ?? '' })
            : t('admin.pack.expires', { title: info.title, date: info.validity.to ?? '', days: info.daysLeft ?? 0 })
        }
      />
    ) : null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('admin.title')}
        </Typography.Title>
        <Menu theme="dark" mode="horizontal" selectedKeys={[section]} items={items} style={{ flex: 1, minWidth: 0 }} />
        <Space>
          <a href="/inbox" style={{ color: '#fff' }}>
            {t('admin.nav.staff')}
          </a>
          <Button type="link" style={{ color: '#fff' }} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}>
            {locale === 'en' ? '中文' : 'English'}
          </Button>
          <Typography.Text style={{ color: '#fff', cursor: 'pointer' }} onClick={() => void logout()}>
            {me?.displayName}
          </Typography.Text>
        </Space>
      </Layout.Header>
      {banner}
      <Layout.Content style={{ padding: 24 }}>
        {isAdmin ? children : <Result status="403" title="403" subTitle={t('admin.forbidden')} />}
      </Layout.Content>
      {info?.validity.to && (
        <Layout.Footer style={{ textAlign: 'center', color: '#888' }}>
          {info.title}（{info.documentNumber}）{info.validity.from ? formatDate(info.validity.from) : ''} — {info.validity.to}
        </Layout.Footer>
      )}
    </Layout>
  );
}
