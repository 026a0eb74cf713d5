import { schema } from "@autobolt/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { startServer } from "../src/app.ts";
import {
  API_KEY,
  callerAs,
  customer,
  rejection,
  seedCatalog,
  setupServer,
  testConfig,
  workerClient,
} from "./support.ts";

const MAX_ATTEMPTS = 2;
let env: Awaited<ReturnType<typeof setupServer>>;
let second: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_LEASE_SECONDS: "30", AUTOBOLT_MAX_ATTEMPTS: String(MAX_ATTEMPTS) });
  // A second server process on the same database, as in a scaled-out deployment.
  second = await startServer(
    testConfig({ AUTOBOLT_LEASE_SECONDS: "30", AUTOBOLT_MAX_ATTEMPTS: String(MAX_ATTEMPTS) }),
    { database: env.database },
  );
});
afterAll(async () => {
  await second.close();
  await env.close();
});
beforeEach(async () => {
  await env.database.truncate();
  await seedCatalog(env.server.services, 5);
});

const staff = () => callerAs(env.server.services, "staff");
const worker = () => workerClient(env.server);

async function newJob(size = 2) {
  const { job } = await staff().customers.create({ customer, package: { size } });
  return job;
}

async function claim(workerId = "w1") {
  const claimed = await worker().autobolt.jobs.next.mutate({ workerId });
  if (!claimed.job) throw new Error("expected a job");
  return { jobId: claimed.job.id, leaseToken: claimed.job.leaseToken as string };
}

async function jobRow(jobId: string) {
  const [row] = await env.database.db.select().from(schema.jobs).where(eq(schema.jobs.id, jobId));
  if (!row) throw new Error("no such job");
  return row;
}

async function eventsOf(jobId: string) {
  return env.database.db
    .select({ type: schema.jobEvents.type, data: schema.jobEvents.data })
    .from(schema.jobEvents)
    .where(eq(schema.jobEvents.jobId, jobId))
    .orderBy(schema.jobEvents.id);
}

/** A completion over the seed's REST path: its status and body. */
async function restComplete(url: string, lease: { jobId: string; leaseToken: string }) {
  const res = await fetch(`${url}/api/autobolt/jobs/complete`, {
    method: "POST",
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    body: JSON.stringify(lease),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("[WORKER API]: completing with results still pending", () => {
  test("counts an attempt: the job goes back to the queue with attempts + 1 and the reason", async () => {
    const job = await newJob(2);
    const lease = await claim();
    expect(await worker().autobolt.jobs.complete.mutate(lease)).toEqual({
      status: "pending",
      counts: { pending: 2, submitted: 0, failed: 0 },
    });
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: "pending", attempts: 1, leaseToken: null, workerId: null });
    expect(row.lastError).toBe("Attempt 1: worker w1 completed it with 2 results still pending");
    expect((await eventsOf(job.id)).at(-1)).toMatchObject({
      type: "released",
      data: { pending: 2, attempts: 1 },
    });
    const again = await worker().autobolt.jobs.next.mutate({ workerId: "w2" });
    expect(again.job).toMatchObject({ id: job.id, attempts: 1 });
  });

  test("a job cycled past the attempt limit fails with the reason, and is not handed out again", async () => {
    const job = await newJob(2);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const lease = await claim("looping-worker");
      if (attempt === 1)
        await worker().autobolt.jobs.update.mutate({
          ...lease,
          results: [{ directoryId: "dir-005", status: "submitted" }],
        });
      const done = await worker().autobolt.jobs.complete.mutate(lease);
      expect(done.status).toBe(attempt < MAX_ATTEMPTS ? "pending" : "failed");
    }
    const row = await jobRow(job.id);
    expect(row).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(row.completedAt).not.toBeNull();
    expect(row.lastError).toBe(
      `Gave up after ${MAX_ATTEMPTS} attempts: worker looping-worker completed it with 1 result still pending`,
    );
    expect((await eventsOf(job.id)).at(-1)).toMatchObject({
      type: "failed",
      data: { pending: 1, submitted: 1, attempts: MAX_ATTEMPTS, reason: row.lastError },
    });
    expect(await worker().autobolt.jobs.next.mutate({ workerId: "w3" })).toEqual({ job: null });
    // Staff can still put it back: a retry starts the count again.
    await staff().jobs.retryFailed({ id: job.id });
    expect(await worker().autobolt.jobs.next.mutate({ workerId: "w3" })).toMatchObject({
      job: { id: job.id, attempts: 0 },
    });
  });

  test("a completion with nothing pending counts no attempt", async () => {
    const job = await newJob(1);
    const lease = await claim();
    await worker().autobolt.jobs.update.mutate({
      ...lease,
      results: [{ directoryId: "dir-005", status: "failed", reason: "timeout" }],
    });
    expect((await worker().autobolt.jobs.complete.mutate(lease)).status).toBe("complete");
    expect(await jobRow(job.id)).toMatchObject({ status: "complete", attempts: 0, lastError: null });
  });
});

describe("[WORKER API]: concurrent completions of one lease", () => {
  async function race(calls: (() => Promise<{ ok: boolean; error?: unknown }>)[]) {
    const outcomes = await Promise.all(calls.map((call) => call()));
    return {
      ok: outcomes.filter((o) => o.ok).length,
      refused: outcomes.filter((o) => !o.ok).map((o) => o.error),
    };
  }
  const viaTrpc = (url: string, lease: { jobId: string; leaseToken: string }) => async () => {
    const client = url === env.server.url ? worker() : workerClient(second);
    try {
      await client.autobolt.jobs.complete.mutate(lease);
      return { ok: true };
    } catch (error) {
      return { ok: false, error: await rejection(Promise.reject(error)) };
    }
  };
  const viaRest = (url: string, lease: { jobId: string; leaseToken: string }) => async () => {
    const { status, body } = await restComplete(url, lease);
    return status === 200 ? { ok: true } : { ok: false, error: { status, ...(body.error as object) } };
  };

  for (const pending of [false, true]) {
    test(`exactly one succeeds, on one server and across two (${pending ? "results pending" : "all reported"})`, async () => {
      for (let round = 0; round < 5; round++) {
        await env.database.truncate();
        await seedCatalog(env.server.services, 5);
        const job = await newJob(1);
        const lease = await claim();
        if (!pending)
          await worker().autobolt.jobs.update.mutate({
            ...lease,
            results: [{ directoryId: "dir-005", status: "submitted" }],
          });
        const { ok, refused } = await race([
          viaTrpc(env.server.url, lease),
          viaTrpc(env.server.url, lease),
          viaRest(env.server.url, lease),
          viaRest(env.server.url, lease),
          viaTrpc(second.url, lease),
          viaRest(second.url, lease),
        ]);
        expect(ok).toBe(1);
        expect(refused).toHaveLength(5);
        for (const error of refused) expect(error).toMatchObject({ code: "CONFLICT", appCode: "LEASE_LOST" });
        const row = await jobRow(job.id);
        expect(row).toMatchObject({ status: pending ? "pending" : "complete", attempts: pending ? 1 : 0 });
        const finishing = (await eventsOf(job.id)).filter(
          (e) => e.type !== "claimed" && e.type !== "created",
        );
        expect(finishing.filter((e) => e.type !== "results")).toHaveLength(1);
      }
    });
  }

  test("the same lease twice in one completeBatch: one answer ok, the other a conflict", async () => {
    await newJob(1);
    const lease = await claim();
    const { results } = await worker().autobolt.jobs.completeBatch.mutate({ leases: [lease, lease] });
    expect(results.map((r) => r.ok)).toEqual([true, false]);
    expect(results[1]).toMatchObject({ ok: false, appCode: "LEASE_LOST" });
  });

  test("a wrong lease token batched beside the right one is refused", async () => {
    const job = await newJob(1);
    const lease = await claim();
    const forged = { jobId: job.id, leaseToken: "00000000-0000-4000-8000-00000000beef" };
    const { ok, refused } = await race([viaTrpc(env.server.url, lease), viaTrpc(env.server.url, forged)]);
    expect(ok).toBe(1);
    expect(refused).toEqual([expect.objectContaining({ appCode: "LEASE_LOST" })]);
  });
});
