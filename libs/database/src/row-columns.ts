/**
 * Column lists for statements that return the rows of several tables side by
 * side (a mapping, its concept): each column is renamed `<prefix><name>`, and
 * the table's row is taken back out of the result row by the same list. A
 * column may carry a cast (`valid_from::text`), kept out of its name.
 * Cheaper than to_jsonb(row), which PostgreSQL builds and the driver parses again.
 */
export function prefixedColumns(alias: string, prefix: string, columns: readonly string[]): string {
  return columns.map((column) => `${alias}.${column} AS ${prefix}${columnName(column)}`).join(', ');
}

/**
 * Takes one table's row out of result rows, for a prefix and column list
 * given once (translation reads thousands of rows per call). Gives null when
 * the first column, the key, is null, as after a LEFT JOIN that found nothing.
 */
export function prefixedRowReader<T>(prefix: string, columns: readonly string[]): (row: Record<string, unknown>) => T | null {
  const names = columns.map(columnName);
  const keys = names.map((name) => prefix + name);
  return (row) => {
    if (row[keys[0]] == null) return null;
    const out: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) out[names[i]] = row[keys[i]];
    return out as T;
  };
}

function columnName(column: string): string {
  const cast = column.indexOf('::');
  return cast === -1 ? column : column.slice(0, cast);
}
