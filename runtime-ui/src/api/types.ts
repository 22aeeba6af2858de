/**
 * Shapes of the platform's API responses the UI reads (docs/api.md, and the
 * OpenAPI document at /api/openapi.json). Kept by hand: the end-to-end
 * tests exercise every one of them against the real server.
 */
export type Role = 'admin' | 'liaison' | 'staff' | 'leader';
export type DeadlineStage = 'normal' | 'yellow' | 'red' | 'overdue';
export type TaskStatus = 'open' | 'claimed' | 'completed' | 'returned' | 'cancelled';
export type CaseStatus = 'active' | 'completed' | 'terminated' | 'failed';
export type InboxView = 'to-claim' | 'mine' | 'due-soon' | 'overdue' | 'done';

export interface Me {
  userId: string;
  login: string;
  displayName: string;
  tenant: { id: string; code: string; name?: string };
  memberships: { departmentId: string; departmentCode: string; departmentName: string; departmentKind: 'approval_bureau' | 'supervising' | 'other'; role: Role }[];
  csrfToken: string;
}

export interface Named {
  id: string;
  name: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface CaseHeadline {
  counterparty: string | null;
  documentNumber: string | null;
  identifier: string | null;
}

export interface TaskView {
  id: string;
  caseId: string;
  elementId: string;
  name: string;
  status: TaskStatus;
  candidateDepartments: Named[];
  candidateRoles: string[];
  assignee: Named | null;
  formKey: string;
  formVersion: number;
  createdAt: string;
  claimedAt: string | null;
  completedAt: string | null;
  dueAt: string | null;
  stage: DeadlineStage | null;
  remainingWorkingDays: number | null;
  metDeadline: boolean | null;
  legalBasis: string | null;
  returnReason: string | null;
  deliveryChannel: string | null;
  version: number;
}

export interface InboxItem extends TaskView {
  procedure: { key: string; name: string };
  case: CaseHeadline;
}

export type InboxCounts = Record<InboxView, number>;

export interface TaskDetail {
  task: TaskView;
  procedure: { key: string; name: string };
  case: CaseHeadline & { id: string; variables: Record<string, unknown>; maskedFields: string[] };
  form: { key: string; version: number; title: string; schema: Record<string, unknown>; uiSchema: Record<string, unknown> | null };
  draft: Record<string, unknown> | null;
  offline: { allowed: boolean; channels: string[] };
  can: { claim: boolean; unclaim: boolean; complete: boolean; return: boolean; delegate: boolean };
}

export interface CaseListItem extends CaseHeadline {
  id: string;
  procedure: { key: string; name: string };
  status: CaseStatus;
  startedAt: string;
  endedAt: string | null;
  department: Named | null;
  nextDueAt: string | null;
  overdue: boolean;
}

export interface LinkedCase {
  id: string;
  procedure: { key: string; name: string };
  status: CaseStatus;
  kind: 'parent' | 'call' | 'push' | 'message';
  direction: 'from' | 'to';
}

export interface AttachmentInfo {
  id: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  uploadedAt: string;
}

export interface CaseDetail {
  id: string;
  procedure: { key: string; name: string; version: number; legalBasis: string | null };
  status: CaseStatus;
  startedAt: string;
  endedAt: string | null;
  startedBy: Named | null;
  department: Named | null;
  variables: Record<string, unknown>;
  maskedFields: string[];
  canReveal: boolean;
  tasks: TaskView[];
  links: LinkedCase[];
  offlineDeliveries: { taskId: string; channel: string; documentNumber: string; deliveredOn: string; attachmentId: string | null; recordedAt: string }[];
  attachments: AttachmentInfo[];
  version: number;
}

export interface TimelineLine {
  seq: number;
  at: string;
  actor: string;
  action: string;
  text: string;
  legalBasis: string | null;
  elementId: string | null;
  taskId: string | null;
  important: boolean;
}

export interface Procedure {
  key: string;
  name: string;
  version: number;
  legalBasis: string | null;
  startForm: { formKey: string; formVersion?: number } | null;
}

export interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  body: string | null;
  caseId: string | null;
  taskId: string | null;
  createdAt: string;
  readAt: string | null;
}
