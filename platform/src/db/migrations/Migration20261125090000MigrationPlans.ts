import { Migration } from '@mikro-orm/migrations';

/** Migration plans that move running cases between versions of a procedure, and each case's outcome. */
export class Migration20261125090000MigrationPlans extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "migration_plan" ("id" uuid not null, "tenant_id" uuid not null, "process_key" varchar(100) not null, "from_version_id" uuid not null, "to_version_id" uuid not null, "mapping" jsonb not null, "recompute_deadlines" boolean not null, "status" text check ("status" in ('running', 'done')) not null, "created_by" uuid null, "created_at" timestamptz not null, "finished_at" timestamptz null, constraint "migration_plan_pkey" primary key ("id"));`);
    this.addSql(`create index "migration_plan_tenant_id_process_key_created_at_index" on "migration_plan" ("tenant_id", "process_key", "created_at");`);
    this.addSql(`alter table "migration_plan" add constraint "migration_plan_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`create table "migration_case" ("plan_id" uuid not null, "case_id" uuid not null, "tenant_id" uuid not null, "status" text check ("status" in ('pending', 'migrated', 'skipped', 'failed')) not null, "reason" text null, "at" timestamptz null, constraint "migration_case_pkey" primary key ("plan_id", "case_id"));`);
    this.addSql(`create index "migration_case_plan_id_status_index" on "migration_case" ("plan_id", "status");`);
    this.addSql(`alter table "migration_case" add constraint "migration_case_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
  }
}
