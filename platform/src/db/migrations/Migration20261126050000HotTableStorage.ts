import { Migration } from '@mikro-orm/migrations';

/**
 * Storage settings for the tables the engine churns (docs/performance.md).
 *
 * - `task`: the inbox reads open and claimed tasks with index-only scans over
 *   covering partial indexes, which skip the heap only on pages the
 *   visibility map marks all-visible. With the default scale factor (20%),
 *   autovacuum would wait for a million changed rows on a 5M-row table, and
 *   the inbox would fall back to heap reads meanwhile.
 * - `job`: every fired timer deletes its row, and the workers' claim walks
 *   the due-order index past dead entries until vacuum removes them, so the
 *   claim cost grows with the timers fired (tests/bench/timers.bench.ts).
 *   Vacuum it early; leave room on each page (fillfactor) so the claim's
 *   lease update can stay on the same page (HOT) instead of adding index
 *   entries.
 * - `case_instance`: every command rewrites its case row.
 */
export class Migration20261126050000HotTableStorage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "task" set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);`);
    this.addSql(`alter table "job" set (fillfactor = 70, autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000, autovacuum_analyze_scale_factor = 0.05);`);
    this.addSql(`alter table "case_instance" set (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);`);
  }
}
