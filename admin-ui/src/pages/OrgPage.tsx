import { Card, Tabs } from 'antd';
import { useCallback, useState } from 'react';
import { useAsync } from '../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../runtime-ui/src/components/ErrorNotice';
import { DepartmentsPanel } from '../components/org/DepartmentsPanel';
import { orgApi } from '../components/org/org-api';
import { UsersPanel } from '../components/org/UsersPanel';
import { useOrgText, type OrgMessageKey } from '../i18n/org-messages';

/**
 * The county's organisation: departments, user accounts with their
 * departments and roles, and each department's liaison filings with their
 * history. Role names come from the pack when it names them.
 */
export default function OrgPage() {
  const t = useOrgText();
  const [tab, setTab] = useState('departments');
  const departments = useAsync(() => orgApi.departments(), []);
  const users = useAsync(() => orgApi.users(), []);
  // The pack's own role names (管理员, 联络员 ...); the built-in words when the pack has none.
  const roleNames = useAsync(() => orgApi.roleNames().catch(() => ({}) as Record<string, string>), []);
  const roleLabel = useCallback((role: string) => roleNames.data?.[role] ?? t(`org.role.${role}` as OrgMessageKey), [roleNames.data, t]);
  const reload = () => {
    departments.reload();
    users.reload();
  };
  const error = departments.error ?? users.error;
  return (
    <Card title={t('org.title')}>
      {error ? <ErrorNotice error={error} onRetry={reload} /> : null}
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: 'departments',
            label: <span data-testid="org-tab-departments">{t('org.tab.departments')}</span>,
            children: <DepartmentsPanel departments={departments.data ?? []} users={users.data ?? []} loading={departments.loading || users.loading} roleLabel={roleLabel} onChanged={reload} />,
          },
          {
            key: 'users',
            label: <span data-testid="org-tab-users">{t('org.tab.users')}</span>,
            children: <UsersPanel users={users.data ?? []} departments={departments.data ?? []} loading={users.loading} roleLabel={roleLabel} onChanged={reload} />,
          },
        ]}
      />
    </Card>
  );
}
