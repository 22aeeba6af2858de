import { App, Form, Input, Modal, type ButtonProps } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../../runtime-ui/src/api/client';
import { useOrgText } from '../../i18n/org-messages';
import { MembershipsField } from './MembershipsField';
import { orgApi, type AdminUser, type Department, type Membership } from './org-api';

const LOGIN_PATTERN = /^[A-Za-z0-9._@-]{1,64}$/;

interface Common {
  departments: Department[];
  roleLabel(role: string): string;
  onDone(): void;
  onCancel(): void;
}

/** Field errors of a 4xx onto the form's fields ("/body/login" → login); true when any was placed. */
function placeErrors(form: ReturnType<typeof Form.useForm>[0], err: unknown): boolean {
  if (!(err instanceof ApiError) || err.fieldErrors.length === 0) return false;
  form.setFields(err.fieldErrors.map((f) => ({ name: f.pointer.replace(/^\/body\//, '').split('/')[0]!, errors: [f.message] })));
  return true;
}

/**
 * Create a user (login, name, initial password, departments and roles) or
 * edit one (name, password reset). The password goes to the server once and
 * is stored only as an argon2 hash.
 */
export function UserModal({ user, open, departments, roleLabel, onDone, onCancel }: Common & { user: AdminUser | null; open: boolean }) {
  const t = useOrgText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ login: string; displayName: string; password?: string; memberships: Membership[] }>();
  const [busy, setBusy] = useState(false);
  const submit = async (v: { login: string; displayName: string; password?: string; memberships?: Membership[] }) => {
    setBusy(true);
    try {
      if (user) {
        await orgApi.updateUser(user.id, { displayName: v.displayName.trim(), ...(v.password ? { password: v.password } : {}) });
        message.success(t('org.user.saved'));
      } else {
        await orgApi.createUser({ login: v.login.trim(), displayName: v.displayName.trim(), password: v.password ?? '', memberships: v.memberships ?? [] });
        message.success(t('org.user.created', { login: v.login }));
      }
      onDone();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) form.setFields([{ name: 'login', errors: [t('org.user.loginTaken')] }]);
      else if (!placeErrors(form as never, err)) message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      destroyOnHidden
      title={user ? t('org.user.editTitle', { login: user.login }) : t('org.user.new')}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'org-user-ok' } as ButtonProps}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={user ? { login: user.login, displayName: user.displayName } : { memberships: [] }}
        onFinish={(v) => void submit(v)}
        autoComplete="off"
      >
        <Form.Item name="login" label={t('org.user.login')} rules={[{ required: true, message: t('org.user.loginRequired') }, { pattern: LOGIN_PATTERN, message: t('org.user.loginInvalid') }]}>
          <Input disabled={user !== null} data-testid="org-user-login" />
        </Form.Item>
        <Form.Item name="displayName" label={t('org.user.name')} rules={[{ required: true, whitespace: true, message: t('org.user.nameRequired') }, { max: 100 }]}>
          <Input data-testid="org-user-name" />
        </Form.Item>
        <Form.Item
          name="password"
          label={user ? t('org.user.newPassword') : t('org.user.password')}
          extra={user ? t('org.user.passwordHint') : t('org.user.passwordNewHint')}
          rules={[{ required: user === null, message: t('org.user.passwordShort') }, { min: 12, message: t('org.user.passwordShort') }]}
        >
          <Input.Password autoComplete="new-password" data-testid="org-user-password" />
        </Form.Item>
        {!user && (
          <Form.Item label={t('org.user.memberships')}>
            <MembershipsField departments={departments} roleLabel={roleLabel} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/** Replace a user's departments and roles in one go (PUT /api/admin/users/:id/memberships). */
export function MembershipsModal({ user, departments, roleLabel, onDone, onCancel }: Common & { user: AdminUser | null }) {
  const t = useOrgText();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ memberships: Membership[] }>();
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={user !== null}
      destroyOnHidden
      title={t('org.user.membershipsTitle', { name: user?.displayName ?? '' })}
      onCancel={onCancel}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'org-memberships-ok' } as ButtonProps}
      width={640}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ memberships: user?.memberships.map((m) => ({ departmentId: m.departmentId, role: m.role })) ?? [] }}
        onFinish={async (v) => {
          if (!user) return;
          setBusy(true);
          try {
            await orgApi.setMemberships(user.id, v.memberships ?? []);
            message.success(t('org.user.saved'));
            onDone();
          } catch (err) {
            message.error(err instanceof Error ? err.message : String(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <MembershipsField departments={departments} roleLabel={roleLabel} />
      </Form>
    </Modal>
  );
}
