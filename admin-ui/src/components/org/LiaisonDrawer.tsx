import { App, Button, Card, Drawer, Empty, Form, Input, Modal, Select, Table, Tag, Typography, type ButtonProps } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { useAsync } from '../../../../runtime-ui/src/api/use-async';
import { ErrorNotice } from '../../../../runtime-ui/src/components/ErrorNotice';
import { formatDateTime } from '../../../../runtime-ui/src/format';
import { useOrgText } from '../../i18n/org-messages';
import { orgApi, type AdminUser, type Department, type LiaisonFiling } from './org-api';

/**
 * A department's liaison officers with their full filing history
 * (第二十七条: the unit decides, then files; changes are filed too). Filing
 * a new one and ending one are separate, recorded acts, so the history
 * always shows who was liaison when.
 */
export function LiaisonDrawer({ department, members, users, onClose, onChanged }: { department: Department | null; members: AdminUser[]; users: AdminUser[]; onClose(): void; onChanged(): void }) {
  const t = useOrgText();
  const { message } = App.useApp();
  const filings = useAsync(() => (department ? orgApi.liaisons(department.id) : Promise.resolve([])), [department?.id]);
  const [ending, setEnding] = useState<LiaisonFiling | null>(null);
  const [busy, setBusy] = useState(false);
  const [designateForm] = Form.useForm<{ userId: string; note: string }>();
  const [endForm] = Form.useForm<{ reason: string }>();
  const current = new Set((filings.data ?? []).filter((f) => !f.endedAt).map((f) => f.userId));
  const candidates = members.filter((u) => u.active && !current.has(u.id));
  // The filing routes name the acting user by id; show their name.
  const who = (id: string | null | undefined) => (id ? (users.find((u) => u.id === id)?.displayName ?? id) : '');

  const act = async (fn: () => Promise<unknown>, ok: string, after: () => void) => {
    setBusy(true);
    try {
      await fn();
      message.success(ok);
      after();
      filings.reload();
      // Filing and ending change the liaison role too (the server keeps them in step).
      onChanged();
    } catch (err) {
      message.error(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={department !== null} onClose={onClose} size={960} title={department ? t('org.liaison.title', { name: department.name }) : ''} destroyOnHidden>
      {filings.error ? <ErrorNotice error={filings.error} onRetry={filings.reload} /> : null}
      <Table<LiaisonFiling>
        size="small"
        rowKey="id"
        loading={filings.loading}
        dataSource={filings.data ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('org.liaison.none')} /> }}
        onRow={(f) => ({ 'data-testid': 'org-liaison-row', 'data-current': !f.endedAt }) as HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('org.liaison.user'), key: 'user', render: (_: unknown, f) => `${f.userName}（${f.userLogin}）` },
          { title: t('org.liaison.status'), key: 'status', render: (_: unknown, f) => (f.endedAt ? <Tag>{t('org.liaison.ended')}</Tag> : <Tag color="green">{t('org.liaison.current')}</Tag>) },
          { title: t('org.liaison.designatedAt'), dataIndex: 'designatedAt', render: (d: string) => formatDateTime(d) },
          { title: t('org.liaison.designatedBy'), dataIndex: 'designatedBy', render: (id: string | null) => who(id) },
          { title: t('org.liaison.note'), dataIndex: 'note' },
          { title: t('org.liaison.endedAt'), dataIndex: 'endedAt', render: (d: string | null, f) => (d ? `${formatDateTime(d)}（${who(f.endedBy)}）` : '') },
          { title: t('org.liaison.endReason'), dataIndex: 'endReason' },
          {
            title: '',
            key: 'end',
            render: (_: unknown, f) =>
              !f.endedAt && (
                <Button size="small" danger onClick={() => setEnding(f)} data-testid="org-liaison-end">
                  {t('org.liaison.end')}
                </Button>
              ),
          },
        ]}
      />
      <Card size="small" title={t('org.liaison.designate')} style={{ marginTop: 16 }}>
        <Typography.Paragraph type="secondary">{t('org.liaison.designateHint')}</Typography.Paragraph>
        {members.length === 0 ? (
          <Typography.Text type="warning">{t('org.liaison.noMembers')}</Typography.Text>
        ) : (
          <Form
            form={designateForm}
            layout="vertical"
            onFinish={(v) =>
              department &&
              void act(() => orgApi.designate(department.id, v.userId, v.note.trim()), t('org.liaison.designated'), () => designateForm.resetFields())
            }
          >
            <Form.Item name="userId" label={t('org.liaison.user')} rules={[{ required: true, message: t('org.liaison.userRequired') }]}>
              <Select showSearch={{ optionFilterProp: 'label' }} options={candidates.map((u) => ({ value: u.id, label: `${u.displayName}（${u.login}）` }))} data-testid="org-liaison-user" />
            </Form.Item>
            <Form.Item name="note" label={t('org.liaison.note')} rules={[{ required: true, whitespace: true, message: t('org.liaison.noteRequired') }, { max: 2000 }]}>
              <Input.TextArea autoSize={{ minRows: 2 }} placeholder={t('org.liaison.notePlaceholder')} data-testid="org-liaison-note" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="org-liaison-designate">
              {t('org.liaison.designate')}
            </Button>
          </Form>
        )}
      </Card>
      <Modal
        open={ending !== null}
        title={t('org.liaison.endTitle', { name: ending?.userName ?? '' })}
        onCancel={() => setEnding(null)}
        onOk={() => endForm.submit()}
        confirmLoading={busy}
        okButtonProps={{ danger: true, 'data-testid': 'org-liaison-end-ok' } as ButtonProps}
        destroyOnHidden
      >
        <Form form={endForm} layout="vertical" preserve={false} onFinish={(v) => ending && void act(() => orgApi.endLiaison(ending.id, v.reason.trim()), t('org.liaison.endedOk'), () => setEnding(null))}>
          <Form.Item name="reason" label={t('org.liaison.endReason')} rules={[{ required: true, whitespace: true, message: t('org.liaison.reasonRequired') }, { max: 2000 }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} placeholder={t('org.liaison.reasonPlaceholder')} data-testid="org-liaison-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}
