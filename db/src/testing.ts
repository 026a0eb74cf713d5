import { randomBytes } from "node:crypto";
import type { CustomerFields } from "@autobolt/contract";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { createDb, type Database } from "./client.ts";

export interface TestDatabase extends Database {
  /** Empty every table (keeps the package presets the migrations seed; staff accounts on request). */
  truncate(options?: { keepStaff?: boolean }): Promise<void>;
  /** The URL of this database when it lives on a real PostgreSQL server. */
  url: string | undefined;
}

/**
 * One migrated database per test file: embedded in memory by default, or a fresh database on the
 * PostgreSQL server of DATABASE_URL, dropped again by close().
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const database = await createDb();
    return { ...database, url: undefined, truncate: (options) => truncateAll(database, options) };
  }
  const empty = await createEmptyDatabase(serverUrl, "autobolt_test");
  const database = await createDb({ url: empty.url, maxConnections: 20 });
  return {
    ...database,
    url: empty.url,
    truncate: (options) => truncateAll(database, options),
    async close() {
      await database.close();
      await empty.drop();
    },
  };
}

export interface EmptyDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/**
 * A new, empty database (not migrated) on the PostgreSQL server of `serverUrl`, named `prefix_…`
 * at random, and the means to drop it again even with connections still open.
 */
export async function createEmptyDatabase(serverUrl: string, prefix: string): Promise<EmptyDatabase> {
  const name = `${prefix.replace(/\W/g, "_")}_${randomBytes(6).toString("hex")}`;
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

async function truncateAll({ db }: Database, options: { keepStaff?: boolean } = {}): Promise<void> {
  const staff = options.keepStaff ? sql`` : sql`, staff_sessions, staff_users`;
  await db.execute(
    sql`truncate job_events, job_results, jobs, customers, directories, workers, sign_in_throttle, proofs, claim_pauses, report_links${staff} restart identity cascade`,
  );
}

/** The business the tests submit: every field filled, with characters forms like to mangle. */
export const exampleCustomer: CustomerFields = {
  businessName: "Bluebird Plumbing & Heating LLC",
  email: "owner@bluebird-plumbing.test",
  phone: "(512) 555-0142",
  website: "https://bluebird-plumbing.test",
  address: "1200 Barton Springs Rd",
  city: "Austin",
  state: "TX",
  zip: "78704",
  description: "Family-run plumbing and heating since 1998.",
  category: "Plumbing",
};
