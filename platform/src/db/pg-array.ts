/**
 * A PostgreSQL array literal ('{"a","b"}') for binding to a `?::text[]` or
 * `?::uuid[]` placeholder. Needed because the query builder expands a JS
 * array bound to `?` into a comma-separated list, which is right for
 * `in (?)` and wrong for an array column.
 */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
}
