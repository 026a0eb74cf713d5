/**
 * `db.execute` answers with an array on postgres.js and with `{ rows }` on PGlite; raw statements
 * read their rows through this so callers never see the difference.
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
