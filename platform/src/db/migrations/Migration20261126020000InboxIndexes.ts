import { Migration } from '@mikro-orm/migrations';

/**
 * Indexes for the inbox at county scale (issue 11; plans in docs/perf/). All
 * partial, so they hold only the few open/claimed tasks or the finished ones,
 * and the inbox's ones cover what its tabs filter on, so pages and capped
 * counts are index-only scans (no heap visit per task once vacuumed):
 * - open tasks by due date, with their candidate departments/roles and yellow
 *   instant: 待认领 and the open half of 即将超期/已超期, read in due order;
 * - claimed tasks by assignee and due date: 我的待办 and the claimed half;
 * - finished tasks by who finished them, newest first: 已办;
 * - open tasks by candidate department (GIN), for a department with few tasks;
 * - open and claimed tasks by due date (case search's "overdue" filter, the
 *   calendar-edit recomputation).
 * Drops the whole-table (assignee_id, status) and (completed_by, completed_at)
 * indexes the old inbox used: the partial ones above replace them, and every
 * task insert and status change no longer writes them.
 */
export class Migration20261126020000InboxIndexes extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create index "task_open_candidate_department_ids_gin" on "task" using gin ("candidate_department_ids") where "status" = 'open';`);
    this.addSql(`create index "task_actionable_due_index" on "task" ("tenant_id", "due_at", "created_at") where "status" in ('open', 'claimed');`);
    this.addSql(
      `create index "task_open_due_index" on "task" ("tenant_id", "due_at", "created_at", "id") include ("candidate_department_ids", "candidate_roles", "yellow_at") where "status" = 'open';`,
    );
    this.addSql(`create index "task_claimed_due_index" on "task" ("tenant_id", "assignee_id", "due_at", "created_at", "id") include ("yellow_at") where "status" = 'claimed';`);
    this.addSql(`create index "task_done_by_index" on "task" ("tenant_id", "completed_by", "completed_at" desc, "id") where "status" in ('completed', 'returned');`);
    this.addSql(`drop index if exists "task_assignee_id_status_index";`);
    this.addSql(`drop index if exists "task_completed_by_completed_at_index";`);
  }

  override async down(): Promise<void> {
    this.addSql(`create index "task_assignee_id_status_index" on "task" ("assignee_id", "status");`);
    this.addSql(`create index "task_completed_by_completed_at_index" on "task" ("completed_by", "completed_at");`);
    this.addSql(`drop index if exists "task_open_candidate_department_ids_gin";`);
    this.addSql(`drop index if exists "task_actionable_due_index";`);
    this.addSql(`drop index if exists "task_open_due_index";`);
    this.addSql(`drop index if exists "task_claimed_due_index";`);
    this.addSql(`drop index if exists "task_done_by_index";`);
  }
}
