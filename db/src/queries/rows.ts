import { getTableColumns, type SQL, sql, type Table } from "drizzle-orm";

/**
 * `db.execute` answers with an array on postgres.js and with `{ rows }` on PGlite; raw statements
 * read their rows through this so callers never see the difference.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** The database name of a schema key under the project's snake_case casing. */
const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * Every column of a table read from `alias`, named as the schema names its keys: the select list a
 * raw statement (a CTE with RETURNING, say) uses to answer rows `fromRow` turns into table rows.
 */
export function selectColumns(table: Table, alias: string): SQL {
  const list = Object.keys(getTableColumns(table)).map((key) => `${alias}.${snake(key)} as "${key}"`);
  return sql.raw(list.join(", "));
}

/**
 * A raw row as the table's typed row, each value through its column's own driver mapping (dates,
 * JSON), exactly as a query-builder select would give it. `snake` reads database-named keys, as
 * `to_jsonb(row)` answers them.
 */
export function fromRow<T extends Table>(
  table: T,
  row: Record<string, unknown>,
  keys: "schema" | "snake" = "schema",
): T["$inferSelect"] {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = row[keys === "snake" ? snake(key) : key];
    out[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return out as T["$inferSelect"];
}

/** A json/jsonb value, whether the driver parsed it already or handed over its text. */
export function parseJson(value: unknown): unknown {
  return typeof value === "string" ? JSON.parse(value) : value;
}
