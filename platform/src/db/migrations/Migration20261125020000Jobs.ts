import { Migration } from '@mikro-orm/migrations';

/**
 * Durable jobs (timers, async continuations) and the incidents recorded when
 * a job exhausts its attempts. The partial index serves the workers' claim
 * query (pending rows in due order); `case_id` and `incident.job_id` have no
 * foreign keys on purpose (see the entities' notes).
 */
export class Migration20261125020000Jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table "job" ("id" bigserial primary key, "tenant_id" uuid not null, "case_id" uuid null, "type" text not null, "dedupe_key" text null, "due_at" timestamptz not null, "payload" jsonb not null, "attempts" int not null, "max_attempts" int not null, "status" text check ("status" in ('pending', 'failed')) not null, "locked_by" text null, "locked_until" timestamptz null, "last_error" text null, "created_at" timestamptz not null);`,
    );
    this.addSql(`create index "job_tenant_id_case_id_index" on "job" ("tenant_id", "case_id");`);
    this.addSql(`create index "job_claim_index" on "job" ("due_at", "id") where "status" = 'pending';`);
    this.addSql(`alter table "job" add constraint "job_tenant_id_dedupe_key_unique" unique ("tenant_id", "dedupe_key");`);
    this.addSql(
      `create table "incident" ("id" uuid not null, "tenant_id" uuid not null, "job_id" bigint not null, "case_id" uuid null, "job_type" text not null, "payload" jsonb not null, "error" text not null, "attempts" int not null, "created_at" timestamptz not null, "resolved_at" timestamptz null, "resolved_by" uuid null, "resolution" text check ("resolution" in ('retried', 'dismissed')) null, constraint "incident_pkey" primary key ("id"));`,
    );
    this.addSql(`create index "incident_tenant_id_created_at_index" on "incident" ("tenant_id", "created_at");`);
    this.addSql(`alter table "job" add constraint "job_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "incident" add constraint "incident_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
  }
}
