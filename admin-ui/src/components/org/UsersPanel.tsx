import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Input, Switch, Table, Tag, Typography } from 'antd';
import { useMemo, useState, type HTMLAttributes } from 'react';
import { useOrgText } from '../../i18n/org-messages';
import { orgApi, type AdminUser, type Department } from './org-api';
import { MembershipsModal, UserModal } from './UserModals';

export interface UsersPanelProps {
  users: AdminUser[];
  departments: Department[];
  loading: boolean;
  roleLabel(role: string): string;
  onChanged(): void;
}

/** The county's accounts: who they are, where they work in which role, and whether they may log in. */
export function UsersPanel({ users, departments, loading, roleLabel, onChanged }: UsersPanelProps) {
  const t = useOrgText();
  const { message, modal } = App.useApp();
  const [filter, setFilter] = useState('');
  const [editing, setEditing] = useState<AdminUser | null | 'new'>(null);
  const [memberships, setMemberships] = useState<AdminUser | null>(null);
  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    const list = q
      ? users.filter((u) => u.login.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q) || u.memberships.some((m) => m.departmentName.toLowerCase().includes(q) || m.departmentCode.includes(q)))
      : users;
    return [...list].sort((a, b) => Number(b.active) - Number(a.active) || a.login.localeCompare(b.login));
  }, [users, filter]);

  const setActive = (u: AdminUser, active: boolean) => {
    const go = () =>
      orgApi.updateUser(u.id, { active }).then(
        () => {
          message.success(t('org.user.saved'));
          onChanged();
        },
        (err: unknown) => message.error(err instanceof Error ? err.message : String(err)),
      );
    if (active) void go();
    else modal.confirm({ title: t('org.user.deactivateConfirm', { name: u.displayName }), okButtonProps: { danger: true }, onOk: go });
  };

  return (
    <>
      <Flex justify="space-between" style={{ marginBottom: 12 }} gap={8}>
        <Input.Search allowClear placeholder={t('org.user.search')} value={filter} onChange={(e) => setFilter(e.target.value)} style={{ maxWidth: 320 }} data-testid="org-user-filter" />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="org-user-new">
          {t('org.user.new')}
        </Button>
      </Flex>
      <Table<AdminUser>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(u) => ({ 'data-testid': 'org-user-row', 'data-login': u.login }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('org.user.login'), dataIndex: 'login', render: (l: string, u) => <Typography.Text delete={!u.active}>{l}</Typography.Text> },
          { title: t('org.user.name'), dataIndex: 'displayName' },
          {
            title: t('org.user.memberships'),
            dataIndex: 'memberships',
            render: (ms: AdminUser['memberships']) =>
              ms.length === 0 ? (
                <Typography.Text type="secondary">{t('org.user.noMembership')}</Typography.Text>
              ) : (
                <Flex gap={4} wrap>
                  {ms.map((m) => (
                    <Tag key={`${m.departmentId}/${m.role}`} color={m.role === 'admin' ? 'red' : m.role === 'leader' ? 'purple' : m.role === 'liaison' ? 'green' : undefined}>
                      {m.departmentName} · {roleLabel(m.role)}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            title: t('org.user.active'),
            dataIndex: 'active',
            render: (a: boolean, u) => (
              <Switch checked={a} checkedChildren={t('org.user.activeOn')} unCheckedChildren={t('org.user.activeOff')} onChange={(v) => setActive(u, v)} data-testid="org-user-active" />
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, u) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setEditing(u)} data-testid="org-user-edit">
                  {t('org.user.edit')}
                </Button>
                <Button size="small" onClick={() => setMemberships(u)} data-testid="org-user-memberships">
                  {t('org.user.editMemberships')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <UserModal
        open={editing !== null}
        user={editing === 'new' ? null : editing}
        departments={departments}
        roleLabel={roleLabel}
        onCancel={() => setEditing(null)}
        onDone={() => {
          setEditing(null);
          onChanged();
        }}
      />
      <MembershipsModal
        user={memberships}
        departments={departments}
        roleLabel={roleLabel}
        onCancel={() => setMemberships(null)}
        onDone={() => {
          setMemberships(null);
          onChanged();
        }}
      />
    </>
  );
}
