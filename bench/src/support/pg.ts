import { createEmptyDatabase, type EmptyDatabase } from "@autobolt/db/testing";
import postgres from "postgres";

/** The PostgreSQL server the benchmarks create their databases on. */
export const serverUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/**
 * A new, empty database on the benchmark server: every measurement starts from the same clean
 * state, with no dead rows or warm caches left by another system's run.
 */
export const freshDatabase = (label: string): Promise<EmptyDatabase> =>
  createEmptyDatabase(serverUrl, `bench_${label}`);

/** The settings that decide what a commit costs, printed beside every figure. */
export async function durabilitySettings(url = serverUrl): Promise<string> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ name: string; setting: string }[]>`
      select name, setting from pg_settings
      where name in ('server_version', 'synchronous_commit', 'fsync', 'wal_sync_method', 'shared_buffers')
      order by name`;
    return rows.map((r) => `${r.name}=${r.setting}`).join(", ");
  } finally {
    await sql.end();
  }
}
