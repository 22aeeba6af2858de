import { Migration } from '@mikro-orm/migrations';

/**
 * The case and task API: evidence attachments (bytea, so one dump backs up
 * everything), offline deliveries, public submissions with their receipt
 * codes, rate counters for unauthenticated routes, inbox columns on tasks
 * (card colour instants, drafts, delivery channel), the starting department
 * of a case, and the indexes the inbox and case search use.
 */
export class Migration20261125050000CaseApi extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "rate_counter" ("key" varchar(300) not null, "count" int not null, "window_ends_at" timestamptz not null, constraint "rate_counter_pkey" primary key ("key"));`);
    this.addSql(`create index "rate_counter_window_ends_at_index" on "rate_counter" ("window_ends_at");`);
    this.addSql(`create table "public_submission" ("id" uuid not null, "tenant_id" uuid not null, "receipt_code" varchar(32) not null, "case_id" uuid not null, "content_hash" varchar(64) not null, "address_hash" varchar(64) not null, "created_at" timestamptz not null, constraint "public_submission_pkey" primary key ("id"));`);
    this.addSql(`create index "public_submission_tenant_id_content_hash_index" on "public_submission" ("tenant_id", "content_hash");`);
    this.addSql(`alter table "public_submission" add constraint "public_submission_tenant_id_receipt_code_unique" unique ("tenant_id", "receipt_code");`);
    this.addSql(`create table "offline_delivery" ("id" uuid not null, "tenant_id" uuid not null, "case_id" uuid not null, "task_id" uuid not null, "channel" varchar(50) not null, "document_number" varchar(100) not null, "delivered_on" date not null, "attachment_id" uuid null, "note" text null, "recorded_by" uuid not null, "recorded_at" timestamptz not null, constraint "offline_delivery_pkey" primary key ("id"));`);
    this.addSql(`alter table "offline_delivery" add constraint "offline_delivery_task_id_unique" unique ("task_id");`);
    this.addSql(`create index "offline_delivery_tenant_id_case_id_index" on "offline_delivery" ("tenant_id", "case_id");`);
    this.addSql(`create table "attachment" ("id" uuid not null, "tenant_id" uuid not null, "case_id" uuid not null, "task_id" uuid null, "file_name" varchar(255) not null, "content_type" varchar(100) not null, "size_bytes" int not null, "sha256" varchar(64) not null, "content" bytea not null, "scan_status" varchar(20) not null, "uploaded_by" uuid not null, "uploaded_at" timestamptz not null, constraint "attachment_pkey" primary key ("id"));`);
    this.addSql(`create index "attachment_tenant_id_case_id_index" on "attachment" ("tenant_id", "case_id");`);
    this.addSql(`alter table "public_submission" add constraint "public_submission_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "offline_delivery" add constraint "offline_delivery_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "attachment" add constraint "attachment_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "task" add column "yellow_at" timestamptz null, add column "red_at" timestamptz null, add column "draft" jsonb null, add column "delivery_channel" varchar(20) null;`);
    this.addSql(`create index "task_completed_by_completed_at_index" on "task" ("completed_by", "completed_at");`);
    this.addSql(`create index "task_candidate_department_ids_gin" on "task" using gin ("candidate_department_ids");`);
    this.addSql(`alter table "case_instance" add column "department_id" uuid null;`);
    this.addSql(`create index "case_instance_tenant_id_department_id_started_at_index" on "case_instance" ("tenant_id", "department_id", "started_at");`);
    this.addSql(`create index "case_instance_variables_gin" on "case_instance" using gin ("variables" jsonb_path_ops);`);
  }
}
