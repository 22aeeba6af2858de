import { Migration } from '@mikro-orm/migrations';

/** Versioned working-day calendars per tenant, and each tenant's default calendar. */
export class Migration20261125010000Calendars extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tenant" add column "default_calendar_key" varchar(64) null;`);
    this.addSql(
      `create table "calendar_version" ("id" uuid not null, "tenant_id" uuid not null, "calendar_key" varchar(64) not null, "version" int not null, "data" jsonb not null, "created_at" timestamptz not null, "created_by" uuid null, "created_by_label" varchar(100) not null, "note" text not null, constraint "calendar_version_pkey" primary key ("id"));`,
    );
    this.addSql(`alter table "calendar_version" add constraint "calendar_version_tenant_id_calendar_key_version_unique" unique ("tenant_id", "calendar_key", "version");`);
    this.addSql(`alter table "calendar_version" add constraint "calendar_version_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
  }
}
