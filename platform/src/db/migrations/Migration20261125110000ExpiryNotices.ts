import { Migration } from '@mikro-orm/migrations';

/** Markers of expiry warnings already sent to a county's admins, so the daily check notifies each threshold once. */
export class Migration20261125110000ExpiryNotices extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "expiry_notice" ("id" uuid not null, "tenant_id" uuid not null, "scope_key" text not null, "effective_to" date not null, "level" text not null, "notified_at" timestamptz not null, constraint "expiry_notice_pkey" primary key ("id"));`);
    this.addSql(`alter table "expiry_notice" add constraint "expiry_notice_tenant_id_scope_key_effective_to_level_unique" unique ("tenant_id", "scope_key", "effective_to", "level");`);
    this.addSql(`alter table "expiry_notice" add constraint "expiry_notice_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
  }
}
