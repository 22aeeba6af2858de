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
  /** May create counties (the designer's 县区管理): the installation's first admin. */
  platformAdmin: boolean;
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
  /** What a finished task was completed with (masked); null while open. */
  submission: Record<string, unknown> | null;
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
  /** False after the procedure's sunset (no version in effect today). */
  inEffect?: boolean;
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

/** A period of the circular statistics as the server resolved it (local dates, both included, and the instants). */
export interface StatisticsPeriod {
  from: string;
  to: string;
  start: string;
  end: string;
  timeZone: string;
}

/** One department's push and claim figures (docs/statistics.md, 第十九条 circulars). */
export interface CircularRow {
  departmentId: string;
  code: string;
  name: string;
  kind: 'approval_bureau' | 'supervising' | 'other';
  pushed: number;
  claimedOnTime: number;
  claimedLate: number;
  overdueUnclaimed: number;
  returned: number;
  /** A fraction (0..1, 4 decimals); null when nothing was due. */
  onTimeRate: number | null;
  medianClaimWorkingHours: number | null;
}

/** GET /api/statistics/circular */
export interface CircularReport {
  period: StatisticsPeriod;
  generatedAt: string;
  legalBasis: string | null;
  departments: CircularRow[];
  warnings: string[];
}

/** GET /api/statistics/circular/trend */
export interface CircularTrend {
  fromMonth: string;
  toMonth: string;
  timeZone: string;
  generatedAt: string;
  legalBasis: string | null;
  months: { month: string; period: StatisticsPeriod; departments: CircularRow[] }[];
  warnings: string[];
}

/** GET /api/public/:tenant/intake-form */
export interface PublicIntakeForm {
  procedure: string;
  name: string;
  legalBasis: string | null;
  form: { formKey: string; version: number; title: string; schema: Record<string, unknown>; uiSchema: Record<string, unknown> | null };
}

/** 201 of POST /api/public/:tenant/submissions */
export interface PublicReceipt {
  receiptCode: string;
  receivedAt: string;
  legalBasis: string | null;
}

/** GET /api/public/:tenant/submissions/:receiptCode */
export interface PublicSubmissionStatus {
  receiptCode: string;
  receivedAt: string;
  status: 'received' | 'in_progress' | 'answered' | 'closed';
  statusText: string;
  answeredAt?: string;
  reply?: string;
}

/** GET /api/departments: the county's departments (case search filter). */
export interface Department {
  id: string;
  code: string;
  name: string;
  kind: 'approval_bureau' | 'supervising' | 'other';
}

/** 200 of POST /api/cases/:id/reveal: the variables in full; the reveal is audited. */
export interface RevealResult {
  variables: Record<string, unknown>;
  revealedFields: string[];
}
