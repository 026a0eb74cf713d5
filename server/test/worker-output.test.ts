import {
  completeBatchOutput,
  completeJobOutput,
  heartbeatOutput,
  nextJobOutput,
  nextJobsOutput,
  releaseJobOutput,
  screenshotUploadOutput,
  startDirectoriesOutput,
  updateJobOutput,
} from "@autobolt/contract";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { z } from "zod";
import { API_KEY, callerAs, customer, seedCatalog, setupServer, workerClient } from "./support.ts";

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_LEASE_SECONDS: "30" });
});
afterAll(() => env.close());
beforeEach(async () => {
  await env.database.truncate();
  await seedCatalog(env.server.services, 5);
});

async function newJob(size = 2) {
  const { job } = await callerAs(env.server.services, "staff").customers.create({
    customer,
    package: { size },
  });
  return job;
}

async function rest(method: "GET" | "POST", path: string, body?: unknown) {
  const res = await fetch(`${env.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as unknown) };
}

/** The answer parses with the contract's schema and parsing drops nothing: exactly the contract. */
function exactly<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.parse(body);
  expect(JSON.parse(JSON.stringify(parsed))).toEqual(body);
  return parsed;
}

describe("[WORKER API]: answers are the contract's output schemas", () => {
  test("every REST answer parses with its contract schema, with nothing beyond it", async () => {
    const job = await newJob(2);
    await newJob(1);
    const next = await rest("GET", "/api/autobolt/jobs/next?workerId=w1");
    expect(next.status).toBe(200);
    const claimed = exactly(nextJobOutput, next.body);
    if (!claimed.job) throw new Error("expected a job");
    expect(claimed.job.id).toBe(job.id);
    expect(typeof claimed.job.leaseExpiresAt).toBe("string");
    const lease = { jobId: claimed.job.id, leaseToken: claimed.job.leaseToken };
    const [first, second] = "directories" in claimed ? claimed.directories : [];

    const started = await rest("POST", "/api/autobolt/jobs/start", { ...lease, directoryIds: [first?.id] });
    expect(exactly(startDirectoriesOutput, started.body)).toEqual({ started: [first?.id] });
    const update = await rest("POST", "/api/autobolt/jobs/update", {
      ...lease,
      results: [{ directoryId: first?.id, status: "submitted" }],
    });
    expect(exactly(updateJobOutput, update.body)).toMatchObject({ applied: 1, ignored: 0 });
    exactly(heartbeatOutput, (await rest("POST", "/api/autobolt/jobs/heartbeat", lease)).body);
    const release = await rest("POST", "/api/autobolt/jobs/release", lease);
    expect(exactly(releaseJobOutput, release.body)).toEqual({ status: "pending" });

    const batch = await rest("POST", "/api/autobolt/jobs/next-batch", { workerId: "w2", limit: 5 });
    const { jobs } = exactly(nextJobsOutput, batch.body);
    expect(jobs).toHaveLength(2);
    const leases = jobs.map((c) => ({ jobId: c.job.id, leaseToken: c.job.leaseToken }));
    const held = leases.find((l) => l.jobId === job.id);
    await rest("POST", "/api/autobolt/jobs/update", {
      ...held,
      results: [{ directoryId: second?.id, status: "failed", reason: "timeout" }],
    });
    const done = await rest("POST", "/api/autobolt/jobs/complete", held);
    expect(exactly(completeJobOutput, done.body)).toEqual({
      status: "complete",
      counts: { pending: 0, submitted: 1, failed: 1 },
    });
    const completeBatch = await rest("POST", "/api/autobolt/jobs/complete-batch", { leases });
    expect(exactly(completeBatchOutput, completeBatch.body).results.map((r) => r.ok)).toEqual(
      leases.map((l) => l.jobId !== job.id),
    );

    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
      "base64",
    );
    const upload = await fetch(`${env.server.url}/api/screenshots`, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}`, "content-type": "image/png" },
      body: png,
    });
    expect(upload.status).toBe(201);
    exactly(screenshotUploadOutput, await upload.json());
  });

  test("a row with an extra column is not leaked, over REST or tRPC", async () => {
    await newJob(2);
    await newJob(2);
    const { leases } = env.server.services;
    const original = leases.claim;
    // As if a column were added to jobs, customers and directories and a query selected it.
    leases.claim = async (request) =>
      (await original(request)).map((c) => ({
        ...c,
        job: { ...c.job, internalNotes: "staff only" },
        customer: { ...c.customer, passwordHash: "$argon2id$secret" },
        directories: c.directories.map((d) => ({ ...d, accountPassword: "hunter2" })),
        apiKey: API_KEY,
      }));
    try {
      const viaRest = await rest("GET", "/api/autobolt/jobs/next?workerId=w1");
      const viaTrpc = await workerClient(env.server).autobolt.jobs.next.mutate({ workerId: "w2" });
      for (const answer of [JSON.stringify(viaRest.body), JSON.stringify(viaTrpc)]) {
        expect(answer).toContain("leaseToken");
        for (const leaked of [
          "internalNotes",
          "passwordHash",
          "argon2id",
          "accountPassword",
          "hunter2",
          API_KEY,
        ])
          expect(answer).not.toContain(leaked);
      }
      exactly(nextJobOutput, viaRest.body);
    } finally {
      leases.claim = original;
    }
  });
});
