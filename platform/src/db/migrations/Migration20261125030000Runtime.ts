import { Migration } from '@mikro-orm/migrations';

/**
 * The runtime: published definitions and forms, cases (state as jsonb under
 * an optimistic-lock version), user tasks, message subscriptions, case links,
 * and the rows built-in actions write (notifications, credit records, report
 * snapshots). Jobs and incidents have their own migration.
 */
export class Migration20261125030000Runtime extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "task" ("id" uuid not null, "tenant_id" uuid not null, "case_id" uuid not null, "element_id" varchar(100) not null, "token_id" varchar(64) not null, "name" varchar(200) not null, "status" text check ("status" in ('open', 'claimed', 'completed', 'returned', 'cancelled')) not null, "candidate_department_ids" uuid[] not null, "candidate_roles" text[] not null, "assignee_id" uuid null, "form_key" varchar(100) not null, "form_version" int not null, "created_at" timestamptz not null, "claimed_at" timestamptz null, "completed_at" timestamptz null, "completed_by" uuid null, "due_at" timestamptz null, "deadline" jsonb null, "calendar_key" varchar(64) null, "thresholds" jsonb null, "legal_basis" text null, "submission" jsonb null, "return_reason" text null, "version" int not null, constraint "task_pkey" primary key ("id"));`);
    this.addSql(`create index "task_case_id_index" on "task" ("case_id");`);
    this.addSql(`create index "task_tenant_id_status_due_at_index" on "task" ("tenant_id", "status", "due_at");`);
    this.addSql(`create index "task_assignee_id_status_index" on "task" ("assignee_id", "status");`);
    this.addSql(`create table "report_snapshot" ("id" uuid not null, "tenant_id" uuid not null, "case_id" uuid null, "kind" varchar(100) not null, "period_start" timestamptz not null, "period_end" timestamptz not null, "data" jsonb not null, "created_at" timestamptz not null, constraint "report_snapshot_pkey" primary key ("id"));`);
    this.addSql(`create index "report_snapshot_tenant_id_kind_period_start_index" on "report_snapshot" ("tenant_id", "kind", "period_start");`);
    this.addSql(`create table "notification" ("id" uuid not null, "tenant_id" uuid not null, "recipient_department_id" uuid null, "recipient_user_id" uuid null, "kind" varchar(50) not null, "title" varchar(300) not null, "body" text null, "case_id" uuid null, "task_id" uuid null, "channel" varchar(30) not null, "created_at" timestamptz not null, "read_at" timestamptz null, constraint "notification_pkey" primary key ("id"));`);
    this.addSql(`create index "notification_tenant_id_recipient_department_id_created_at_index" on "notification" ("tenant_id", "recipient_department_id", "created_at");`);
    this.addSql(`create index "notification_tenant_id_recipient_user_id_created_at_index" on "notification" ("tenant_id", "recipient_user_id", "created_at");`);
    this.addSql(`create table "message_subscription" ("id" uuid not null, "tenant_id" uuid not null, "case_id" uuid not null, "token_id" varchar(64) not null, "element_id" varchar(100) not null, "message_name" varchar(200) not null, "correlation_key" varchar(500) not null, "created_at" timestamptz not null, constraint "message_subscription_pkey" primary key ("id"));`);
    this.addSql(`create index "message_subscription_tenant_id_message_name_correl_f421b_index" on "message_subscription" ("tenant_id", "message_name", "correlation_key");`);
    this.addSql(`create index "message_subscription_case_id_index" on "message_subscription" ("case_id");`);
    this.addSql(`create table "form_version" ("id" uuid not null, "tenant_id" uuid not null, "form_key" varchar(100) not null, "version" int not null, "title" varchar(200) not null, "schema" jsonb not null, "ui_schema" jsonb null, "checksum" varchar(64) not null, "published_at" timestamptz not null, "published_by" uuid null, constraint "form_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "form_version" add constraint "form_version_tenant_id_form_key_version_unique" unique ("tenant_id", "form_key", "version");`);
    this.addSql(`create table "definition_version" ("id" uuid not null, "tenant_id" uuid not null, "process_key" varchar(100) not null, "version" int not null, "name" varchar(200) not null, "bpmn_xml" text not null, "checksum" varchar(64) not null, "status" text check ("status" in ('published', 'retired')) not null, "published_at" timestamptz not null, "published_by" uuid null, "legal_basis" text null, constraint "definition_version_pkey" primary key ("id"));`);
    this.addSql(`alter table "definition_version" add constraint "definition_version_tenant_id_process_key_version_unique" unique ("tenant_id", "process_key", "version");`);
    this.addSql(`create table "credit_record" ("id" uuid not null, "tenant_id" uuid not null, "case_id" uuid not null, "subject_name" varchar(300) not null, "subject_code" varchar(50) null, "kind" varchar(100) not null, "description" text not null, "created_at" timestamptz not null, constraint "credit_record_pkey" primary key ("id"));`);
    this.addSql(`create index "credit_record_tenant_id_subject_code_index" on "credit_record" ("tenant_id", "subject_code");`);
    this.addSql(`create table "case_link" ("id" uuid not null, "tenant_id" uuid not null, "from_case_id" uuid not null, "to_case_id" uuid not null, "kind" text check ("kind" in ('call', 'push', 'message')) not null, "element_id" varchar(100) not null, "created_at" timestamptz not null, constraint "case_link_pkey" primary key ("id"));`);
    this.addSql(`create index "case_link_from_case_id_index" on "case_link" ("from_case_id");`);
    this.addSql(`create index "case_link_to_case_id_index" on "case_link" ("to_case_id");`);
    this.addSql(`create table "case_instance" ("id" uuid not null, "tenant_id" uuid not null, "definition_version_id" uuid not null, "process_key" varchar(100) not null, "business_key" varchar(200) null, "status" text check ("status" in ('active', 'completed', 'terminated', 'failed')) not null, "variables" jsonb not null, "state" jsonb not null, "version" int not null, "parent_case_id" uuid null, "parent_token_id" varchar(64) null, "idempotency_key" varchar(200) null, "started_by" uuid null, "started_at" timestamptz not null, "ended_at" timestamptz null, constraint "case_instance_pkey" primary key ("id"));`);
    this.addSql(`create index "case_instance_tenant_id_status_started_at_index" on "case_instance" ("tenant_id", "status", "started_at");`);
    this.addSql(`create index "case_instance_parent_case_id_index" on "case_instance" ("parent_case_id");`);
    this.addSql(`alter table "case_instance" add constraint "case_instance_tenant_id_idempotency_key_unique" unique ("tenant_id", "idempotency_key");`);
    this.addSql(`alter table "task" add constraint "task_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "report_snapshot" add constraint "report_snapshot_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "notification" add constraint "notification_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "message_subscription" add constraint "message_subscription_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "form_version" add constraint "form_version_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "definition_version" add constraint "definition_version_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "credit_record" add constraint "credit_record_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "case_link" add constraint "case_link_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "case_instance" add constraint "case_instance_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "case_instance" add constraint "case_instance_definition_version_id_foreign" foreign key ("definition_version_id") references "definition_version" ("id") on update cascade;`);
  }
}
