import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Checkbox, Col, DatePicker, Form, Input, Row, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { api, ApiError } from '../../api/client';
import type { CaseStatus, Department, Procedure } from '../../api/types';
import { useAsync } from '../../api/use-async';
import { useCaseText } from '../../i18n/case-messages';
import { useSession } from '../../session/session';

/** The search as GET /api/cases takes it, and as the URL keeps it. */
export interface CaseFilters {
  procedure?: string;
  status?: CaseStatus;
  department?: string;
  counterparty?: string;
  documentNumber?: string;
  identifier?: string;
  startedFrom?: string;
  startedTo?: string;
  overdue?: boolean;
}

interface FormValues {
  procedure?: string;
  status?: CaseStatus;
  department?: string;
  counterparty?: string;
  documentNumber?: string;
  identifier?: string;
  started?: [Dayjs | null, Dayjs | null] | null;
  overdue?: boolean;
}

const STATUSES: CaseStatus[] = ['active', 'completed', 'terminated', 'failed'];
const IDENTIFIER = /^[0-9A-Za-z]{15,18}$/;
/** Where a 422's field pointer lands in the form. */
const FIELD_OF_POINTER: Record<string, keyof FormValues> = {
  '/query/procedure': 'procedure',
  '/query/status': 'status',
  '/query/department': 'department',
  '/query/counterparty': 'counterparty',
  '/query/documentNumber': 'documentNumber',
  '/query/identifier': 'identifier',
  '/query/startedFrom': 'started',
  '/query/startedTo': 'started',
  '/query/overdue': 'overdue',
};

const trimmed = (s: string | undefined) => s?.trim() || undefined;

function toForm(f: CaseFilters): FormValues {
  return {
    ...f,
    started: f.startedFrom || f.startedTo ? [f.startedFrom ? dayjs(f.startedFrom) : null, f.startedTo ? dayjs(f.startedTo) : null] : null,
    overdue: f.overdue ?? false,
  };
}

function fromForm(v: FormValues): CaseFilters {
  return {
    procedure: v.procedure,
    status: v.status,
    department: v.department,
    counterparty: trimmed(v.counterparty),
    documentNumber: trimmed(v.documentNumber),
    identifier: trimmed(v.identifier)?.toUpperCase(),
    startedFrom: v.started?.[0]?.format('YYYY-MM-DD'),
    startedTo: v.started?.[1]?.format('YYYY-MM-DD'),
    overdue: v.overdue || undefined,
  };
}

/** Department options: the user's own departments first, then the rest of the county (a push reaches other departments). */
function useDepartmentOptions() {
  const ct = useCaseText();
  const { me } = useSession();
  const all = useAsync(() => api.get<Department[]>('/api/departments').catch(() => [] as Department[]), []);
  const own = new Map((me?.memberships ?? []).filter((m) => m.role !== 'admin').map((m) => [m.departmentId, m.departmentName]));
  const others = (all.data ?? []).filter((d) => !own.has(d.id));
  return [
    { label: ct('search.ownDepartments'), options: [...own].map(([value, label]) => ({ value, label })) },
    ...(others.length ? [{ label: ct('search.otherDepartments'), options: others.map((d) => ({ value: d.id, label: d.name })) }] : []),
  ];
}

/**
 * The filters of the case search. Kept in the URL by the page; this form
 * only edits them. Identifier and dates are checked here as the server checks
 * them, and whatever the server still refuses (a 422) is shown above the
 * form and on the field it points at.
 */
export function CaseSearchForm({ filters, error, onSearch }: { filters: CaseFilters; error: unknown; onSearch(filters: CaseFilters): void }) {
  const ct = useCaseText();
  const [form] = Form.useForm<FormValues>();
  const procedures = useAsync(() => api.get<Procedure[]>('/api/procedures'), []);
  const departments = useDepartmentOptions();
  const problem = error instanceof ApiError && (error.status === 422 || error.status === 400) ? error : undefined;
  const filtersKey = JSON.stringify(filters);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toForm(filters));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [filtersKey]);

  useEffect(() => {
    if (!problem) return;
    const byField = new Map<keyof FormValues, string[]>();
    for (const e of problem.fieldErrors) {
      const field = FIELD_OF_POINTER[e.pointer];
      if (field) byField.set(field, [...(byField.get(field) ?? []), e.message]);
    }
    form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  }, [problem, form]);

  return (
    <Card size="small" data-testid="case-search">
      {problem && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={ct('search.failed')}
          description={[problem.problem?.detail, ...problem.fieldErrors.map((e) => `${e.pointer.replace('/query/', '')}: ${e.message}`)].filter(Boolean).join('；')}
          data-testid="search-problem"
        />
      )}
      <Form<FormValues> form={form} layout="vertical" initialValues={toForm(filters)} onFinish={(v) => onSearch(fromForm(v))}>
        <Row gutter={16}>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="procedure" label={ct('search.procedure')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={(procedures.data ?? []).map((p) => ({ value: p.key, label: p.name }))} data-testid="search-procedure" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="status" label={ct('search.status')}>
              <Select allowClear options={STATUSES.map((s) => ({ value: s, label: ct(`status.${s}`) }))} data-testid="search-status" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="department" label={ct('search.department')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={departments} data-testid="search-department" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="started" label={ct('search.started')}>
              <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} format="YYYY-MM-DD" data-testid="search-started" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="counterparty" label={ct('search.counterparty')}>
              <Input allowClear maxLength={100} placeholder={ct('search.counterpartyPlaceholder')} data-testid="search-counterparty" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item name="documentNumber" label={ct('search.documentNumber')}>
              <Input allowClear maxLength={100} placeholder={ct('search.documentNumberPlaceholder')} data-testid="search-document-number" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item
              name="identifier"
              label={ct('search.identifier')}
              rules={[{ validator: (_, v: string | undefined) => (!trimmed(v) || IDENTIFIER.test(trimmed(v)!) ? Promise.resolve() : Promise.reject(new Error(ct('search.identifierInvalid')))) }]}
            >
              <Input allowClear maxLength={18} placeholder={ct('search.identifierPlaceholder')} style={{ fontFamily: 'monospace' }} data-testid="search-identifier" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} xl={6}>
            <Form.Item label=" " colon={false}>
              <Space wrap>
                <Form.Item name="overdue" valuePropName="checked" noStyle>
                  <Checkbox data-testid="search-overdue">{ct('search.overdue')}</Checkbox>
                </Form.Item>
                <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search-submit">
                  {ct('search.submit')}
                </Button>
                <Button onClick={() => onSearch({})} data-testid="search-reset">
                  {ct('search.reset')}
                </Button>
              </Space>
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Card>
  );
}
