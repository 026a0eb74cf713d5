import { rowsOf, schema } from "@autobolt/db";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { customer, seedCatalog, setupServer, workerClient } from "./support.ts";

const JOBS = 2_000;
const CLAIMERS = 16;

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_DB_POOL: "20" });
  await seedCatalog(env.server.services, 1);
  const db = env.database.db;
  const [owner] = await db.insert(schema.customers).values(customer).returning();
  // Seeded in SQL: the point here is claiming, not planning 2,000 packages one by one.
  await db.execute(sql`
    insert into jobs (customer_id, package_size, priority_level, business_name, email, created_at)
    select ${owner?.id}::uuid, 1, 1 + (g % 5), 'Business ' || g, 'b' || g || '@example.test', now() - make_interval(secs => g)
    from generate_series(1, ${JOBS}) as g`);
  await db.execute(sql`
    insert into job_results (job_id, directory_id, directory_name)
    select id, 'dir-001', 'Directory 1' from jobs`);
}, 120_000);
afterAll(() => env.close());

test(`${CLAIMERS} concurrent claimers over ${JOBS} jobs through HTTP: every job claimed and completed exactly once`, async () => {
  const claims = new Map<string, string[]>();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLAIMERS }, async (_, i) => {
      const api = workerClient(env.server);
      const workerId = `claimer-${i}`;
      for (;;) {
        const claimed = await api.autobolt.jobs.next.mutate({ workerId });
        if (!claimed.job) return;
        claims.set(claimed.job.id, [...(claims.get(claimed.job.id) ?? []), workerId]);
        const lease = { jobId: claimed.job.id, leaseToken: claimed.job.leaseToken as string };
        await api.autobolt.jobs.update.mutate({
          ...lease,
          results: [{ directoryId: "dir-001", status: "submitted" }],
        });
        await api.autobolt.jobs.complete.mutate(lease);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `[concurrency] ${env.server.services.database.kind}: ${JOBS} jobs by ${CLAIMERS} claimers in ${seconds.toFixed(2)} s = ${Math.round(JOBS / seconds)} jobs/s (claim+update+complete over HTTP)`,
  );

  expect(claims.size).toBe(JOBS);
  const doubles = [...claims.values()].filter((by) => by.length > 1);
  expect(doubles).toEqual([]);
  const [tally] = rowsOf<{ complete: number; total: number }>(
    await env.database.db.execute(
      sql`select count(*) filter (where status = 'complete')::int as complete, count(*)::int as total from jobs`,
    ),
  );
  expect(tally).toEqual({ complete: JOBS, total: JOBS });
  const [results] = rowsOf<{ n: number; submitted: number }>(
    await env.database.db.execute(
      sql`select count(*)::int as n, count(*) filter (where status = 'submitted')::int as submitted from job_results`,
    ),
  );
  expect(results).toEqual({ n: JOBS, submitted: JOBS });
}, 300_000);
