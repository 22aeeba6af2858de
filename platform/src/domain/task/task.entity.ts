import { defineEntity, p, type InferEntity } from '@mikro-orm/core';
import type { DeadlineClock } from '../../calendar';
import { Tenant } from '../tenant/tenant.entity';

export const TASK_STATUSES = ['open', 'claimed', 'completed', 'returned', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * A user task as staff see it in their inbox. Candidate departments are
 * stored as ids (resolved from the diagram's codes when the task is created)
 * so inbox queries use an index instead of joins. `due_at` is denormalised
 * from `deadline` (the full clock, with pauses) for sorting and timers.
 */
export const Task = defineEntity({
  name: 'Task',
  tableName: 'task',
  indexes: [
    { properties: ['caseId'] },
    { properties: ['tenantId', 'status', 'dueAt'] },
    // Inbox scope: `candidate_department_ids && $myDepartments` uses this index.
    { name: 'task_candidate_department_ids_gin', expression: 'create index "task_candidate_department_ids_gin" on "task" using gin ("candidate_department_ids")' },
    // Inbox (Migration20261126020000InboxIndexes, docs/perf/): partial, so they hold the open/claimed few, not the closed millions;
    // the open/claimed ones cover what the tabs filter on, for index-only pages and counts.
    { name: 'task_open_candidate_department_ids_gin', expression: `create index "task_open_candidate_department_ids_gin" on "task" using gin ("candidate_department_ids") where "status" = 'open'` },
    { name: 'task_actionable_due_index', expression: `create index "task_actionable_due_index" on "task" ("tenant_id", "due_at", "created_at") where "status" in ('open', 'claimed')` },
    {
      name: 'task_open_due_index',
      expression: `create index "task_open_due_index" on "task" ("tenant_id", "due_at", "created_at", "id") include ("candidate_department_ids", "candidate_roles", "yellow_at") where "status" = 'open'`,
    },
    { name: 'task_claimed_due_index', expression: `create index "task_claimed_due_index" on "task" ("tenant_id", "assignee_id", "due_at", "created_at", "id") include ("yellow_at") where "status" = 'claimed'` },
    { name: 'task_done_by_index', expression: `create index "task_done_by_index" on "task" ("tenant_id", "completed_by", "completed_at" desc, "id") where "status" in ('completed', 'returned')` },
  ],
  properties: {
    id: p.uuid().primary(),
    tenantId: p.manyToOne(Tenant).mapToPk().fieldName('tenant_id'),
    caseId: p.uuid(),
    elementId: p.string().length(100),
    tokenId: p.string().length(64),
    name: p.string().length(200),
    status: p.enum(() => ({ open: 'open', claimed: 'claimed', completed: 'completed', returned: 'returned', cancelled: 'cancelled' })).columnType('text'),
    candidateDepartmentIds: p.array<string>().columnType('uuid[]'),
    candidateRoles: p.array<string>().columnType('text[]'),
    assigneeId: p.uuid().nullable(),
    formKey: p.string().length(100),
    formVersion: p.integer(),
    createdAt: p.datetime(),
    claimedAt: p.datetime().nullable(),
    completedAt: p.datetime().nullable(),
    completedBy: p.uuid().nullable(),
    dueAt: p.datetime().nullable(),
    /** When the card turns yellow and red (the thresholds applied to the clock), so inbox views filter in SQL. */
    yellowAt: p.datetime().nullable(),
    redAt: p.datetime().nullable(),
    deadline: p.json<DeadlineClock>().nullable(),
    calendarKey: p.string().length(64).nullable(),
    thresholds: p.json<{ yellow: number; red: number }>().nullable(),
    legalBasis: p.text().nullable(),
    submission: p.json<Record<string, unknown>>().nullable(),
    returnReason: p.text().nullable(),
    /** Unsubmitted form data the assignee saved (auto-save); never validated, never merged into the case. */
    draft: p.json<Record<string, unknown>>().nullable(),
    /** 'offline' when an offline delivery (书面公函 ...) met the task; null when done on the platform. */
    deliveryChannel: p.string().length(20).nullable(),
    version: p.integer(),
  },
});
export type Task = InferEntity<typeof Task>;
