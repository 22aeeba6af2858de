import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000Foundation } from './Migration20261125000000Foundation';
import { Migration20261125010000Calendars } from './Migration20261125010000Calendars';

/**
 * Every migration, in order. Listed explicitly (not globbed) so the same list
 * works under tsx, jest and the compiled build.
 */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261125000000Foundation', class: Migration20261125000000Foundation },
  { name: 'Migration20261125010000Calendars', class: Migration20261125010000Calendars },
];
