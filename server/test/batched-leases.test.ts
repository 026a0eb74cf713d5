import { completeJob, retryFailed, schema } from "@autobolt/db";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { AppRouter } from "../src/root.ts";
import {
  API_KEY,
  callerAs,
  customer,
  rejection,
  seedCatalog,
  setupServer,
  staffUser,
  workerClient,
} from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_LEASE_SECONDS: "30" });
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate();
  await seedCatalog(env.server.services, 5);
});

const staff = () => callerAs(env.server.services, "staff");

async function newJobs(count: number, size = 1) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const { job } = await staff().customers.create({
      customer: { ...customer, businessName: `Business ${i}` },
      package: { size },
      priorityLevel: 1 + (i % 5),
    });
    ids.push(job.id);
  }
  return ids;
}

function batchingClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({ url: `${env.server.url}/trpc`, headers: { authorization: `Bearer ${API_KEY}` } }),
    ],
  });
}

async function statusOf(jobId: string) {
  const [row] = await env.database.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
  return row?.status;
}

describe("[WORKER API]: batched claims", () => {
  test("nextBatch claims up to its limit, most urgent first, each job with its own lease", async () => {
    await newJobs(7);
    const { jobs } = await workerClient(env.server).autobolt.jobs.nextBatch.mutate({
      workerId: "w1",
      limit: 5,
    });
    expect(jobs).toHaveLength(5);
    expect(jobs.map((j) => j.job.priorityLevel)).toEqual([1, 1, 2, 2, 3]);
    expect(new Set(jobs.map((j) => j.job.leaseToken)).size).toBe(5);
    expect(jobs.every((j) => j.job.status === "in_progress" && j.job.workerId === "w1")).toBe(true);
    expect(jobs[0]?.customer.businessName).toMatch(/^Business /);
    expect(jobs[0]?.directories).toHaveLength(1);
    const rest = await workerClient(env.server).autobolt.jobs.nextBatch.mutate({ workerId: "w2", limit: 5 });
    expect(rest.jobs).toHaveLength(2);
  });

  test("a limit above 100 is refused with the field named", async () => {
    const error = await rejection(
      workerClient(env.server).autobolt.jobs.nextBatch.mutate({ workerId: "w1", limit: 101 }),
    );
    expect(error.code).toBe("BAD_REQUEST");
  });

  test("many workers claiming at once each get different jobs, and none is left behind", async () => {
    const ids = await newJobs(12);
    const claims = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        workerClient(env.server).autobolt.jobs.next.mutate({ workerId: `w${i}` }),
      ),
    );
    const claimed = claims.flatMap((c) => (c.job ? [c.job.id] : []));
    expect(claimed).toHaveLength(12);
    expect(new Set(claimed)).toEqual(new Set(ids));
  });

  test("completions sent together in one request each get their own answer; a stale lease only fails itself", async () => {
    await newJobs(4);
    const { jobs } = await workerClient(env.server).autobolt.jobs.nextBatch.mutate({
      workerId: "w1",
      limit: 4,
    });
    const api = batchingClient();
    await Promise.all(
      jobs.map(({ job, directories }) =>
        api.autobolt.jobs.update.mutate({
          jobId: job.id,
          leaseToken: job.leaseToken as string,
          results: directories.map((d) => ({ directoryId: d.id, status: "submitted" as const })),
        }),
      ),
    );
    const stale = jobs[3] as (typeof jobs)[number];
    await staff().jobs.cancel({ id: stale.job.id });
    const answers = await Promise.allSettled(
      jobs.map(({ job }) =>
        api.autobolt.jobs.complete.mutate({ jobId: job.id, leaseToken: job.leaseToken as string }),
      ),
    );
    expect(answers.slice(0, 3).map((a) => a.status === "fulfilled" && a.value.status)).toEqual([
      "complete",
      "complete",
      "complete",
    ]);
    expect(await rejection(Promise.reject((answers[3] as PromiseRejectedResult).reason))).toMatchObject({
      appCode: "LEASE_LOST",
    });
    expect(await statusOf(stale.job.id)).toBe("cancelled");
  });

  test("completeBatch answers each lease on its own: done ones complete, a cancelled one says LEASE_LOST", async () => {
    await newJobs(3);
    const api = workerClient(env.server);
    const { jobs } = await api.autobolt.jobs.nextBatch.mutate({ workerId: "w1", limit: 3 });
    const leases = jobs.map(({ job }) => ({ jobId: job.id, leaseToken: job.leaseToken as string }));
    for (const { job, directories } of jobs.slice(0, 2))
      await api.autobolt.jobs.update.mutate({
        jobId: job.id,
        leaseToken: job.leaseToken as string,
        results: directories.map((d) => ({ directoryId: d.id, status: "submitted" as const })),
      });
    await staff().jobs.cancel({ id: leases[2]?.jobId as string });
    const { results } = await api.autobolt.jobs.completeBatch.mutate({ leases });
    expect(results.map((r) => r.jobId)).toEqual(leases.map((l) => l.jobId));
    expect(results[0]).toMatchObject({
      ok: true,
      status: "complete",
      counts: { pending: 0, submitted: 1, failed: 0 },
    });
    expect(results[1]).toMatchObject({ ok: true, status: "complete" });
    expect(results[2]).toMatchObject({ ok: false, appCode: "LEASE_LOST" });
    expect(await statusOf(leases[2]?.jobId as string)).toBe("cancelled");
    // Each completion is in the job's history, once, by its worker and with its counts.
    const logged = await env.database.db
      .select()
      .from(schema.jobEvents)
      .where(eq(schema.jobEvents.type, "completed"));
    expect(logged.map((e) => e.jobId).sort()).toEqual([leases[0]?.jobId, leases[1]?.jobId].sort());
    expect(logged.find((e) => e.jobId === leases[0]?.jobId)).toMatchObject({
      actor: "worker:w1",
      data: { pending: 0, submitted: 1, failed: 0 },
    });
    const empty = await rejection(api.autobolt.jobs.completeBatch.mutate({ leases: [] }));
    expect(empty.code).toBe("BAD_REQUEST");
  });

  test("REST: /api/autobolt/jobs/complete-batch takes the same body and answers the same results", async () => {
    await newJobs(1);
    const { jobs } = await workerClient(env.server).autobolt.jobs.nextBatch.mutate({
      workerId: "w1",
      limit: 1,
    });
    const job = jobs[0]?.job;
    const res = await fetch(`${env.server.url}/api/autobolt/jobs/complete-batch`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ leases: [{ jobId: job?.id, leaseToken: job?.leaseToken }] }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ results: [{ jobId: job?.id, ok: true, status: "pending" }] });
  });

  test("REST: /api/autobolt/jobs/next-batch answers the jobs, and an empty list when there are none", async () => {
    await newJobs(3);
    const headers = { authorization: `Bearer ${API_KEY}` };
    const res = await fetch(`${env.server.url}/api/autobolt/jobs/next-batch?workerId=rest&limit=2`, {
      headers,
    });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { jobs: unknown[] }).jobs).toHaveLength(2);
    const post = await fetch(`${env.server.url}/api/autobolt/jobs/next-batch`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      body: JSON.stringify({ workerId: "rest", limit: 5 }),
    });
    expect(((await post.json()) as { jobs: unknown[] }).jobs).toHaveLength(1);
    const empty = await fetch(`${env.server.url}/api/autobolt/jobs/next-batch?limit=5`, { headers });
    expect(empty.status).toBe(200);
    expect(await empty.json()).toEqual({ jobs: [] });
  });
});

// PGlite runs one connection, so two transactions can never overlap there; on PostgreSQL they do.
describe.runIf(process.env.DATABASE_URL)("[WORKER API]: a completion racing a staff retry", () => {
  test("the job goes back to the queue for the retried directory instead of completing without it", async () => {
    const [jobId] = await newJobs(1, 2);
    const claimed = await workerClient(env.server).autobolt.jobs.next.mutate({ workerId: "w1" });
    if (!claimed.job) throw new Error("expected a job");
    const lease = { jobId: claimed.job.id, leaseToken: claimed.job.leaseToken as string };
    const [first, second] = claimed.directories;
    await workerClient(env.server).autobolt.jobs.update.mutate({
      ...lease,
      results: [
        { directoryId: first?.id as string, status: "submitted" },
        { directoryId: second?.id as string, status: "failed", reason: "timeout" },
      ],
    });
    // Hold the job's row so the retry and the completion both queue behind it, retry first.
    const holder = postgres(env.database.url as string, { max: 1, onnotice: () => {} });
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = holder.begin(async (tx) => {
      await tx`select id from jobs where id = ${jobId as string} for update`;
      await held;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const retry = retryFailed(env.database.db, { jobId: jobId as string, actor: `staff:${staffUser.email}` });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const completion = completeJob(env.database.db, { ...lease, leaseSeconds: 30, maxAttempts: 3 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    release();
    await holding;
    await holder.end();
    expect(await retry).toEqual({ retried: 1, interruptedKept: 0 });
    expect(await completion).toEqual({ status: "pending", counts: { pending: 1, submitted: 1, failed: 0 } });
    expect(await statusOf(jobId as string)).toBe("pending");
  });
});
