import { Migration } from '@mikro-orm/migrations';

/** Validity windows of published versions and the admins' audited extensions (延期适用) past a sunset. */
export class Migration20261125080000ValidityWindows extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "definition_version" add column "effective_from" date null, add column "effective_to" date null;`);
    this.addSql(`create table "validity_extension" ("id" uuid not null, "tenant_id" uuid not null, "process_key" varchar(100) null, "extended_to" date not null, "reason" text not null, "granted_by" uuid null, "granted_at" timestamptz not null, constraint "validity_extension_pkey" primary key ("id"));`);
    this.addSql(`create index "validity_extension_tenant_id_process_key_granted_at_index" on "validity_extension" ("tenant_id", "process_key", "granted_at");`);
    this.addSql(`alter table "validity_extension" add constraint "validity_extension_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
  }
}
