import { randomBytes } from "node:crypto";
import postgres from "postgres";

/** The PostgreSQL server the benchmarks create their databases on. */
export const serverUrl =
  process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface FreshDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database on the benchmark server: every measurement starts from the same clean
 * state, with no dead rows or warm caches left by another system's run.
 */
export async function freshDatabase(label: string): Promise<FreshDatabase> {
  const name = `bench_${label.replace(/\W/g, "_")}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    async drop() {
      const sql = postgres(serverUrl, { max: 1, onnotice: () => {} });
      try {
        await sql.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await sql.end();
      }
    },
  };
}

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
