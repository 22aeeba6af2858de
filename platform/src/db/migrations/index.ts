import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000Foundation } from './Migration20261125000000Foundation';
import { Migration20261125010000Calendars } from './Migration20261125010000Calendars';
import { Migration20261125020000Jobs } from './Migration20261125020000Jobs';
import { Migration20261125030000Runtime } from './Migration20261125030000Runtime';
import { Migration20261125040000TenantSettings } from './Migration20261125040000TenantSettings';
import { Migration20261125050000CaseApi } from './Migration20261125050000CaseApi';
import { Migration20261125060000NotificationReads } from './Migration20261125060000NotificationReads';
import { Migration20261125070000DefinitionDrafts } from './Migration20261125070000DefinitionDrafts';
import { Migration20261125080000ValidityWindows } from './Migration20261125080000ValidityWindows';
import { Migration20261125090000MigrationPlans } from './Migration20261125090000MigrationPlans';
import { Migration20261125100000PackRevisions } from './Migration20261125100000PackRevisions';
import { Migration20261125110000ExpiryNotices } from './Migration20261125110000ExpiryNotices';
import { Migration20261125120000PlatformAdmins } from './Migration20261125120000PlatformAdmins';
import { Migration20261126020000InboxIndexes } from './Migration20261126020000InboxIndexes';
import { Migration20261126040000AuditSealAtCommit } from './Migration20261126040000AuditSealAtCommit';
import { Migration20261126050000HotTableStorage } from './Migration20261126050000HotTableStorage';

/**
 * Every migration, in the order they run (by timestamp). Listed explicitly
 * (not globbed) so the same list works under tsx, jest and the compiled build.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261125000000Foundation', class: Migration20261125000000Foundation },
  { name: 'Migration20261125010000Calendars', class: Migration20261125010000Calendars },
  { name: 'Migration20261125020000Jobs', class: Migration20261125020000Jobs },
  { name: 'Migration20261125030000Runtime', class: Migration20261125030000Runtime },
  { name: 'Migration20261125040000TenantSettings', class: Migration20261125040000TenantSettings },
  { name: 'Migration20261125050000CaseApi', class: Migration20261125050000CaseApi },
  { name: 'Migration20261125060000NotificationReads', class: Migration20261125060000NotificationReads },
  { name: 'Migration20261125070000DefinitionDrafts', class: Migration20261125070000DefinitionDrafts },
  { name: 'Migration20261125080000ValidityWindows', class: Migration20261125080000ValidityWindows },
  { name: 'Migration20261125090000MigrationPlans', class: Migration20261125090000MigrationPlans },
  { name: 'Migration20261125100000PackRevisions', class: Migration20261125100000PackRevisions },
  { name: 'Migration20261125110000ExpiryNotices', class: Migration20261125110000ExpiryNotices },
  { name: 'Migration20261125120000PlatformAdmins', class: Migration20261125120000PlatformAdmins },
  { name: 'Migration20261126020000InboxIndexes', class: Migration20261126020000InboxIndexes },
  { name: 'Migration20261126040000AuditSealAtCommit', class: Migration20261126040000AuditSealAtCommit },
  { name: 'Migration20261126050000HotTableStorage', class: Migration20261126050000HotTableStorage },
];
