import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** A database or a transaction on it: query functions accept either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: "embedded" | "postgres";
  /** Subscribe to a NOTIFY channel; resolves once listening, returns the unsubscribe. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** A postgres:// URL; absent means the embedded database. */
  url?: string | undefined;
  /** Folder of the embedded database; absent means in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for a real PostgreSQL. */
  maxConnections?: number;
  migrate?: boolean;
  /**
   * Use server-side prepared statements (default). Turn off behind a transaction-mode pooler
   * (PgBouncer, Supabase's port 6543), which cannot keep them.
   */
  prepare?: boolean;
}

const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));
const casing = "snake_case" as const;
// Any number of processes may start at once against one PostgreSQL; this lock lets one migrate.
const MIGRATION_LOCK = 7_215_530_114;

export async function createDb(options: CreateDbOptions = {}): Promise<Database> {
  const database = options.url?.match(/^postgres(ql)?:\/\//)
    ? await openPostgres(
        options.url,
        options.maxConnections ?? 10,
        options.migrate ?? true,
        options.prepare ?? true,
      )
    : await openEmbedded(options.dataDir, options.migrate ?? true);
  return database;
}

async function openPostgres(
  url: string,
  max: number,
  migrate: boolean,
  prepared: boolean,
): Promise<Database> {
  if (migrate) {
    const migrator = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await migrator`select pg_advisory_lock(${MIGRATION_LOCK})`;
      await migratePostgres(drizzlePostgres({ client: migrator, casing }), { migrationsFolder });
      await migrator`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    } finally {
      await migrator.end();
    }
  }
  const client = postgres(url, { max, onnotice: () => {} });
  return {
    db: drizzlePostgres({
      client: prepared ? preparingStatements(client) : client,
      schema,
      casing,
    }) as unknown as Db,
    kind: "postgres",
    async listen(channel, onPayload) {
      const { unlisten } = await client.listen(channel, onPayload);
      return unlisten;
    },
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * Drizzle runs unnamed queries with prepare: false, and postgres.js then describes every
 * parameterised statement in an extra round trip before running it. Letting postgres.js prepare
 * (and cache per connection) halves the round trips of every query, in transactions too.
 */
function preparingStatements(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === "unsafe") {
        return (query: string, params?: unknown[], options?: Record<string, unknown>) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (property === "begin") {
        return (...args: unknown[]) => {
          const body = args.pop() as (tx: postgres.Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args, (tx: postgres.Sql) =>
            body(preparingStatements(tx)),
          );
        };
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

async function openEmbedded(dataDir: string | undefined, migrate: boolean): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // The migrations create pg_trgm (the queue's search indexes): PGlite ships it but must load it.
  // Options only, as PGlite ignores the options that follow an undefined dataDir.
  const client = new PGlite({ dataDir, extensions: { pg_trgm } });
  await client.waitReady;
  const db = drizzlePglite({ client, schema, casing });
  if (migrate) await migratePglite(db, { migrationsFolder });
  return {
    db: db as unknown as Db,
    kind: "embedded",
    async listen(channel, onPayload) {
      const unsubscribe = await client.listen(channel, onPayload);
      return unsubscribe;
    },
    close: () => client.close(),
  };
}

/** A round trip to the database, for health checks. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
