import { Migration } from '@mikro-orm/migrations';

/** Per-user read marks for notifications (department notifications reach every member). */
export class Migration20261125060000NotificationReads extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "notification_read" ("notification_id" uuid not null, "user_id" uuid not null, "read_at" timestamptz not null, constraint "notification_read_pkey" primary key ("notification_id", "user_id"));`);
  }
}
