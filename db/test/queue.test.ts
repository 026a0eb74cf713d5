import type { JobStatus, ResultStatus } from "@autobolt/contract";
import { type SQL, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { type Db, listQueue, type QueueParams, queueStatements, rowsOf, schema } from "../src/index.ts";
import { createTestDatabase, exampleCustomer, type TestDatabase } from "../src/testing.ts";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());
beforeEach(() => database.truncate());

const defaults: QueueParams = { sort: "createdAt", direction: "desc", limit: 25, offset: 0 };
const directoryIds = ["d1", "d2", "d3", "d4", "d5"];

interface JobFixture {
  businessName?: string;
  email?: string;
  status?: JobStatus;
  priorityLevel?: number;
  createdAt?: Date;
  results?: ResultStatus[];
}

async function addJobs(fixtures: JobFixture[]) {
  const { db } = database;
  const [customer] = await db.insert(schema.customers).values(exampleCustomer).returning();
  if (!customer) throw new Error("no customer");
  await db
    .insert(schema.directories)
    .values(
      directoryIds.map((id) => ({
        id,
        name: id,
        url: `https://${id}.test`,
        submissionUrl: `https://${id}.test`,
      })),
    )
    .onConflictDoNothing();
  const jobs = await db
    .insert(schema.jobs)
    .values(
      fixtures.map((f, i) => ({
        customerId: customer.id,
        businessName: f.businessName ?? `Business ${i}`,
        email: f.email ?? `owner${i}@example.test`,
        status: f.status ?? "pending",
        priorityLevel: f.priorityLevel ?? 3,
        packageSize: f.results?.length || 1,
        createdAt: f.createdAt ?? new Date(Date.UTC(2026, 0, 1, 0, i)),
      })),
    )
    .returning();
  const results = jobs.flatMap((job, i) =>
    (fixtures[i]?.results ?? []).map((status, d) => ({
      jobId: job.id,
      directoryId: directoryIds[d] as string,
      directoryName: directoryIds[d] as string,
      status,
      reason: status === "failed" ? ("timeout" as const) : null,
    })),
  );
  if (results.length > 0) await database.db.insert(schema.jobResults).values(results);
  return jobs;
}

/**
 * Runs with scans of a whole table or index priced out, so a tiny table is searched the way a
 * large one is: through bitmaps from the trigram indexes.
 */
async function withIndexesOnly<T>(work: (tx: Db) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`set local enable_seqscan = off`);
    await tx.execute(sql`set local enable_indexscan = off`);
    return work(tx);
  });
}

async function plan(tx: Db, statement: { getSQL(): SQL }): Promise<string> {
  const rows = rowsOf<{ "QUERY PLAN": string }>(await tx.execute(sql`explain ${statement.getSQL()}`));
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

describe("[QUEUE] search through the trigram indexes", () => {
  test("matches any part of a name or email, case-insensitively, with %, _ and \\ as plain characters", async () => {
    await addJobs([
      { businessName: "100% Natural Foods", email: "hello@natural.test" },
      { businessName: "Under_score Bakery", email: "info@underscore.test" },
      { businessName: "Back\\slash Barbers", email: "cut@backslash.test" },
      { businessName: "Plain Bakery", email: "plain_owner@bakery.test" },
      { businessName: "Nothing Special", email: "x@special.test" },
    ]);
    await withIndexesOnly(async (tx) => {
      const names = async (search: string) =>
        (await listQueue(tx, { ...defaults, search })).items.map((j) => j.businessName).sort();
      expect(await names("%")).toEqual(["100% Natural Foods"]);
      expect(await names("0% n")).toEqual(["100% Natural Foods"]);
      expect(await names("_")).toEqual(["Plain Bakery", "Under_score Bakery"]);
      expect(await names("r_s")).toEqual(["Under_score Bakery"]);
      expect(await names("\\")).toEqual(["Back\\slash Barbers"]);
      expect(await names("BAKERY")).toEqual(["Plain Bakery", "Under_score Bakery"]);
      expect(await names("owner@bak")).toEqual(["Plain Bakery"]);
      expect(await names("zzz")).toEqual([]);

      const statements = queueStatements(tx, { ...defaults, search: "bakery" });
      for (const statement of [statements.page, statements.counts]) {
        const text = await plan(tx, statement);
        expect(text).toContain("jobs_business_name_trgm_idx");
        expect(text).toContain("jobs_email_trgm_idx");
      }
    });
  });
});

describe("[QUEUE] counts per status", () => {
  const statuses: JobStatus[] = [
    "pending",
    "pending",
    "pending",
    "in_progress",
    "in_progress",
    "complete",
    "complete",
    "complete",
    "complete",
    "failed",
    "cancelled",
  ];

  test("every tab counted, totals are the sum of the tabs filtered on, with or without a search", async () => {
    await addJobs(
      statuses.map((status, i) => ({ status, businessName: i % 2 === 0 ? `Even Co ${i}` : `Odd Co ${i}` })),
    );
    const all = await listQueue(database.db, defaults);
    expect(all.counts).toEqual({ pending: 3, in_progress: 2, complete: 4, failed: 1, cancelled: 1 });
    expect(all.total).toBe(11);
    const finished = await listQueue(database.db, { ...defaults, status: ["failed", "cancelled"] });
    expect(finished.total).toBe(2);
    expect(finished.counts).toEqual(all.counts);
    expect((await listQueue(database.db, { ...defaults, status: ["complete", "complete"] })).total).toBe(4);

    const even = await listQueue(database.db, { ...defaults, search: "even" });
    expect(even.counts).toEqual({ pending: 2, in_progress: 1, complete: 2, failed: 0, cancelled: 1 });
    expect(even.total).toBe(6);
    const evenPending = await listQueue(database.db, { ...defaults, search: "even", status: ["pending"] });
    expect(evenPending.total).toBe(2);
    expect(evenPending.items.every((j) => j.status === "pending" && j.businessName.startsWith("Even"))).toBe(
      true,
    );
  });

  /** The counts as a plain GROUP BY over every job sees them. */
  async function truth() {
    const rows = rowsOf<{ status: JobStatus; n: number }>(
      await database.db.execute(sql`select status, count(*)::int as n from jobs group by status`),
    );
    const counts = { pending: 0, in_progress: 0, complete: 0, failed: 0, cancelled: 0 };
    for (const row of rows) counts[row.status] = row.n;
    return counts;
  }
  const queueCountsNow = async () => (await listQueue(database.db, defaults)).counts;

  test("stay exact through inserts, rolled-back inserts, bulk inserts, status changes, deletes and truncation", async () => {
    const jobs = await addJobs([{ status: "complete" }, { status: "complete" }, { status: "pending" }]);
    expect(await queueCountsNow()).toEqual(await truth());
    expect((await queueCountsNow()).complete).toBe(2);

    const [first] = jobs;
    if (!first) throw new Error("no job");
    const rolledBack = database.db.transaction(async (tx) => {
      await tx.insert(schema.jobs).values({ ...first, id: undefined, status: "complete" });
      throw new Error("changed my mind");
    });
    await expect(rolledBack).rejects.toThrow("changed my mind");
    expect((await queueCountsNow()).complete).toBe(2);

    await database.db.execute(sql`
      insert into jobs (customer_id, status, package_size, business_name, email)
      select customer_id, 'complete', 1, 'Bulk ' || g, 'bulk' || g || '@example.test'
      from jobs cross join generate_series(1, 5) g where id = ${first.id}`);
    await database.db.execute(sql`update jobs set status = 'failed' where id = ${first.id}`);
    expect(await queueCountsNow()).toEqual(await truth());
    expect(await queueCountsNow()).toMatchObject({ complete: 6, failed: 1, pending: 1 });

    await database.db.execute(
      sql`delete from jobs where business_name like 'Bulk %' and business_name <> 'Bulk 1'`,
    );
    expect(await queueCountsNow()).toEqual(await truth());
    expect((await queueCountsNow()).complete).toBe(2);

    await database.truncate();
    expect(await queueCountsNow()).toEqual({
      pending: 0,
      in_progress: 0,
      complete: 0,
      failed: 0,
      cancelled: 0,
    });
    await addJobs([{ status: "complete" }]);
    expect(await queueCountsNow()).toEqual(await truth());
  });

  test("stay exact when many jobs are created at once", async () => {
    const [job] = await addJobs([{ status: "complete" }]);
    if (!job) throw new Error("no job");
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        database.db.transaction(async (tx) => {
          await tx
            .insert(schema.jobs)
            .values({ ...job, id: undefined, status: "complete", email: `p${i}@x.test` });
          // Still inside the transaction while the others insert too.
          await tx.execute(sql`select pg_sleep(0.01)`);
        }),
      ),
    );
    expect(await queueCountsNow()).toEqual(await truth());
    expect((await queueCountsNow()).complete).toBe(13);
  });

  test("an empty queue counts zero everywhere", async () => {
    const empty = await listQueue(database.db, defaults);
    expect(empty).toEqual({
      items: [],
      total: 0,
      counts: { pending: 0, in_progress: 0, complete: 0, failed: 0, cancelled: 0 },
      needsPerson: 0,
    });
  });
});

describe("[QUEUE] pages", () => {
  // Three jobs share every creation time, so ties decide the order of most pages.
  const fixtures: JobFixture[] = Array.from({ length: 23 }, (_, i) => ({
    businessName: `Shop ${String.fromCharCode(65 + (i % 5))}`,
    status: (["pending", "in_progress", "complete", "failed"] as const)[i % 4],
    priorityLevel: 1 + (i % 3),
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, Math.floor(i / 3))),
    results: (["submitted", "failed", "pending", "submitted", "pending"] as const).slice(0, 1 + (i % 5)),
  }));

  test("paging through any sort shows every job once, in order, each with its own progress", async () => {
    const jobs = await addJobs(fixtures);
    const byId = new Map(jobs.map((job, i) => [job.id, fixtures[i] as JobFixture]));
    const sorts: [QueueParams["sort"], (job: (typeof jobs)[number]) => string | number | Date][] = [
      ["createdAt", (j) => j.createdAt],
      ["updatedAt", (j) => j.updatedAt],
      ["priorityLevel", (j) => j.priorityLevel],
      ["businessName", (j) => j.businessName],
      ["status", (j) => j.status],
    ];
    for (const [sort, key] of sorts) {
      for (const direction of ["asc", "desc"] as const) {
        const seen: string[] = [];
        for (let offset = 0; offset < jobs.length; offset += 5) {
          const page = await listQueue(database.db, { ...defaults, sort, direction, limit: 5, offset });
          expect(page.total).toBe(jobs.length);
          for (const item of page.items) {
            const results = byId.get(item.id)?.results ?? [];
            const tally = (s: ResultStatus) => results.filter((r) => r === s).length;
            expect(item.results).toMatchObject({
              submitted: tally("submitted"),
              failed: tally("failed"),
              pending: tally("pending"),
              total: results.length,
            });
            expect(item.progress).toBe(
              Math.round(((tally("submitted") + tally("failed")) / results.length) * 1000) / 10,
            );
          }
          seen.push(...page.items.map((j) => j.id));
        }
        const expected = [...jobs].sort((a, b) => {
          const sign = direction === "asc" ? 1 : -1;
          const cmp = (x: string | number | Date, y: string | number | Date) => (x < y ? -1 : x > y ? 1 : 0);
          return sign * (cmp(key(a), key(b)) || cmp(a.createdAt, b.createdAt) || cmp(a.id, b.id));
        });
        expect(seen, `${sort} ${direction}`).toEqual(expected.map((j) => j.id));
      }
    }
  });
});
