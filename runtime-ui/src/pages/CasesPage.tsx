import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, ApiError, qs } from '../api/client';
import type { CaseListItem, CaseStatus, Page } from '../api/types';
import { useAsync } from '../api/use-async';
import { CaseSearchForm, type CaseFilters } from '../components/case/CaseSearchForm';
import { CaseStatusTag } from '../components/case/CaseStatusTag';
import { ErrorNotice } from '../components/ErrorNotice';
import { formatDate, formatDueDate } from '../format';
import { useCaseText } from '../i18n/case-messages';
import { useLocale } from '../i18n/locale';

const PAGE_SIZE = 20;
const TEXT_KEYS = ['procedure', 'department', 'counterparty', 'documentNumber', 'identifier', 'startedFrom', 'startedTo'] as const;
const STATUSES: CaseStatus[] = ['active', 'completed', 'terminated', 'failed'];

/** The filters as the URL holds them (the same names as the API's query). */
function filtersFrom(params: URLSearchParams): CaseFilters {
  const f: CaseFilters = {};
  for (const k of TEXT_KEYS) {
    const v = params.get(k);
    if (v) f[k] = v;
  }
  const status = params.get('status') as CaseStatus | null;
  if (status && STATUSES.includes(status)) f.status = status;
  if (params.get('overdue') === 'true') f.overdue = true;
  return f;
}

/**
 * Case search (/cases): every filter of GET /api/cases, server-side paging,
 * and the whole search in the URL so a result can be bookmarked, shared and
 * returned to with the back button. Identifiers come back masked.
 */
export default function CasesPage() {
  const ct = useCaseText();
  const { t } = useLocale();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const query = qs({ ...filters, overdue: filters.overdue ? 'true' : undefined, page, pageSize: PAGE_SIZE });
  const list = useAsync(() => api.get<Page<CaseListItem>>(`/api/cases${query}`), [query]);
  // The case page's back button returns to this very search.
  const back = { search: params.toString() };
  const isProblem = list.error instanceof ApiError && (list.error.status === 422 || list.error.status === 400);

  const search = (next: CaseFilters, nextPage?: number) => {
    const out = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) if (v !== undefined && v !== '' && v !== false) out.set(k, String(v));
    if (nextPage && nextPage > 1) out.set('page', String(nextPage));
    setParams(out);
  };

  const columns: ColumnsType<CaseListItem> = [
    {
      title: t('col.procedure'),
      dataIndex: ['procedure', 'name'],
      render: (name: string, c) => (
        <Link to={`/cases/${c.id}`} state={back} onClick={(e) => e.stopPropagation()} data-testid={`case-link-${c.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('col.counterparty'), dataIndex: 'counterparty' },
    { title: t('col.documentNumber'), dataIndex: 'documentNumber', width: 190 },
    { title: ct('col.identifier'), dataIndex: 'identifier', width: 190, render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: t('col.department'), dataIndex: ['department', 'name'] },
    { title: ct('col.startedAt'), dataIndex: 'startedAt', width: 110, render: (v: string) => formatDate(v) },
    { title: ct('col.nextDue'), dataIndex: 'nextDueAt', width: 110, render: (v: string | null) => formatDueDate(v) },
    {
      title: ct('col.overdue'),
      dataIndex: 'overdue',
      width: 90,
      render: (v: boolean) =>
        v ? (
          <Tag color="magenta" data-testid="overdue-tag">
            {ct('col.overdueTag')}
          </Tag>
        ) : null,
    },
    { title: ct('col.status'), dataIndex: 'status', width: 90, render: (s: CaseStatus) => <CaseStatusTag status={s} /> },
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <CaseSearchForm filters={filters} error={isProblem ? list.error : undefined} onSearch={(f) => search(f)} />
      {list.error && !isProblem ? (
        <ErrorNotice error={list.error} onRetry={list.reload} />
      ) : (
        <div data-testid="cases-table">
          <Table<CaseListItem>
            rowKey="id"
            size="medium"
            loading={list.loading}
            columns={columns}
            dataSource={isProblem ? [] : (list.data?.items ?? [])}
            scroll={{ x: 1100 }}
            pagination={{
              current: page,
              pageSize: PAGE_SIZE,
              total: isProblem ? 0 : (list.data?.total ?? 0),
              showSizeChanger: false,
              showTotal: (n) => <Typography.Text type="secondary">{ct('search.total', { n })}</Typography.Text>,
              onChange: (p) => search(filters, p),
            }}
            onRow={(c) =>
              ({
                onClick: () => navigate(`/cases/${c.id}`, { state: back }),
                style: { cursor: 'pointer' },
                'data-testid': `case-row-${c.id}`,
              }) as HTMLAttributes<HTMLTableRowElement>
            }
          />
        </div>
      )}
    </Space>
  );
}
