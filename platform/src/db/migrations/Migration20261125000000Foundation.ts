import { Migration } from '@mikro-orm/migrations';

/**
 * Foundation schema: tenants, organisation, sessions, login throttling and
 * the hash-chained audit log. The audit table is append-only at the database
 * level too: a trigger refuses UPDATE and DELETE, so only someone who can
 * disable triggers can tamper, and the hash chain then exposes them.
 */
export class Migration20261125000000Foundation extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "login_throttle" ("key" varchar(300) not null, "failures" int not null, "window_started_at" timestamptz not null, "locked_until" timestamptz null, constraint "login_throttle_pkey" primary key ("key"));`);
    this.addSql(`create table "tenant" ("id" uuid not null, "code" varchar(64) not null, "name" varchar(200) not null, "pack_id" varchar(100) not null, "created_at" timestamptz not null, constraint "tenant_pkey" primary key ("id"));`);
    this.addSql(`alter table "tenant" add constraint "tenant_code_unique" unique ("code");`);
    this.addSql(`create table "department" ("id" uuid not null, "tenant_id" uuid not null, "code" varchar(64) not null, "name" varchar(200) not null, "kind" text check ("kind" in ('approval_bureau', 'supervising', 'other')) not null, "created_at" timestamptz not null, constraint "department_pkey" primary key ("id"));`);
    this.addSql(`create index "department_tenant_id_index" on "department" ("tenant_id");`);
    this.addSql(`alter table "department" add constraint "department_tenant_id_code_unique" unique ("tenant_id", "code");`);
    this.addSql(`create table "audit_event" ("id" bigserial primary key, "tenant_id" uuid not null, "seq" bigint not null, "at" timestamptz not null, "actor_id" uuid null, "actor_label" varchar(100) not null, "action" varchar(100) not null, "subject_type" varchar(50) not null, "subject_id" varchar(100) not null, "payload" jsonb not null, "prev_hash" varchar(64) not null, "hash" varchar(64) not null);`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_tenant_id_seq_unique" unique ("tenant_id", "seq");`);
    this.addSql(`create table "audit_chain_head" ("tenant_id" uuid not null, "seq" bigint not null, "hash" varchar(64) not null, constraint "audit_chain_head_pkey" primary key ("tenant_id"));`);
    this.addSql(`create table "app_user" ("id" uuid not null, "tenant_id" uuid not null, "login" varchar(64) not null, "display_name" varchar(100) not null, "password_hash" text not null, "active" boolean not null, "is_demo" boolean not null, "created_at" timestamptz not null, constraint "app_user_pkey" primary key ("id"));`);
    this.addSql(`create index "app_user_tenant_id_index" on "app_user" ("tenant_id");`);
    this.addSql(`alter table "app_user" add constraint "app_user_tenant_id_login_unique" unique ("tenant_id", "login");`);
    this.addSql(`create table "membership" ("id" uuid not null, "tenant_id" uuid not null, "user_id" uuid not null, "department_id" uuid not null, "role" text check ("role" in ('admin', 'liaison', 'staff', 'leader')) not null, "created_at" timestamptz not null, constraint "membership_pkey" primary key ("id"));`);
    this.addSql(`create index "membership_tenant_id_index" on "membership" ("tenant_id");`);
    this.addSql(`create index "membership_user_id_index" on "membership" ("user_id");`);
    this.addSql(`create index "membership_department_id_index" on "membership" ("department_id");`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_department_id_role_unique" unique ("user_id", "department_id", "role");`);
    this.addSql(`create table "liaison_designation" ("id" uuid not null, "tenant_id" uuid not null, "department_id" uuid not null, "user_id" uuid not null, "designated_at" timestamptz not null, "designated_by" uuid null, "note" text null, "ended_at" timestamptz null, "ended_by" uuid null, "end_reason" text null, constraint "liaison_designation_pkey" primary key ("id"));`);
    this.addSql(`create index "liaison_designation_tenant_id_index" on "liaison_designation" ("tenant_id");`);
    this.addSql(`create index "liaison_designation_department_id_index" on "liaison_designation" ("department_id");`);
    this.addSql(`create table "user_session" ("token_hash" varchar(64) not null, "tenant_id" uuid not null, "user_id" uuid not null, "csrf_token" varchar(64) not null, "created_at" timestamptz not null, "last_seen_at" timestamptz not null, "expires_at" timestamptz not null, constraint "user_session_pkey" primary key ("token_hash"));`);
    this.addSql(`create index "user_session_user_id_index" on "user_session" ("user_id");`);
    this.addSql(`create index "user_session_expires_at_index" on "user_session" ("expires_at");`);
    this.addSql(`alter table "department" add constraint "department_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "audit_event" add constraint "audit_event_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "audit_chain_head" add constraint "audit_chain_head_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "app_user" add constraint "app_user_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "membership" add constraint "membership_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "liaison_designation" add constraint "liaison_designation_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "liaison_designation" add constraint "liaison_designation_department_id_foreign" foreign key ("department_id") references "department" ("id") on update cascade;`);
    this.addSql(`alter table "liaison_designation" add constraint "liaison_designation_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade;`);
    this.addSql(`alter table "user_session" add constraint "user_session_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "user_session" add constraint "user_session_user_id_foreign" foreign key ("user_id") references "app_user" ("id") on update cascade on delete cascade;`);

    this.addSql(`create function audit_event_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_event is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end $$;`);
    this.addSql(`create trigger audit_event_append_only before update or delete on "audit_event" for each row execute function audit_event_append_only();`);
  }
}
