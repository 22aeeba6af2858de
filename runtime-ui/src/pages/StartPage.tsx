import { ArrowLeftOutlined, FileAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { api, qs, type FieldError } from '../api/client';
import type { Procedure } from '../api/types';
import { useAsync } from '../api/use-async';
import { ErrorNotice } from '../components/ErrorNotice';
import { SchemaForm, serverErrorsFor } from '../components/SchemaForm';
import type { FormDocument } from '../components/task/CaseContext';
import { keepUnchangedErrors, problemText } from '../components/task/field-errors';
import { newIdempotencyKey } from '../components/task/idempotency-key';
import { useTaskMessages } from '../i18n/task-messages';
import { useSession } from '../session/session';

type Data = Record<string, unknown>;

/** A procedure started by hand without a start form still takes a (empty) form, so the flow is the same. */
const NO_FORM: FormDocument = { key: '', version: 0, title: '', schema: { type: 'object', properties: {} }, uiSchema: null };

/**
 * 发起办件: the county's procedures, then the chosen one's start form. This is
 * where the bureau records an approval decision (and pushes it to the
 * supervising departments) and a supervising department records a penalty
 * to push back. The chosen procedure is in the URL (?procedure=), so reload
 * and back work.
 */
export default function StartPage() {
  const tt = useTaskMessages();
  const [params, setParams] = useSearchParams();
  const key = params.get('procedure') ?? undefined;
  const procedures = useAsync(() => api.get<Procedure[]>('/api/procedures'), []);
  const chosen = procedures.data?.find((p) => p.key === key);

  if (procedures.error) return <ErrorNotice error={procedures.error} onRetry={procedures.reload} />;
  if (!procedures.data) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  if (chosen) return <StartForm key={chosen.key} procedure={chosen} onBack={() => setParams({})} />;

  return (
    <Flex vertical gap={16} data-testid="start-page">
      <div>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {tt('start.title')}
        </Typography.Title>
        <Typography.Text type="secondary">{tt('start.hint')}</Typography.Text>
      </div>
      {procedures.data.length === 0 ? (
        <Empty description={tt('start.empty')} />
      ) : (
        <Row gutter={[16, 16]}>
          {procedures.data.map((p) => (
            <Col key={p.key} xs={24} md={12} xl={8}>
              <Card
                size="small"
                hoverable={p.inEffect !== false}
                style={{ height: '100%', opacity: p.inEffect === false ? 0.6 : 1 }}
                onClick={() => p.inEffect !== false && setParams({ procedure: p.key })}
                data-testid={`procedure-${p.key}`}
                actions={[
                  <Button
                    key="start"
                    type="link"
                    icon={<FileAddOutlined />}
                    disabled={p.inEffect === false}
                    onClick={(e) => {
                      e.stopPropagation();
                      setParams({ procedure: p.key });
                    }}
                    data-testid={`start-${p.key}`}
                  >
                    {tt('start.choose')}
                  </Button>,
                ]}
              >
                <Card.Meta
                  title={p.name}
                  description={
                    <Space size={[4, 4]} wrap>
                      {p.legalBasis && <Tag color="blue">{p.legalBasis}</Tag>}
                      <Tag>{tt('start.version', { v: p.version })}</Tag>
                      {p.inEffect === false && (
                        <Tag color="red" data-testid={`not-in-effect-${p.key}`}>
                          {tt('start.notInEffect')}
                        </Tag>
                      )}
                      {!p.startForm && <Typography.Text type="secondary">{tt('start.noForm')}</Typography.Text>}
                    </Space>
                  }
                />
              </Card>
            </Col>
          ))}
        </Row>
      )}
    </Flex>
  );
}

/** One procedure's start form: department (when the user works for several), the generated form, submit. */
function StartForm({ procedure, onBack }: { procedure: Procedure; onBack(): void }) {
  const tt = useTaskMessages();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useSession();
  const form = useAsync(
    () => (procedure.startForm ? api.get<FormDocument>(`/api/forms/${encodeURIComponent(procedure.startForm.formKey)}${qs({ version: procedure.startForm.formVersion })}`) : Promise.resolve(NO_FORM)),
    [procedure.key],
  );
  // One key per opening of the form: a double click or a retry after a lost answer starts one case, not two.
  const idempotencyKey = useMemo(() => newIdempotencyKey(), []);
  const departments = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of me?.memberships ?? []) if (m.role !== 'admin') seen.set(m.departmentId, m.departmentName);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [me]);
  const [department, setDepartment] = useState<string | undefined>();
  const [departmentError, setDepartmentError] = useState<string | undefined>();
  const [formData, setFormData] = useState<Data>({});
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const errorsFor = useRef<Data>({});
  const [busy, setBusy] = useState(false);

  const submit = async (variables: Data) => {
    if (departments.length > 1 && !department) {
      setDepartmentError(tt('start.departmentRequired'));
      return;
    }
    setBusy(true);
    setServerErrors([]);
    try {
      const res = await api.post<{ caseId: string }>('/api/cases', { procedure: procedure.key, variables, idempotencyKey, ...(departments.length > 1 ? { department } : {}) });
      message.success(tt('start.started', { name: procedure.name }));
      navigate(`/cases/${res.caseId}`);
    } catch (err) {
      const errors = serverErrorsFor(err, '/body/variables');
      const deptError = serverErrorsFor(err, '/body/department')[0];
      if (deptError) setDepartmentError(deptError.message);
      if (errors.length) {
        errorsFor.current = variables;
        setServerErrors(errors);
      }
      if (errors.length || deptError) message.error(tt('start.invalid'));
      else message.error(problemText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex vertical gap={16} data-testid="start-form-page">
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="start-back">
          {tt('start.change')}
        </Button>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {procedure.name}
        </Typography.Title>
        {procedure.legalBasis && <Tag color="blue">{procedure.legalBasis}</Tag>}
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={18}>
          <Card>
            {departments.length > 1 && (
              <Form layout="vertical">
                <Form.Item label={tt('start.department')} required validateStatus={departmentError ? 'error' : undefined} help={departmentError}>
                  <Select
                    value={department}
                    onChange={(v: string) => {
                      setDepartment(v);
                      setDepartmentError(undefined);
                    }}
                    options={departments}
                    style={{ maxWidth: 400 }}
                    data-testid="start-department"
                  />
                </Form.Item>
              </Form>
            )}
            {form.error ? (
              <ErrorNotice error={form.error} onRetry={form.reload} />
            ) : !form.data ? (
              <Spin style={{ display: 'block', margin: '40px auto' }} />
            ) : (
              <>
                {!procedure.startForm && <Alert type="info" showIcon title={tt('start.noForm')} style={{ marginBottom: 16 }} />}
                <SchemaForm
                  schema={form.data.schema}
                  uiSchema={form.data.uiSchema}
                  formData={formData}
                  onChange={(data) => {
                    setFormData(data);
                    setServerErrors((prev) => keepUnchangedErrors(prev, errorsFor.current, data));
                  }}
                  onSubmit={submit}
                  serverErrors={serverErrors}
                  submitLabel={tt('start.submit')}
                  disabled={busy}
                />
              </>
            )}
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
