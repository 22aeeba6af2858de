import { Alert, Button, Descriptions, Form, Input, Tag, Typography, type DescriptionsProps } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../api/client';
import type { PublicSubmissionStatus } from '../../api/types';
import { formatDate } from '../../format';
import { usePublicText, type PublicKey } from '../../i18n/public-messages';
import { retryMinutes } from './PublicSubmitTab';

const STATUS_COLOR: Record<PublicSubmissionStatus['status'], string> = { received: 'blue', in_progress: 'gold', answered: 'green', closed: 'default' };

/**
 * Status by receipt code: what state the submission is in, when it came,
 * and the reply once there is one. An unknown code, a malformed one and an
 * unknown county look the same (the server makes them one 404).
 */
export function PublicLookupTab({ tenant, initialCode }: { tenant: string; initialCode?: string }) {
  const t = usePublicText();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<PublicSubmissionStatus>();
  const [problem, setProblem] = useState<{ type: 'error' | 'warning'; key?: PublicKey; vars?: Record<string, string | number>; text?: string; testId: string }>();

  const lookup = async (code: string) => {
    setBusy(true);
    setProblem(undefined);
    setStatus(undefined);
    try {
      setStatus(await api.get<PublicSubmissionStatus>(`/api/public/${encodeURIComponent(tenant)}/submissions/${encodeURIComponent(code.trim())}`));
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setProblem({ type: 'error', key: 'pub.lookup.notFound', testId: 'lookup-not-found' });
      else if (err instanceof ApiError && err.status === 429) setProblem({ type: 'warning', key: 'pub.tooManyLookups', vars: { minutes: retryMinutes(err) }, testId: 'lookup-too-many' });
      else setProblem({ type: 'error', text: err instanceof Error ? err.message : String(err), testId: 'lookup-error' });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    if (!initialCode) return;
    form.setFieldsValue({ code: initialCode });
    void lookup(initialCode);
    // Only when a new code is handed over (from the receipt), not on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialCode]);

  const statusLabel = (s: PublicSubmissionStatus) => (s.status in STATUS_COLOR ? t(`pub.status.${s.status}` as PublicKey) : s.statusText);
  const resultItems = (s: PublicSubmissionStatus): DescriptionsProps['items'] => [
    { key: 'code', label: t('pub.lookup.label'), children: <Typography.Text code>{s.receiptCode}</Typography.Text> },
    {
      key: 'status',
      label: t('pub.lookup.status'),
      children: (
        <Tag color={STATUS_COLOR[s.status]} data-testid="lookup-status" data-status={s.status}>
          {statusLabel(s)}
        </Tag>
      ),
    },
    { key: 'received', label: t('pub.lookup.receivedAt'), children: <span data-testid="lookup-received-at">{formatDate(s.receivedAt)}</span> },
    ...(s.answeredAt ? [{ key: 'answered', label: t('pub.lookup.answeredAt'), children: <span data-testid="lookup-answered-at">{formatDate(s.answeredAt)}</span> }] : []),
    {
      key: 'reply',
      label: t('pub.lookup.reply'),
      children: s.reply ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }} data-testid="lookup-reply">
          {s.reply}
        </Typography.Paragraph>
      ) : (
        <Typography.Text type="secondary">{t('pub.lookup.noReply')}</Typography.Text>
      ),
    },
  ];

  return (
    <div>
      <Form form={form} layout="inline" onFinish={(v) => void lookup(v.code)} style={{ marginBottom: 24, rowGap: 8 }}>
        <Form.Item name="code" label={t('pub.lookup.label')} rules={[{ required: true, whitespace: true, message: t('pub.lookup.placeholder') }]}>
          <Input
            placeholder={t('pub.lookup.placeholder')}
            style={{ width: 340, fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' }}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            data-testid="lookup-code"
          />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="lookup-submit">
            {t('pub.lookup.submit')}
          </Button>
        </Form.Item>
      </Form>
      {problem && <Alert type={problem.type} showIcon title={problem.key ? t(problem.key, problem.vars) : problem.text} data-testid={problem.testId} />}
      {status && <Descriptions bordered column={1} size="middle" items={resultItems(status)} data-testid="lookup-result" />}
    </div>
  );
}
