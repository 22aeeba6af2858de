import { Migration } from '@mikro-orm/migrations';

/** The designer's unpublished working copies of procedures: one per county and procedure key. */
export class Migration20261125070000DefinitionDrafts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "definition_draft" ("id" uuid not null, "tenant_id" uuid not null, "process_key" varchar(100) not null, "xml" text not null, "updated_at" timestamptz not null, "updated_by" uuid null, constraint "definition_draft_pkey" primary key ("id"));`);
    this.addSql(`alter table "definition_draft" add constraint "definition_draft_tenant_id_process_key_unique" unique ("tenant_id", "process_key");`);
    this.addSql(`alter table "definition_draft" add constraint "definition_draft_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
  }
}
