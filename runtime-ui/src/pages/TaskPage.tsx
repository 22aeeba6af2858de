import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Row, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { ApiError, request, type FieldError } from '../api/client';
import type { TaskDetail, TaskStatus } from '../api/types';
import { useAsync } from '../api/use-async';
import { DeadlineTag, RemainingDays } from '../components/DeadlineTag';
import { ErrorNotice } from '../components/ErrorNotice';
import { SchemaForm, serverErrorsFor } from '../components/SchemaForm';
import { AttachmentsPanel } from '../components/task/AttachmentsPanel';
import { CaseContext } from '../components/task/CaseContext';
import { DelegateDialog, type Delegate } from '../components/task/DelegateDialog';
import { DraftIndicator } from '../components/task/DraftIndicator';
import { keepUnchangedErrors, problemText } from '../components/task/field-errors';
import { OfflineDeliveryDialog, type OfflineDeliveryRecord } from '../components/task/OfflineDeliveryDialog';
import { ReturnDialog } from '../components/task/ReturnDialog';
import { useDraftAutosave } from '../components/task/use-draft-autosave';
import { formatDateTime, formatDueDate } from '../format';
import { useTaskMessages } from '../i18n/task-messages';
import { useSession } from '../session/session';

const STATUS_COLOURS: Record<TaskStatus, string> = { open: 'blue', claimed: 'processing', completed: 'success', returned: 'warning', cancelled: 'default' };

type Data = Record<string, unknown>;
type Dialog = 'return' | 'delegate' | 'offline';

/**
 * The task page (办理): the task with its deadline, the generated form with
 * the user's draft, the case beside it, and the commands the server says
 * this user may use. Every command carries the ETag the page was loaded
 * with (If-Match), so acting on a task someone else just changed is a 409
 * and a reload, never a silent overwrite. Form errors from the server show
 * under their fields.
 */
export default function TaskPage() {
  const { id = '' } = useParams();
  const tt = useTaskMessages();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me } = useSession();
  const loaded = useAsync(async () => {
    const { data, headers } = await request<TaskDetail>(`/api/tasks/${id}`);
    return { detail: data, etag: headers.get('ETag') ?? undefined };
  }, [id]);
  const detail = loaded.data?.detail.task.id === id ? loaded.data.detail : undefined;
  const task = detail?.task;
  const isAssignee = task?.status === 'claimed' && task.assignee?.id === me?.userId;

  const [formData, setFormData] = useState<Data>({});
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const errorsFor = useRef<Data>({});
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [busy, setBusy] = useState<string | undefined>();
  const [attachmentsTick, setAttachmentsTick] = useState(0);
  const [restored, setRestored] = useState(false);
  const draft = useDraftAutosave(id, isAssignee);
  const initialisedFor = useRef<string | undefined>(undefined);
  const formDataRef = useRef(formData);
  formDataRef.current = formData;

  // The form starts from the server's draft (the assignee's only). On a reload of the same task (after a
  // claim), what the user already typed wins; once they are the assignee it becomes their draft.
  useEffect(() => {
    if (!detail) return;
    if (initialisedFor.current !== detail.task.id) {
      initialisedFor.current = detail.task.id;
      // A finished task shows what it was completed with; an open one starts from the draft.
      const start = detail.submission ?? detail.draft ?? {};
      setFormData(start);
      setServerErrors([]);
      setRestored(detail.draft !== null && Object.keys(detail.draft).length > 0);
      draft.reset(start);
      return;
    }
    if (Object.keys(formDataRef.current).length === 0 && detail.draft) {
      setFormData(detail.draft);
      draft.reset(detail.draft);
    } else if (detail.task.status === 'claimed' && detail.task.assignee?.id === me?.userId) {
      draft.changed(formDataRef.current);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [detail]);

  if (!detail || !task) {
    if (loaded.error) return <ErrorNotice error={loaded.error} onRetry={loaded.reload} />;
    return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  }

  /** POST a command with If-Match; the answer is the caller's, failures other than field errors are reported here. */
  const command = async (name: string, body?: unknown): Promise<void> => {
    setBusy(name);
    try {
      await request(`/api/tasks/${id}/${name}`, { method: 'POST', body, headers: loaded.data?.etag ? { 'If-Match': loaded.data.etag } : {} });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        message.warning(tt('task.conflict'));
        setDialog(undefined);
        loaded.reload();
      } else if (err instanceof ApiError && err.status === 403) {
        message.error(tt('task.forbidden', { detail: problemText(err) }));
      } else if (!(err instanceof ApiError && err.status === 422 && err.fieldErrors.length)) {
        message.error(problemText(err));
      }
      throw err;
    } finally {
      setBusy(undefined);
    }
  };

  /** Field errors of a rejected submission go under their fields; they clear as each field is edited. */
  const showDataErrors = (err: unknown, data: Data, note: 'task.invalid' | 'offline.dataInvalid' = 'task.invalid'): boolean => {
    const errors = serverErrorsFor(err, '/body/data');
    if (!errors.length) return false;
    errorsFor.current = data;
    setServerErrors(errors);
    message.error(tt(note));
    return true;
  };

  const onChange = (data: Data) => {
    setFormData(data);
    setServerErrors((prev) => keepUnchangedErrors(prev, errorsFor.current, data));
    draft.changed(data);
  };

  const finished = (key: 'task.completed' | 'task.returned' | 'task.offlineDone') => {
    message.success(tt(key, { name: task.name }));
    navigate('/inbox');
  };

  const complete = async (data: Data) => {
    draft.cancel();
    setServerErrors([]);
    try {
      await command('complete', { data });
      finished('task.completed');
    } catch (err) {
      showDataErrors(err, data);
      draft.changed(data);
    }
  };

  const claim = (name: 'claim' | 'unclaim') =>
    command(name).then(
      () => {
        message.success(tt(name === 'claim' ? 'task.claimed' : 'task.unclaimed'));
        loaded.reload();
      },
      () => undefined,
    );

  const returnTask = async (reason: string) => {
    draft.cancel();
    await command('return', { reason });
    finished('task.returned');
  };

  const delegate = async (to: Delegate) => {
    await command('delegate', { userId: to.id });
    message.success(tt('task.delegated', { name: to.name }));
    setDialog(undefined);
    loaded.reload();
  };

  const deliverOffline = async (record: OfflineDeliveryRecord) => {
    draft.cancel();
    const data = formData;
    try {
      await command('offline-delivery', { ...record, data });
      finished('task.offlineDone');
    } catch (err) {
      draft.changed(data);
      // The record is fine, the form on the page is not: show the errors there and let the user fix it.
      if (showDataErrors(err, data, 'offline.dataInvalid')) {
        setDialog(undefined);
        return;
      }
      throw err;
    }
  };

  const done = task.status === 'completed' || task.status === 'returned' || task.status === 'cancelled';
  const claimedByOther = task.status === 'claimed' && !isAssignee;

  return (
    <Flex vertical gap={16} data-testid="task-page" data-task-status={task.status}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Space wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/inbox')} data-testid="task-back">
            {tt('task.back')}
          </Button>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="task-title">
            {detail.procedure.name} · {task.name}
          </Typography.Title>
          <Tag color={STATUS_COLOURS[task.status]} data-testid="task-status">
            {tt(`task.status.${task.status}`)}
          </Tag>
        </Space>
        <Space wrap>
          {detail.can.claim && (
            <Button type="primary" loading={busy === 'claim'} onClick={() => void claim('claim')} data-testid="task-claim">
              {tt('task.claim')}
            </Button>
          )}
          {detail.can.unclaim && (
            <Button loading={busy === 'unclaim'} onClick={() => void claim('unclaim')} data-testid="task-unclaim">
              {tt('task.unclaim')}
            </Button>
          )}
        </Space>
      </Flex>

      <Card size="small">
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={[
            { key: 'procedure', label: tt('task.procedure'), children: detail.procedure.name },
            { key: 'legalBasis', label: tt('task.legalBasis'), children: task.legalBasis ?? '—' },
            {
              key: 'deadline',
              label: tt('task.deadline'),
              children: !done ? (
                <DeadlineTag stage={task.stage} />
              ) : task.metDeadline === null ? (
                '—'
              ) : (
                <Tag color={task.metDeadline ? 'green' : 'red'}>{tt(task.metDeadline ? 'task.metDeadline' : 'task.missedDeadline')}</Tag>
              ),
            },
            { key: 'dueAt', label: tt('task.dueAt'), children: <span data-testid="task-due">{formatDueDate(task.dueAt) || '—'}</span> },
            { key: 'remaining', label: tt('task.remaining'), children: done || task.remainingWorkingDays === null ? '—' : <RemainingDays days={task.remainingWorkingDays} /> },
            { key: 'assignee', label: tt('task.assignee'), children: <span data-testid="task-assignee">{task.assignee?.name ?? tt('task.unassigned')}</span> },
            { key: 'departments', label: tt('task.departments'), children: task.candidateDepartments.map((d) => d.name).join('、') || '—' },
            { key: 'createdAt', label: tt('task.createdAt'), children: formatDateTime(task.createdAt) },
          ]}
        />
      </Card>

      {done && (
        <Alert
          type={task.status === 'completed' ? 'success' : task.status === 'returned' ? 'warning' : 'info'}
          showIcon
          data-testid="task-result"
          title={task.status === 'cancelled' ? tt('task.result.cancelled') : tt(task.status === 'completed' ? 'task.result.completed' : 'task.result.returned', { at: formatDateTime(task.completedAt) })}
          description={
            <Flex vertical>
              {task.returnReason && <span>{tt('task.result.reason', { reason: task.returnReason })}</span>}
              {task.deliveryChannel && <span>{task.deliveryChannel === 'offline' ? tt('task.result.channel.offline') : tt('task.result.channel.other', { channel: task.deliveryChannel })}</span>}
              {task.status === 'completed' && <span>{tt('task.result.noSubmission')}</span>}
            </Flex>
          }
        />
      )}
      {claimedByOther && <Alert type="info" showIcon title={tt('task.claimedByOther', { name: task.assignee?.name ?? '' })} />}

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card title={detail.form.title} extra={<DraftIndicator draft={draft} enabled={isAssignee} restored={restored} />} data-testid="task-form">
            <SchemaForm
              schema={detail.form.schema}
              uiSchema={detail.form.uiSchema}
              formData={formData}
              onChange={onChange}
              onSubmit={complete}
              serverErrors={serverErrors}
              submitLabel={tt('task.complete')}
              disabled={!detail.can.complete || busy !== undefined}
            >
              {detail.can.return && (
                <Button danger onClick={() => setDialog('return')} disabled={busy !== undefined} data-testid="task-return">
                  {tt('task.return')}
                </Button>
              )}
              {detail.can.delegate && (
                <Button onClick={() => setDialog('delegate')} disabled={busy !== undefined} data-testid="task-delegate">
                  {tt('task.delegate')}
                </Button>
              )}
              {detail.offline.allowed && detail.can.complete && (
                <Button onClick={() => setDialog('offline')} disabled={busy !== undefined} data-testid="task-offline">
                  {tt('task.offline')}
                </Button>
              )}
            </SchemaForm>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Flex vertical gap={16}>
            <CaseContext caseData={detail.case} procedureKey={detail.procedure.key} taskSchema={detail.form.schema} />
            <AttachmentsPanel caseId={detail.case.id} taskId={task.id} refreshKey={attachmentsTick} readOnly={done} />
          </Flex>
        </Col>
      </Row>

      <ReturnDialog open={dialog === 'return'} onCancel={() => setDialog(undefined)} onSubmit={returnTask} />
      <DelegateDialog taskId={id} open={dialog === 'delegate'} onCancel={() => setDialog(undefined)} onSubmit={delegate} />
      {detail.offline.allowed && (
        <OfflineDeliveryDialog
          open={dialog === 'offline'}
          caseId={detail.case.id}
          taskId={task.id}
          channels={detail.offline.channels}
          onCancel={() => setDialog(undefined)}
          onSubmit={deliverOffline}
          onUploaded={() => setAttachmentsTick((n) => n + 1)}
        />
      )}
    </Flex>
  );
}
