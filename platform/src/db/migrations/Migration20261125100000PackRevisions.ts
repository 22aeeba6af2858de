import { Migration } from '@mikro-orm/migrations';

/**
 * Whole-pack successors: revisions with their own window, the revision each
 * version was published under and the revision each extension was granted
 * for (null = the county's original pack, as every existing row is).
 */
export class Migration20261125100000PackRevisions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create table "pack_revision" ("id" uuid not null, "tenant_id" uuid not null, "label" text not null, "title" text null, "document_number" text null, "effective_from" date not null, "effective_to" date null, "status" text check ("status" in ('draft', 'published')) not null, "created_at" timestamptz not null, "created_by" uuid null, "published_at" timestamptz null, "published_by" uuid null, constraint "pack_revision_pkey" primary key ("id"));`);
    this.addSql(`alter table "pack_revision" add constraint "pack_revision_tenant_id_label_unique" unique ("tenant_id", "label");`);
    this.addSql(`create unique index "pack_revision_one_draft_index" on "pack_revision" ("tenant_id") where "status" = 'draft';`);
    this.addSql(`alter table "pack_revision" add constraint "pack_revision_tenant_id_foreign" foreign key ("tenant_id") references "tenant" ("id") on update cascade;`);
    this.addSql(`alter table "definition_version" add column "pack_revision_id" uuid null;`);
    this.addSql(`alter table "definition_version" add constraint "definition_version_pack_revision_id_foreign" foreign key ("pack_revision_id") references "pack_revision" ("id") on update cascade on delete restrict;`);
    this.addSql(`alter table "validity_extension" add column "pack_revision_id" uuid null;`);
    this.addSql(`alter table "validity_extension" add constraint "validity_extension_pack_revision_id_foreign" foreign key ("pack_revision_id") references "pack_revision" ("id") on update cascade on delete restrict;`);
  }
}
