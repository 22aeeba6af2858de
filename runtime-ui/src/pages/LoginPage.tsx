import { Alert, Button, Card, Form, Input, Select, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { useAsync } from '../api/use-async';
import { useLocale } from '../i18n/locale';
import { useSession } from '../session/session';

interface LoginForm {
  tenant: string;
  login: string;
  password: string;
}

/** Log in to a county; with one county served, its choice is made already. */
export default function LoginPage() {
  const { t } = useLocale();
  const { me, login } = useSession();
  const location = useLocation();
  const tenants = useAsync(() => api.get<{ code: string; name: string }[]>('/api/session/tenants'), []);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  if (me) return <Navigate to={(location.state as { from?: string } | null)?.from ?? '/inbox'} replace />;
  const submit = async (values: LoginForm) => {
    setBusy(true);
    setError(undefined);
    try {
      await login(values.tenant, values.login, values.password);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? t('login.failed') : err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  const options = (tenants.data ?? []).map((x) => ({ value: x.code, label: x.name }));
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center', background: '#f0f2f5' }}>
      <Card title={<Typography.Title level={3} style={{ margin: 0 }}>{t('app.title')}</Typography.Title>} style={{ width: 380 }}>
        {tenants.data && (
          <Form<LoginForm> layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ tenant: options[0]?.value }}>
            <Form.Item name="tenant" label={t('login.tenant')} rules={[{ required: true }]}>
              <Select options={options} data-testid="login-tenant" />
            </Form.Item>
            <Form.Item name="login" label={t('login.login')} rules={[{ required: true }]}>
              <Input autoFocus autoComplete="username" data-testid="login-name" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true }]}>
              <Input.Password autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            {error && <Alert type="error" title={error} style={{ marginBottom: 16 }} showIcon />}
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </Form>
        )}
        <div style={{ marginTop: 16, textAlign: 'center' }}>
          <Link to="/public">{t('login.public')}</Link>
        </div>
      </Card>
    </div>
  );
}
