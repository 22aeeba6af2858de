import { Button, Dropdown, Layout, Menu, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useLocale } from '../i18n/locale';
import { useSession } from '../session/session';
import { ExpiryBanner } from './ExpiryBanner';
import { NotificationBell } from './NotificationBell';

/** The frame of every staff page: navigation, the bell, the language toggle and the user menu. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t, locale, setLocale } = useLocale();
  const { me, logout } = useSession();
  const location = useLocation();
  const section = '/' + (location.pathname.split('/')[1] ?? '');
  const selected = section === '/tasks' ? '/inbox' : section;
  // Case work (starting, searching, statistics) is for staff, liaisons and leaders; an admin-only account gets the inbox and a link to the designer.
  const works = me?.memberships.some((m) => m.role !== 'admin') ?? false;
  const isAdmin = me?.memberships.some((m) => m.role === 'admin') ?? false;
  const items = [
    { key: '/inbox', label: <Link to="/inbox">{t('nav.inbox')}</Link> },
    ...(works
      ? [
          { key: '/start', label: <Link to="/start">{t('nav.start')}</Link> },
          { key: '/cases', label: <Link to="/cases">{t('nav.cases')}</Link> },
          { key: '/dashboard', label: <Link to="/dashboard">{t('nav.dashboard')}</Link> },
        ]
      : []),
    ...(isAdmin ? [{ key: '/admin', label: <a href="/admin/">{t('nav.designer')}</a> }] : []),
  ];
  const departments = [...new Set(me?.memberships.map((m) => m.departmentName))].join('、');
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 24, paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('app.title')}
        </Typography.Title>
        <Menu theme="dark" mode="horizontal" selectedKeys={[selected]} items={items} style={{ flex: 1, minWidth: 0 }} />
        <Space size="middle">
          <NotificationBell />
          <Button type="link" style={{ color: '#fff' }} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} data-testid="locale-toggle">
            {t('nav.language')}
          </Button>
          <Dropdown menu={{ items: [{ key: 'logout', label: t('nav.logout'), onClick: () => void logout() }] }}>
            <Typography.Text style={{ color: '#fff', cursor: 'pointer' }} title={departments} data-testid="user-menu">
              {me?.displayName}
            </Typography.Text>
          </Dropdown>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <ExpiryBanner />
        {children}
      </Layout.Content>
    </Layout>
  );
}
