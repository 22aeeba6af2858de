import { Migration } from '@mikro-orm/migrations';

/** Pack-level settings per tenant (warning thresholds, role names). */
export class Migration20261125040000TenantSettings extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "tenant" add column "settings" jsonb not null default '{}';`);
  }
}
