import { Alert, App, Button, Col, Form, Input, Row, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../../../runtime-ui/src/api/client';
import { usePlatformText } from '../../i18n/platform-messages';
import { ScenarioResults } from './ScenarioResults';
import { COUNTY_CODE, packRefusal, platformApi, type AvailablePack, type CreatedCounty, type ScenarioResult } from './platform-api';

interface Values {
  pack: string;
  code: string;
  name: string;
  password: string;
  passwordAgain: string;
}

type Outcome = { kind: 'created'; county: CreatedCounty } | { kind: 'refused'; problems: string[]; scenarios: ScenarioResult[] };

const FIELDS: readonly string[] = ['pack', 'code', 'name'];

/**
 * 从规则包新建县区: pick a pack from the server's folder, give the county a
 * code, a name and its admin's password (twice, as nobody can read it back).
 * The server validates the pack and rehearses its scenarios before writing
 * anything, so the outcome shows either the new county's login or why not.
 */
export function CreateCountyForm({ packs, onCreated }: { packs: AvailablePack[]; onCreated(): void }) {
  const t = usePlatformText();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const packDir = Form.useWatch('pack', form);
  const chosen = packs.find((p) => p.dir === packDir);

  const pickPack = (dir: string) => {
    const pack = packs.find((p) => p.dir === dir);
    // The pack's own county as a starting point, without overwriting what was typed.
    if (pack && !form.getFieldValue('code')) form.setFieldValue('code', pack.tenant.code);
    if (pack && !form.getFieldValue('name')) form.setFieldValue('name', pack.tenant.name);
  };

  const submit = async (v: Values) => {
    setBusy(true);
    setOutcome(null);
    try {
      const county = await platformApi.create({ pack: v.pack, code: v.code.trim(), name: v.name.trim(), adminPassword: v.password });
      setOutcome({ kind: 'created', county });
      message.success(t('platform.created', { name: county.name }));
      form.resetFields();
      onCreated();
    } catch (err) {
      const refusal = packRefusal(err);
      if (refusal) setOutcome({ kind: 'refused', ...refusal });
      else if (err instanceof ApiError && err.status === 409) form.setFields([{ name: 'code', errors: [t('platform.codeTaken')] }]);
      else if (err instanceof ApiError && err.fieldErrors.length) {
        const field = (pointer: string) => {
          const name = pointer.replace(/^\/body\//, '').split('/')[0] ?? '';
          return name === 'adminPassword' ? 'password' : FIELDS.includes(name) ? name : 'pack';
        };
        form.setFields(err.fieldErrors.map((f) => ({ name: field(f.pointer) as keyof Values, errors: [f.message] })));
      } else message.error(`${t('platform.failed')}: ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} disabled={busy} data-testid="county-create-form">
      <Typography.Paragraph type="secondary">{t('platform.createHint')}</Typography.Paragraph>
      <Form.Item
        name="pack"
        label={t('platform.packLabel')}
        rules={[{ required: true, message: t('platform.packRequired') }]}
        extra={
          chosen ? (
            <Space orientation="vertical" size={0}>
              <span>
                {chosen.validity.to || chosen.validity.from ? t('platform.validity', { from: chosen.validity.from ?? '—', to: chosen.validity.to ?? '—' }) : t('platform.validityOpen')}
              </span>
              <span>{t('platform.packSummary', { procedures: chosen.procedures, scenarios: chosen.scenarios, code: chosen.tenant.code })}</span>
            </Space>
          ) : undefined
        }
      >
        <Select
          data-testid="county-pack"
          onChange={pickPack}
          notFoundContent={t('platform.packNone')}
          options={packs.map((p) => ({
            value: p.dir,
            label: (
              <span>
                {t('platform.packOption', { title: p.title, documentNumber: p.documentNumber })}{' '}
                <Typography.Text type="secondary">
                  {p.validity.from ?? '—'} ~ {p.validity.to ?? '—'} · {p.dir}
                </Typography.Text>
              </span>
            ),
          }))}
        />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} md={10}>
          <Form.Item
            name="code"
            label={t('platform.code')}
            extra={t('platform.codeHint')}
            rules={[
              { required: true, whitespace: true, message: t('platform.codeRequired') },
              { pattern: COUNTY_CODE, message: t('platform.codeInvalid') },
            ]}
          >
            <Input maxLength={40} autoComplete="off" data-testid="county-code" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item name="name" label={t('platform.name')} rules={[{ required: true, whitespace: true, message: t('platform.nameRequired') }]}>
            <Input maxLength={200} data-testid="county-name" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="password"
            label={t('platform.password')}
            extra={t('platform.passwordHint')}
            rules={[
              { required: true, message: t('platform.passwordShort') },
              { min: 12, message: t('platform.passwordShort') },
            ]}
          >
            <Input.Password maxLength={256} autoComplete="new-password" data-testid="county-password" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            name="passwordAgain"
            label={t('platform.passwordAgain')}
            dependencies={['password']}
            rules={[
              { required: true, message: t('platform.passwordMismatch') },
              ({ getFieldValue }) => ({
                validator: (_, value: string | undefined) => (!value || value === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('platform.passwordMismatch')))),
              }),
            ]}
          >
            <Input.Password maxLength={256} autoComplete="new-password" data-testid="county-password-again" />
          </Form.Item>
        </Col>
      </Row>
      <Space align="center">
        <Button type="primary" htmlType="submit" loading={busy} disabled={packs.length === 0} data-testid="county-create">
          {t('platform.submit')}
        </Button>
        {busy && <Typography.Text type="secondary">{t('platform.running')}</Typography.Text>}
      </Space>
      {outcome?.kind === 'created' && (
        <Alert
          style={{ marginTop: 16 }}
          type="success"
          showIcon
          data-testid="county-created"
          title={t('platform.createdTitle', { name: outcome.county.name, code: outcome.county.code })}
          description={
            <>
              <Typography.Paragraph data-testid="county-login-hint">{t('platform.loginHint', { name: outcome.county.name, code: outcome.county.code })}</Typography.Paragraph>
              <ScenarioResults scenarios={outcome.county.scenarios} />
            </>
          }
        />
      )}
      {outcome?.kind === 'refused' && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          data-testid="county-refused"
          title={t('platform.refused')}
          description={
            <>
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {outcome.problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
              {outcome.scenarios.length > 0 && <ScenarioResults scenarios={outcome.scenarios} />}
            </>
          }
        />
      )}
    </Form>
  );
}
