import { Alert, Button, Card, Layout, Select, Space, Spin, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import type { PublicIntakeForm } from '../api/types';
import { useAsync } from '../api/use-async';
import { ErrorNotice } from '../components/ErrorNotice';
import { FormErrorBoundary } from '../components/public/FormErrorBoundary';
import { PublicLookupTab } from '../components/public/PublicLookupTab';
import { PublicSubmitTab } from '../components/public/PublicSubmitTab';
import { useLocale } from '../i18n/locale';
import { usePublicText } from '../i18n/public-messages';

type TabKey = 'submit' | 'lookup';

/**
 * 社会监督 (第三十五条) for anyone, without a login: send a report or a
 * suggestion through the county's own intake form, and follow it up by
 * receipt code. The county is the URL's segment (/public/qufu); on plain
 * /public the first county served here is chosen and put in the URL. The
 * receipt code is never put in the URL (it would end up in history and
 * logs): it travels from the receipt to the lookup tab in memory.
 */
export default function PublicPage() {
  const t = usePublicText();
  const { locale, setLocale, t: tCommon } = useLocale();
  const navigate = useNavigate();
  const segment = (useParams()['*'] ?? '').split('/')[0] ?? '';
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'lookup' ? 'lookup' : 'submit';
  const [handedCode, setHandedCode] = useState<string>();

  const tenants = useAsync(() => api.get<{ code: string; name: string }[]>('/api/session/tenants'), []);
  const tenant = segment || undefined;
  useEffect(() => {
    const first = tenants.data?.[0]?.code;
    if (!segment && first) navigate(`/public/${encodeURIComponent(first)}`, { replace: true });
  }, [segment, tenants.data, navigate]);

  const intake = useAsync(
    () => (tenant ? api.get<PublicIntakeForm>(`/api/public/${encodeURIComponent(tenant)}/intake-form`) : Promise.resolve(undefined)),
    [tenant],
  );
  const countyName = tenants.data?.find((x) => x.code === tenant)?.name;
  useEffect(() => {
    document.title = [t('pub.title'), countyName].filter(Boolean).join(' · ');
  }, [t, countyName]);

  const setTab = (key: string) => setParams(key === 'lookup' ? { tab: 'lookup' } : {}, { replace: true });
  const showLookup = (code: string) => {
    setHandedCode(code);
    setTab('lookup');
  };

  const description = intake.data?.form.schema.description;
  const body = () => {
    if (intake.error instanceof ApiError && intake.error.status === 404) return <Alert type="info" showIcon title={t('pub.noIntake')} data-testid="public-no-intake" />;
    if (intake.error) return <ErrorNotice error={intake.error} onRetry={intake.reload} />;
    if (!intake.data || !tenant) return <Spin style={{ display: 'block', margin: '48px auto' }} />;
    return (
      <Space orientation="vertical" size="middle" style={{ display: 'flex' }}>
        <Card>
          <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="public-form-title">
            {intake.data.form.title || intake.data.name}
          </Typography.Title>
          <Typography.Paragraph>{typeof description === 'string' && description ? description : t('pub.intro')}</Typography.Paragraph>
          {intake.data.legalBasis && (
            <Typography.Paragraph type="secondary" data-testid="public-legal-basis">
              {t('pub.legalBasis', { basis: intake.data.legalBasis })}
            </Typography.Paragraph>
          )}
          <Alert type="info" showIcon title={t('pub.privacy.title')} description={t('pub.privacy.body')} data-testid="public-privacy" />
        </Card>
        <Card>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'submit',
                label: <span data-testid="public-tab-submit">{t('pub.tab.submit')}</span>,
                children: (
                  <FormErrorBoundary key={tenant} fallback={(error) => <ErrorNotice error={error} />}>
                    <PublicSubmitTab tenant={tenant} intake={intake.data} onLookup={showLookup} />
                  </FormErrorBoundary>
                ),
              },
              {
                key: 'lookup',
                label: <span data-testid="public-tab-lookup">{t('pub.tab.lookup')}</span>,
                children: <PublicLookupTab key={tenant} tenant={tenant} initialCode={handedCode} />,
              },
            ]}
          />
        </Card>
      </Space>
    );
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* Wraps on a phone rather than pushing the links off screen: many of the public come on one. */}
      <Layout.Header style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 16, height: 'auto', minHeight: 64, lineHeight: '48px', paddingInline: 16 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }}>
          {t('pub.title')}
          {countyName ? ` · ${countyName}` : ''}
        </Typography.Title>
        <Typography.Text style={{ color: 'rgba(255,255,255,0.75)', flex: 1, minWidth: 0 }} ellipsis>
          {t('pub.subtitle')}
        </Typography.Text>
        {(tenants.data?.length ?? 0) > 1 && (
          <Select
            aria-label={t('pub.county')}
            style={{ width: 200 }}
            value={tenant}
            onChange={(code: string) => navigate(`/public/${encodeURIComponent(code)}`)}
            options={tenants.data!.map((x) => ({ value: x.code, label: x.name }))}
            data-testid="public-county"
          />
        )}
        <Button type="link" style={{ color: '#fff' }} onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')} data-testid="locale-toggle">
          {tCommon('nav.language')}
        </Button>
        <Link to="/login" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          {t('pub.staffLogin')}
        </Link>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 12px' }}>
        <div style={{ maxWidth: 880, margin: '0 auto' }}>{body()}</div>
      </Layout.Content>
    </Layout>
  );
}
