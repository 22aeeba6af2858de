import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Flex, Form, Input, Modal, Select, Table, Tag, type ButtonProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { ApiError } from '../../../../runtime-ui/src/api/client';
import { useOrgText } from '../../i18n/org-messages';
import { LiaisonDrawer } from './LiaisonDrawer';
import { orgApi, type AdminUser, type Department, type DepartmentKind } from './org-api';

const KINDS: DepartmentKind[] = ['approval_bureau', 'supervising', 'other'];
const KIND_COLOR: Record<DepartmentKind, string> = { approval_bureau: 'blue', supervising: 'green', other: 'default' };

export interface DepartmentsPanelProps {
  departments: Department[];
  users: AdminUser[];
  loading: boolean;
  roleLabel(role: string): string;
  onChanged(): void;
}

/** The county's departments: create, rename, see who is in each, and open its liaison filings. */
export function DepartmentsPanel({ departments, users, loading, roleLabel, onChanged }: DepartmentsPanelProps) {
  const t = useOrgText();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const [renaming, setRenaming] = useState<Department | null>(null);
  const [liaisonsOf, setLiaisonsOf] = useState<Department | null>(null);
  const [busy, setBusy] = useState(false);
  const [createForm] = Form.useForm<{ code: string; name: string; kind: DepartmentKind }>();
  const [renameForm] = Form.useForm<{ name: string }>();
  const membersOf = (d: Department) => users.filter((u) => u.memberships.some((m) => m.departmentId === d.id));

  const run = async (action: () => Promise<unknown>, ok: string, form: typeof createForm | typeof renameForm, close: () => void) => {
    setBusy(true);
    try {
      await action();
      message.success(ok);
      close();
      onChanged();
    } catch (err) {
      if (err instanceof ApiError && err.fieldErrors.length) {
        form.setFields(err.fieldErrors.map((f) => ({ name: f.pointer.split('/').pop()!, errors: [f.message] })) as never);
      } else message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="org-dept-new">
          {t('org.dept.new')}
        </Button>
      </Flex>
      <Table<Department>
        rowKey="id"
        size="middle"
        loading={loading}
        dataSource={departments}
        pagination={false}
        onRow={(d) => ({ 'data-testid': 'org-dept-row', 'data-code': d.code }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('org.dept.code'), dataIndex: 'code' },
          { title: t('org.dept.name'), dataIndex: 'name' },
          { title: t('org.dept.kind'), dataIndex: 'kind', render: (k: DepartmentKind) => <Tag color={KIND_COLOR[k]}>{t(`org.dept.kind.${k}`)}</Tag> },
          {
            title: t('org.dept.members'),
            key: 'members',
            render: (_: unknown, d) => (
              <Flex gap={4} wrap>
                {membersOf(d).map((u) => (
                  <Tag key={u.id} color={u.active ? undefined : 'default'} style={u.active ? undefined : { textDecoration: 'line-through' }}>
                    {u.displayName}
                    {u.memberships.filter((m) => m.departmentId === d.id).map((m) => `·${roleLabel(m.role)}`).join('')}
                  </Tag>
                ))}
              </Flex>
            ),
          },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, d) => (
              <Flex gap={8}>
                <Button size="small" onClick={() => setLiaisonsOf(d)} data-testid="org-dept-liaisons">
                  {t('org.dept.liaisons')}
                </Button>
                <Button
                  size="small"
                  onClick={() => setRenaming(d)}
                  data-testid="org-dept-rename"
                >
                  {t('org.dept.rename')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('org.dept.new')}
        onCancel={() => setCreating(false)}
        onOk={() => createForm.submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'org-dept-new-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form
          form={createForm}
          layout="vertical"
          preserve={false}
          initialValues={{ kind: 'supervising' }}
          onFinish={(v) =>
            void run(() => orgApi.createDepartment({ code: v.code, name: v.name.trim(), kind: v.kind }), t('org.dept.created', { name: v.name }), createForm, () => setCreating(false))
          }
        >
          <Form.Item name="code" label={t('org.dept.code')} extra={t('org.dept.codeHint')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]{0,63}$/, message: t('org.dept.codeInvalid') }]}>
            <Input data-testid="org-dept-code" />
          </Form.Item>
          <Form.Item name="name" label={t('org.dept.name')} rules={[{ required: true, whitespace: true, message: t('org.dept.nameRequired') }, { max: 200 }]}>
            <Input data-testid="org-dept-name" />
          </Form.Item>
          <Form.Item name="kind" label={t('org.dept.kind')} rules={[{ required: true }]}>
            <Select options={KINDS.map((k) => ({ value: k, label: t(`org.dept.kind.${k}`) }))} data-testid="org-dept-kind" />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={renaming !== null}
        title={t('org.dept.renameTitle', { code: renaming?.code ?? '' })}
        onCancel={() => setRenaming(null)}
        onOk={() => renameForm.submit()}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'org-dept-rename-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={renameForm} layout="vertical" preserve={false} initialValues={{ name: renaming?.name }} onFinish={(v) => renaming && void run(() => orgApi.renameDepartment(renaming.id, v.name.trim()), t('org.dept.renamed'), renameForm, () => setRenaming(null))}>
          <Form.Item name="name" label={t('org.dept.name')} rules={[{ required: true, whitespace: true, message: t('org.dept.nameRequired') }, { max: 200 }]}>
            <Input data-testid="org-dept-rename-name" />
          </Form.Item>
        </Form>
      </Modal>
      <LiaisonDrawer department={liaisonsOf} members={liaisonsOf ? membersOf(liaisonsOf) : []} users={users} onClose={() => setLiaisonsOf(null)} onChanged={onChanged} />
    </>
  );
}
