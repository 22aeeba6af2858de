import { Badge, Button, Input, Select, Space, Table, Tabs, Typography, App, type InputRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, qs } from '../api/client';
import type { InboxCounts, InboxItem, InboxView, Page, Procedure } from '../api/types';
import { useAsync } from '../api/use-async';
import { DeadlineTag, RemainingDays } from '../components/DeadlineTag';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDueDate } from '../format';
import { useLocale } from '../i18n/locale';

const VIEWS: InboxView[] = ['to-claim', 'mine', 'due-soon', 'overdue', 'done'];
const PAGE_SIZE = 20;

/**
 * The inbox: five tabs with badge counts, rows sorted by due date with their
 * deadline cards, claim straight from the list, filters and search. The
 * state lives in the URL (?view=&q=&procedure=&page=), so reload and back work.
 */
export function InboxPage() {
  const { t } = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = (VIEWS.includes(params.get('view') as InboxView) ? params.get('view') : 'to-claim') as InboxView;
  const q = params.get('q') ?? '';
  const procedure = params.get('procedure') ?? undefined;
  const page = Number(params.get('page') ?? '1') || 1;
  const search = useRef<InputRef>(null);
  const [query, setQuery] = useState(q);

  const counts = useAsync(() => api.get<InboxCounts>('/api/inbox/counts'), []);
  const procedures = useAsync(() => api.get<Procedure[]>('/api/procedures'), []);
  const list = useAsync(() => api.get<Page<InboxItem>>(`/api/inbox${qs({ view, q: q || undefined, procedure, page, pageSize: PAGE_SIZE })}`), [view, q, procedure, page]);

  useEffect(() => {
    // "/" focuses the search box, as in most back-office tools.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === '/' && !(e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement)) {
        e.preventDefault();
        search.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const update = (next: Record<string, string | undefined>) => {
    const merged = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) merged.set(k, v);
      else merged.delete(k);
    }
    setParams(merged);
  };

  const claim = async (item: InboxItem) => {
    try {
      await api.post(`/api/tasks/${item.id}/claim`, { version: item.version });
      message.success(`${t('inbox.claimed')}：${item.name}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    }
    list.reload();
    counts.reload();
  };

  const columns: ColumnsType<InboxItem> = [
    { title: t('col.procedure'), dataIndex: ['procedure', 'name'], width: 170 },
    { title: t('col.task'), dataIndex: 'name', render: (name: string, item) => <Typography.Link onClick={() => navigate(`/tasks/${item.id}`)}>{name}</Typography.Link> },
    { title: t('col.counterparty'), dataIndex: ['case', 'counterparty'], ellipsis: true },
    { title: t('col.documentNumber'), dataIndex: ['case', 'documentNumber'], ellipsis: true },
    { title: t('col.department'), render: (_, item) => item.candidateDepartments.map((d) => d.name).join('、'), ellipsis: true },
    { title: t('col.dueAt'), dataIndex: 'dueAt', width: 110, render: (v: string | null) => formatDueDate(v) },
    { title: t('col.remaining'), dataIndex: 'remainingWorkingDays', width: 120, render: (v: number | null) => <RemainingDays days={v} /> },
    { title: t('col.stage'), dataIndex: 'stage', width: 100, render: (_, item) => <DeadlineTag stage={item.stage} /> },
    {
      title: t('col.actions'),
      width: 140,
      render: (_, item) => (
        <Space>
          {view === 'to-claim' && (
            <Button size="small" type="primary" onClick={() => void claim(item)} data-testid={`claim-${item.id}`}>
              {t('inbox.claim')}
            </Button>
          )}
          <Button size="small" onClick={() => navigate(`/tasks/${item.id}`)}>
            {t('inbox.open')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div>
      <Tabs
        activeKey={view}
        onChange={(key) => update({ view: key, page: undefined })}
        items={VIEWS.map((v) => ({
          key: v,
          label: (
            <span data-testid={`tab-${v}`}>
              {t(`inbox.${v}`)} <Badge count={counts.data?.[v] ?? 0} showZero={false} overflowCount={999} color={v === 'overdue' ? 'red' : v === 'due-soon' ? 'gold' : undefined} data-testid={`badge-${v}`} />
            </span>
          ),
        }))}
      />
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          ref={search}
          allowClear
          placeholder={t('inbox.search')}
          style={{ width: 360 }}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onSearch={(value) => update({ q: value || undefined, page: undefined })}
          data-testid="inbox-search"
        />
        <Select
          allowClear
          placeholder={t('inbox.procedure')}
          style={{ width: 240 }}
          value={procedure}
          onChange={(value?: string) => update({ procedure: value, page: undefined })}
          options={(procedures.data ?? []).map((p) => ({ value: p.key, label: p.name }))}
        />
      </Space>
      {list.error ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : (
        <Table<InboxItem>
          rowKey="id"
          size="middle"
          loading={list.loading}
          columns={columns}
          dataSource={list.data?.items ?? []}
          rowClassName={(item) => `stage-${item.stage ?? 'none'}`}
          pagination={{ current: page, pageSize: PAGE_SIZE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: (p) => update({ page: String(p) }) }}
          onRow={(item) => ({ onDoubleClick: () => navigate(`/tasks/${item.id}`), 'data-testid': `row-${item.id}` }) as React.HTMLAttributes<HTMLTableRowElement>}
        />
      )}
    </div>
  );
}
