import { Tag } from 'antd';
import type { CaseStatus, TaskStatus } from '../../api/types';
import { useCaseText } from '../../i18n/case-messages';

const CASE_COLOURS: Record<CaseStatus, string> = { active: 'processing', completed: 'success', terminated: 'default', failed: 'error' };
const TASK_COLOURS: Record<TaskStatus, string> = { open: 'blue', claimed: 'cyan', completed: 'green', returned: 'orange', cancelled: 'default' };

/** 进行中 / 已办结 / 已终止 / 异常: one colour per case status everywhere a case is listed. */
export function CaseStatusTag({ status }: { status: CaseStatus }) {
  const ct = useCaseText();
  return (
    <Tag color={CASE_COLOURS[status]} data-testid="case-status" data-status={status}>
      {ct(`status.${status}`)}
    </Tag>
  );
}

/** A task's own status (待认领 / 办理中 / 已办结 / 已退回 / 已取消). */
export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const ct = useCaseText();
  return (
    <Tag color={TASK_COLOURS[status]} data-status={status}>
      {ct(`task.${status}`)}
    </Tag>
  );
}
