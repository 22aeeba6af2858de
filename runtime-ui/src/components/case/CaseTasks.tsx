import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { TaskView } from '../../api/types';
import { formatDateTime, formatDueDate } from '../../format';
import { useCaseText } from '../../i18n/case-messages';
import { useSession } from '../../session/session';
import { DeadlineTag, RemainingDays } from '../DeadlineTag';
import { TaskStatusTag } from './CaseStatusTag';

const isOpen = (task: TaskView) => task.status === 'open' || task.status === 'claimed';

/**
 * Whether the task page is worth a link: the task is open and offered to one
 * of the user's departments (or the user is a bureau leader, who reads every
 * task); anyone else would get the server's 404.
 */
function useMayOpen(): (task: TaskView) => boolean {
  const { me } = useSession();
  const working = (me?.memberships ?? []).filter((m) => m.role !== 'admin');
  const mine = new Set(working.map((m) => m.departmentId));
  const all = working.some((m) => m.role === 'leader' && m.departmentKind === 'approval_bureau');
  return (task) => isOpen(task) && (all || task.candidateDepartments.some((d) => mine.has(d.id)));
}

/**
 * Whether a deadline was kept: for an open task its card (黄牌/红牌/超期)
 * and the working days left; for a finished one 按期 or 超期 as the server
 * judged it against the working-day calendar; nothing to judge without a deadline.
 */
function DeadlineCell({ task }: { task: TaskView }) {
  const ct = useCaseText();
  if (isOpen(task)) {
    return (
      <Space size={4} wrap>
        <DeadlineTag stage={task.stage} />
        <RemainingDays days={task.remainingWorkingDays} />
      </Space>
    );
  }
  if (task.metDeadline === null) return task.dueAt ? null : <Typography.Text type="secondary">{ct('tasks.noDeadline')}</Typography.Text>;
  return (
    <Tag color={task.metDeadline ? 'green' : 'red'} data-testid="met-deadline" data-met={task.metDeadline}>
      {task.metDeadline ? ct('tasks.met') : ct('tasks.missed')}
    </Tag>
  );
}

/** Every step of the case with its departments, dates and deadline, the statutory clock made visible (第二十条 etc.). */
export function CaseTasks({ tasks }: { tasks: TaskView[] }) {
  const ct = useCaseText();
  const mayOpen = useMayOpen();
  const columns: ColumnsType<TaskView> = [
    {
      title: ct('tasks.name'),
      dataIndex: 'name',
      render: (name: string, task) => (
        <Space orientation="vertical" size={0}>
          {mayOpen(task) ? (
            <Link to={`/tasks/${task.id}`} data-testid={`task-link-${task.id}`}>
              {name}
            </Link>
          ) : (
            <span>{name}</span>
          )}
          {task.legalBasis && (
            <Tag color="geekblue" style={{ marginTop: 2 }}>
              {task.legalBasis}
            </Tag>
          )}
        </Space>
      ),
    },
    { title: ct('tasks.departments'), render: (_, task) => task.candidateDepartments.map((d) => d.name).join('、'), ellipsis: { showTitle: true } },
    { title: ct('tasks.createdAt'), dataIndex: 'createdAt', width: 140, render: (v: string) => formatDateTime(v) },
    { title: ct('tasks.dueAt'), dataIndex: 'dueAt', width: 140, render: (v: string | null) => <span data-testid="task-due">{formatDueDate(v)}</span> },
    {
      title: ct('tasks.claimedAt'),
      dataIndex: 'claimedAt',
      width: 140,
      render: (v: string | null, task) =>
        v ? (
          <Tooltip title={task.assignee ? ct('tasks.assignee', { name: task.assignee.name }) : undefined}>
            <span>{formatDateTime(v)}</span>
          </Tooltip>
        ) : null,
    },
    { title: ct('tasks.completedAt'), dataIndex: 'completedAt', width: 140, render: (v: string | null) => formatDateTime(v) },
    { title: ct('tasks.status'), dataIndex: 'status', width: 90, render: (_, task) => <TaskStatusTag status={task.status} /> },
    { title: ct('tasks.deadline'), width: 150, render: (_, task) => <DeadlineCell task={task} /> },
    {
      title: ct('tasks.note'),
      render: (_, task) => (
        <Space orientation="vertical" size={2}>
          {task.deliveryChannel === 'offline' && (
            <Tag color="purple" data-testid="offline-tag">
              {ct('tasks.offline')}
            </Tag>
          )}
          {task.returnReason && <Typography.Text type="warning">{ct('tasks.returnReason', { reason: task.returnReason })}</Typography.Text>}
          {task.assignee && <Typography.Text type="secondary">{ct('tasks.assignee', { name: task.assignee.name })}</Typography.Text>}
        </Space>
      ),
    },
  ];
  return (
    <Card title={ct('tasks.title')} size="small" data-testid="case-tasks">
      <Table<TaskView>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 1100 }}
        columns={columns}
        dataSource={tasks}
        onRow={(task) => ({ 'data-testid': `task-row-${task.id}`, 'data-status': task.status }) as HTMLAttributes<HTMLTableRowElement>}
      />
    </Card>
  );
}
