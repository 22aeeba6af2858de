import { Migration } from '@mikro-orm/migrations';

/**
 * Platform administrators: accounts that may create counties from the server's packs.
 * An installation already running gets one the way a new one does: the `admin` of the
 * county made at first start (the oldest), so an upgrade does not leave nobody able to.
 */
export class Migration20261125120000PlatformAdmins extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "platform_admin" boolean not null default false;`);
    this.addSql(`update "app_user" set "platform_admin" = true where lower("login") = 'admin' and "tenant_id" = (select "id" from "tenant" order by "created_at", "code" limit 1);`);
  }
}
