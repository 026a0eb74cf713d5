import { reapExpiredLeases, schema } from "@autobolt/db";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { callerAs, customer, rejection, seedCatalog, setupServices, storedProof } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServices>>;
beforeAll(async () => {
  env = await setupServices({ AUTOBOLT_LEASE_SECONDS: "30", AUTOBOLT_MAX_ATTEMPTS: "2" });
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate();
  await seedCatalog(env.services, 10);
});

const staff = () => callerAs(env.services, "staff");
const worker = () => callerAs(env.services, "worker");

async function newJob(size = 3, priorityLevel = 3, businessName = customer.businessName) {
  const { job } = await staff().customers.create({
    customer: { ...customer, businessName },
    package: { size },
    priorityLevel,
  });
  return job;
}

async function claim(workerId = "w1") {
  const claimed = await worker().autobolt.jobs.next({ workerId });
  if (!claimed.job) throw new Error("expected a job");
  return claimed as Exclude<typeof claimed, { job: null }>;
}

function lease(c: Awaited<ReturnType<typeof claim>>) {
  return { jobId: c.job.id, leaseToken: c.job.leaseToken as string };
}

/** Force a claimed job's lease into the past, as if its worker had stopped renewing. */
async function expireLease(jobId: string) {
  await env.database.db
    .update(schema.jobs)
    .set({ leaseExpiresAt: sql`now() - interval '1 second'` })
    .where(eq(schema.jobs.id, jobId));
}

async function resultsOf(jobId: string) {
  const rows = await env.database.db
    .select()
    .from(schema.jobResults)
    .where(eq(schema.jobResults.jobId, jobId))
    .orderBy(schema.jobResults.directoryId);
  return rows;
}

describe("[WORKER API]: claiming", () => {
  test("next returns null when the queue is empty", async () => {
    expect(await worker().autobolt.jobs.next({ workerId: "w1" })).toEqual({ job: null });
  });

  test("next claims the most urgent job first, then the oldest, with its customer and pending directories", async () => {
    const old = await newJob(2, 3, "Old");
    const urgent = await newJob(2, 1, "Urgent");
    await newJob(2, 3, "Young");
    const first = await claim();
    expect(first.job.id).toBe(urgent.id);
    expect(first.job.status).toBe("in_progress");
    expect(first.job.workerId).toBe("w1");
    expect(first.customer.businessName).toBe("Urgent");
    expect(first.directories.map((d) => d.id)).toEqual(["dir-010", "dir-009"]);
    expect((await claim("w2")).job.id).toBe(old.id);
  });

  test("a claimed job is not handed out again", async () => {
    await newJob(1);
    await claim("w1");
    expect(await worker().autobolt.jobs.next({ workerId: "w2" })).toEqual({ job: null });
  });

  test("a long-polling worker gets a job created while it waits", async () => {
    const started = Date.now();
    const waiting = worker().autobolt.jobs.next({ workerId: "w1", waitMs: 10_000 });
    await new Promise((r) => setTimeout(r, 200));
    const job = await newJob(1);
    const claimed = await waiting;
    expect(claimed.job?.id).toBe(job.id);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test("a long poll with nothing to do answers null after waitMs", async () => {
    const started = Date.now();
    expect(await worker().autobolt.jobs.next({ workerId: "w1", waitMs: 300 })).toEqual({ job: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });
});

describe("[WORKER API]: reporting", () => {
  test("results are recorded, progress follows, and reporting the same result twice changes nothing", async () => {
    const job = await newJob(3);
    const c = await claim();
    const proof = await storedProof(env.services);
    const first = await worker().autobolt.jobs.update({
      ...lease(c),
      results: [
        { directoryId: "dir-010", status: "submitted", screenshotUrl: proof },
        {
          directoryId: "dir-009",
          status: "failed",
          reason: "captcha_required",
          errorMessage: "reCAPTCHA on the form",
        },
      ],
    });
    expect(first).toMatchObject({ applied: 2, ignored: 0 });
    const again = await worker().autobolt.jobs.update({
      ...lease(c),
      results: [{ directoryId: "dir-010", status: "failed", reason: "timeout" }],
    });
    expect(again).toMatchObject({ applied: 0, ignored: 1 });
    const rows = await resultsOf(job.id);
    expect(rows).toHaveLength(3);
    expect(rows.find((r) => r.directoryId === "dir-010")).toMatchObject({
      status: "submitted",
      screenshotUrl: proof,
    });
    expect(rows.find((r) => r.directoryId === "dir-009")).toMatchObject({
      status: "failed",
      reason: "captcha_required",
    });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job.progress).toBeCloseTo(66.7, 1);
    expect(detail.job.results).toMatchObject({ submitted: 1, failed: 1, pending: 1, total: 3 });
  });

  test("a directory that is not part of the job rejects the whole batch", async () => {
    const job = await newJob(2);
    const c = await claim();
    const error = await rejection(
      worker().autobolt.jobs.update({
        ...lease(c),
        results: [
          { directoryId: "dir-010", status: "submitted" },
          { directoryId: "dir-001", status: "submitted" },
        ],
      }),
    );
    expect(error).toMatchObject({ code: "BAD_REQUEST", appCode: "UNKNOWN_DIRECTORY" });
    expect((await resultsOf(job.id)).every((r) => r.status === "pending")).toBe(true);
  });

  test("a failed result without a reason, or a duplicated directory, is a bad request", async () => {
    await newJob(2);
    const c = await claim();
    expect(
      await rejection(
        worker().autobolt.jobs.update({
          ...lease(c),
          results: [{ directoryId: "dir-010", status: "failed" }],
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
    expect(
      await rejection(
        worker().autobolt.jobs.update({
          ...lease(c),
          results: [
            { directoryId: "dir-010", status: "submitted" },
            { directoryId: "dir-010", status: "submitted" },
          ],
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST" });
  });

  test("complete marks the job complete once nothing is pending", async () => {
    const job = await newJob(2);
    const c = await claim();
    await worker().autobolt.jobs.update({
      ...lease(c),
      results: [
        { directoryId: "dir-010", status: "submitted" },
        { directoryId: "dir-009", status: "submitted" },
      ],
    });
    expect(await worker().autobolt.jobs.complete(lease(c))).toEqual({
      status: "complete",
      counts: { pending: 0, submitted: 2, failed: 0 },
    });
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job).toMatchObject({ status: "complete", progress: 100, leaseToken: null });
    expect(detail.job.completedAt).not.toBeNull();
    expect(detail.events.map((e) => e.type)).toEqual(["completed", "results", "claimed", "created"]);
  });

  test("complete with directories still pending puts the job back in the queue for the rest", async () => {
    const job = await newJob(2);
    const c = await claim();
    await worker().autobolt.jobs.update({
      ...lease(c),
      results: [{ directoryId: "dir-010", status: "submitted" }],
    });
    expect((await worker().autobolt.jobs.complete(lease(c))).status).toBe("pending");
    const again = await claim("w2");
    expect(again.job.id).toBe(job.id);
    expect(again.directories.map((d) => d.id)).toEqual(["dir-009"]);
  });

  test("heartbeat extends the lease; release hands the job straight back", async () => {
    const job = await newJob(1);
    const c = await claim();
    const before = c.job.leaseExpiresAt;
    await new Promise((r) => setTimeout(r, 20));
    const { leaseExpiresAt } = await worker().autobolt.jobs.heartbeat(lease(c));
    expect(new Date(leaseExpiresAt).getTime()).toBeGreaterThan(new Date(before).getTime());
    expect(await worker().autobolt.jobs.release({ ...lease(c), reason: "shutting down" })).toEqual({
      status: "pending",
    });
    expect((await claim("w2")).job.id).toBe(job.id);
  });
});

describe("[WORKER API]: leases", () => {
  test("a stale worker is refused with CONFLICT and writes nothing", async () => {
    const job = await newJob(2);
    const stale = await claim("w1");
    await expireLease(job.id);
    await reapExpiredLeases(env.database.db, env.services.config);
    const fresh = await claim("w2");
    expect(fresh.job.id).toBe(job.id);
    expect(fresh.job.attempts).toBe(1);
    for (const call of [
      () =>
        worker().autobolt.jobs.update({
          ...lease(stale),
          results: [{ directoryId: "dir-010", status: "submitted" }],
        }),
      () => worker().autobolt.jobs.heartbeat(lease(stale)),
      () => worker().autobolt.jobs.complete(lease(stale)),
      () => worker().autobolt.jobs.release(lease(stale)),
    ]) {
      expect(await rejection(call())).toMatchObject({ code: "CONFLICT", appCode: "LEASE_LOST" });
    }
    expect((await resultsOf(job.id)).every((r) => r.status === "pending")).toBe(true);
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job).toMatchObject({ status: "in_progress", workerId: "w2" });
  });

  test("an expired lease that nobody reaped yet is refused too", async () => {
    const job = await newJob(1);
    const c = await claim();
    await expireLease(job.id);
    expect(await rejection(worker().autobolt.jobs.heartbeat(lease(c)))).toMatchObject({
      appCode: "LEASE_LOST",
    });
  });

  test("results reported before a lease was lost survive the hand-over; the next worker does only the rest", async () => {
    const job = await newJob(3);
    const first = await claim("w1");
    const proof = await storedProof(env.services);
    await worker().autobolt.jobs.update({
      ...lease(first),
      results: [{ directoryId: "dir-010", status: "submitted", screenshotUrl: proof }],
    });
    await expireLease(job.id);
    const reaped = await reapExpiredLeases(env.database.db, env.services.config);
    expect(reaped).toEqual([{ id: job.id, status: "pending", attempts: 1, worker_id: "w1" }]);
    const second = await claim("w2");
    expect(second.directories.map((d) => d.id)).toEqual(["dir-009", "dir-008"]);
    await worker().autobolt.jobs.update({
      ...lease(second),
      results: [
        { directoryId: "dir-009", status: "submitted" },
        { directoryId: "dir-008", status: "failed", reason: "form_not_found" },
      ],
    });
    expect((await worker().autobolt.jobs.complete(lease(second))).status).toBe("complete");
    const rows = await resultsOf(job.id);
    expect(rows.map((r) => [r.directoryId, r.status])).toEqual([
      ["dir-008", "failed"],
      ["dir-009", "submitted"],
      ["dir-010", "submitted"],
    ]);
    expect(rows.find((r) => r.directoryId === "dir-010")?.screenshotUrl).toBe(proof);
    const events = (await staff().jobs.byId({ id: job.id })).events.map((e) => e.type);
    expect(events).toContain("lease_lost");
  });

  test("a directory a dead worker had started comes back marked interrupted, so it is not submitted twice", async () => {
    const job = await newJob(3);
    const first = await claim("w1");
    expect(first.directories.every((d) => !d.interrupted)).toBe(true);
    await worker().autobolt.jobs.start({ ...lease(first), directoryIds: ["dir-010"] });
    await worker().autobolt.jobs.update({
      ...lease(first),
      results: [{ directoryId: "dir-010", status: "submitted" }],
    });
    await worker().autobolt.jobs.start({ ...lease(first), directoryIds: ["dir-009"] });
    await expireLease(job.id);
    await reapExpiredLeases(env.database.db, env.services.config);
    const second = await claim("w2");
    expect(second.directories.map((d) => [d.id, d.interrupted])).toEqual([
      ["dir-009", true],
      ["dir-008", false],
    ]);
    expect(
      await rejection(worker().autobolt.jobs.start({ ...lease(first), directoryIds: ["dir-008"] })),
    ).toMatchObject({ appCode: "LEASE_LOST" });
    await worker().autobolt.jobs.update({
      ...lease(second),
      results: [{ directoryId: "dir-009", status: "failed", reason: "interrupted" }],
    });
    // A person checked the directory has no listing, and says so.
    await staff().jobs.retryFailed({ id: job.id, directoryIds: ["dir-009"], confirmInterrupted: true });
    await worker().autobolt.jobs.complete(lease(second));
    const third = await claim("w3");
    expect(third.directories.find((d) => d.id === "dir-009")?.interrupted).toBe(false);
  });

  test("past the maximum attempts the job fails with the reason", async () => {
    const job = await newJob(1);
    for (const attempt of [1, 2]) {
      await claim(`w${attempt}`);
      await expireLease(job.id);
      await reapExpiredLeases(env.database.db, env.services.config);
    }
    const detail = await staff().jobs.byId({ id: job.id });
    expect(detail.job.status).toBe("failed");
    expect(detail.job.attempts).toBe(2);
    expect(detail.job.lastError).toMatch(/Lease expired: worker w2/);
    expect(await worker().autobolt.jobs.next({ workerId: "w3" })).toEqual({ job: null });
    // Staff can put it back in the queue with a clean slate.
    expect(await staff().jobs.retryFailed({ id: job.id })).toEqual({ retried: 0, interruptedKept: 0 });
    const again = await claim("w4");
    expect(again.job).toMatchObject({ id: job.id, attempts: 0 });
  });

  test("the server's reaper returns an expired job to the queue by itself", async () => {
    const quick = await setupServices({ AUTOBOLT_LEASE_SECONDS: "1" });
    try {
      await seedCatalog(quick.services, 2);
      const { startServer } = await import("../src/app.ts");
      const { testConfig } = await import("./support.ts");
      const server = await startServer(
        testConfig({ AUTOBOLT_LEASE_SECONDS: "1", AUTOBOLT_REAPER_INTERVAL_MS: "100" }),
        {
          database: quick.database,
        },
      );
      try {
        const job = (
          await callerAs(quick.services, "staff").customers.create({
            customer,
            package: { size: 1 },
            priorityLevel: 3,
          })
        ).job;
        await callerAs(quick.services, "worker").autobolt.jobs.next({ workerId: "dies" });
        const started = Date.now();
        let claimed: { job: { id: string } | null } = { job: null };
        while (!claimed.job && Date.now() - started < 5_000) {
          claimed = await callerAs(quick.services, "worker").autobolt.jobs.next({
            workerId: "next",
            waitMs: 500,
          });
        }
        expect(claimed.job?.id).toBe(job.id);
      } finally {
        await server.close();
      }
    } finally {
      await quick.close();
    }
  });
});

describe("[WORKER API]: authorisation", () => {
  test("worker procedures refuse callers without the key", async () => {
    for (const who of ["anonymous", "staff", "admin"] as const) {
      expect(await rejection(callerAs(env.services, who).autobolt.jobs.next({}))).toMatchObject({
        code: "UNAUTHORIZED",
      });
    }
  });
});
