import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { updateDirectory } from "@autobolt/db";
import { judgeRun } from "@autobolt/sandbox";
import { startServer } from "@autobolt/server";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServerApi } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import type { JobSummary } from "../src/job-runner.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { runWorkerLoop } from "../src/worker.ts";
import { API_KEY, customer, type Stack, serverConfig, startStack, waitFor } from "./support.ts";

const log = pino({ level: process.env.WORKER_TEST_LOG ?? "silent" });
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser({});
});
afterAll(() => browser.close());

/** Run an in-process worker until it has finished `jobs` jobs (or the returned stop is called). */
function runWorker(stack: Stack, options: { concurrency?: number; jobs?: number; workerId?: string } = {}) {
  const stop = new AbortController();
  const done: JobSummary[] = [];
  const finished = runWorkerLoop({
    api: createServerApi(stack.server.url, API_KEY),
    browser,
    submit: submitDirectory,
    log,
    workerId: options.workerId ?? "test-worker",
    concurrency: options.concurrency ?? 3,
    // Enough for the slow site (6 s); the CPU spinner costs this much of a job.
    directoryTimeoutMs: 15_000,
    waitMs: 1_000,
    stop: stop.signal,
    onJobDone: (summary) => {
      done.push(summary);
      if (done.length >= (options.jobs ?? 1)) stop.abort();
    },
  });
  return { stop: () => stop.abort(), finished: finished.then(() => done) };
}

describe("[WORKER]: a whole job against the sandbox", () => {
  let stack: Stack;
  const dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-worker-"));
  beforeAll(async () => {
    stack = await startStack({}, dataDir);
  });
  afterAll(async () => {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("every site ends with its expected status and reason, with proof, and accepting sites got the customer's data exactly", async () => {
    const sites = stack.sandbox.sites;
    const { job } = await stack.staff.customers.create({ customer, package: { size: sites.length } });
    const [summary] = await runWorker(stack, { concurrency: 3 }).finished;
    expect(summary).toMatchObject({ jobId: job.id, outcome: "complete" });

    const detail = await stack.staff.jobs.byId({ id: job.id });
    expect(detail.job.status).toBe("complete");
    expect(detail.job.progress).toBe(100);
    for (const site of sites) {
      const result = detail.results.find((r) => r.directoryId === site.slug);
      expect({ site: site.slug, status: result?.status, reason: result?.reason ?? undefined }).toEqual({
        site: site.slug,
        status: site.expected.status,
        reason: site.expected.reason,
      });
      expect(result?.screenshotUrl, `${site.slug} has proof`).toMatch(/^\/screenshots\/[0-9a-f-]{36}\.png$/);
      const proofId = path.basename(result?.screenshotUrl ?? "").replace(/\.png$/, "");
      expect(
        (await stack.server.services.proofs.get(proofId))?.contentType,
        `${site.slug} proof stored`,
      ).toBe("image/png");
      const verdict = judgeRun(
        site,
        {
          status: result?.status === "submitted" ? "submitted" : "failed",
          reason: result?.reason ?? undefined,
        },
        stack.sandbox.received(site.slug),
        customer,
      );
      expect(verdict.problem, site.slug).toBe("");
    }
  }, 240_000);
});

describe("[WORKER]: slots are shared across jobs", () => {
  test("a job's slow last directory does not hold the other slots: the next job starts meanwhile", async () => {
    const stack = await startStack();
    try {
      const sites = stack.sandbox.sites;
      const slowAt = sites.findIndex((s) => s.slug === "slow");
      // Planned strongest first, so the slow site is this job's last directory.
      const { job: first } = await stack.staff.customers.create({ customer, package: { size: slowAt + 1 } });
      const { job: second } = await stack.staff.customers.create({
        customer: { ...customer, businessName: "Second Street Bakery", email: "owner@second-street.test" },
        package: { size: 2 },
      });
      const summaries = await runWorker(stack, { concurrency: 2, jobs: 2 }).finished;
      expect(summaries.map((s) => s.outcome)).toEqual(["complete", "complete"]);
      const a = (await stack.staff.jobs.byId({ id: first.id })).job;
      const b = (await stack.staff.jobs.byId({ id: second.id })).job;
      expect(a.status).toBe("complete");
      expect(b.status).toBe("complete");
      expect(new Date(b.startedAt as Date).getTime()).toBeLessThan(new Date(a.completedAt as Date).getTime());
    } finally {
      await stack.close();
    }
  }, 120_000);
});

describe("[WORKER]: a staff cancel mid-run", () => {
  test("the directory in flight when staff cancel is still reported and kept; the ones never tried are skipped", async () => {
    // A short lease beats every second, so the worker learns of the cancel (LEASE_LOST) while the
    // slow directory is still in its browser, and must report it all the same.
    const stack = await startStack({ AUTOBOLT_LEASE_SECONDS: "3" });
    try {
      // Only the slow site (submitting takes ~6 s) and two plain accepting sites weaker than it stay
      // active, so with one slot the slow one is in flight while the other two wait.
      const slow = stack.sandbox.sites.find((s) => s.slug === "slow");
      const weaker = stack.sandbox.sites
        .filter((s) => s.expected.status === "submitted" && s.domainAuthority < (slow?.domainAuthority ?? 0))
        .slice(-2);
      if (!slow || weaker.length < 2) throw new Error("the sandbox lacks the sites this test needs");
      const keep = [slow.slug, ...weaker.map((s) => s.slug)];
      for (const site of stack.sandbox.sites) {
        if (!keep.includes(site.slug)) await updateDirectory(stack.database.db, site.slug, { active: false });
      }
      const { job } = await stack.staff.customers.create({ customer, package: { size: 3 } });
      const worker = runWorker(stack, { concurrency: 1 });
      await waitFor("the slow directory to be started", async () => {
        const detail = await stack.staff.jobs.byId({ id: job.id });
        return detail.results.some((r) => r.directoryId === "slow" && r.startedAt !== null);
      });
      await stack.staff.jobs.cancel({ id: job.id });
      const kept = await waitFor(
        "the slow directory's result",
        async () => {
          const detail = await stack.staff.jobs.byId({ id: job.id });
          const result = detail.results.find((r) => r.directoryId === "slow");
          return result?.status === "pending" ? undefined : detail;
        },
        30_000,
      );
      worker.stop();
      const [summary] = await worker.finished;
      expect(summary).toMatchObject({ jobId: job.id, outcome: "lease_lost" });
      const states = Object.fromEntries(kept.results.map((r) => [r.directoryId, [r.status, r.resolution]]));
      expect(states).toEqual({
        slow: ["submitted", null],
        [weaker[0]?.slug as string]: ["failed", "skipped"],
        [weaker[1]?.slug as string]: ["failed", "skipped"],
      });
      expect(kept.job).toMatchObject({ status: "cancelled", progress: 100 });
      expect(kept.events.find((e) => e.type === "results")?.data).toMatchObject({
        submitted: 1,
        afterCancel: true,
      });
    } finally {
      await stack.close();
    }
  }, 120_000);
});

/** The worker as an operator runs it: its own process, through the bin. */
function spawnWorker(stack: Stack, args: string[]) {
  const bin = fileURLToPath(new URL("../bin/autobolt-worker.js", import.meta.url));
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      AUTOBOLT_SERVER_URL: stack.server.url,
      AUTOBOLT_API_KEY: API_KEY,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  return { child, output: () => output };
}

describe("[WORKER]: surviving crashes and restarts", () => {
  test("kill -9 mid-job: after the lease expires a second worker finishes only what was pending, nothing submitted twice", async () => {
    const stack = await startStack({ AUTOBOLT_LEASE_SECONDS: "3", AUTOBOLT_REAPER_INTERVAL_MS: "200" });
    try {
      const accepting = stack.sandbox.sites.filter((s) => s.expected.status === "submitted");
      const { job } = await stack.staff.customers.create({
        customer,
        package: { size: stack.sandbox.sites.length },
      });
      const { child, output } = spawnWorker(stack, ["--concurrency", "1", "--id", "doomed"]);
      await waitFor(
        "the first worker to report two directories",
        async () => {
          const { results } = (await stack.staff.jobs.byId({ id: job.id })).job;
          return results.submitted + results.failed >= 2;
        },
        90_000,
      ).catch((error: Error) => {
        throw new Error(`${error.message}; worker output:\n${output()}`);
      });
      child.kill("SIGKILL");
      await new Promise((resolve) => child.once("exit", resolve));

      const [summary] = await runWorker(stack, { workerId: "rescuer" }).finished;
      expect(summary?.jobId).toBe(job.id);
      const detail = await stack.staff.jobs.byId({ id: job.id });
      expect(detail.job.status).toBe("complete");
      expect(detail.job.attempts).toBe(1);
      expect(detail.results.filter((r) => r.status === "pending")).toEqual([]);
      expect(detail.events.map((e) => e.type)).toContain("lease_lost");
      for (const site of accepting) {
        // Listings, not posts: a site with a preview step receives a post that is not a listing.
        const listings = stack.sandbox.received(site.slug).filter((r) => r.accepted);
        expect(listings.length, `${site.slug} listings`).toBeLessThanOrEqual(1);
      }
      // What the first worker reported stayed its own: the rescuer did only the rest.
      const byDoomed = detail.results.filter(
        (r) => (r.metadata as { workerId?: string }).workerId === "doomed",
      );
      expect(byDoomed.length).toBeGreaterThanOrEqual(2);
    } finally {
      await stack.close();
    }
  }, 240_000);

  test("SIGTERM: the worker finishes what is in flight, reports it, and hands the job back at once", async () => {
    const stack = await startStack({ AUTOBOLT_LEASE_SECONDS: "600" });
    try {
      const { job } = await stack.staff.customers.create({
        customer,
        package: { size: stack.sandbox.sites.length },
      });
      const { child, output } = spawnWorker(stack, ["--concurrency", "2", "--id", "polite"]);
      await waitFor("a first reported directory", async () => {
        const { results } = (await stack.staff.jobs.byId({ id: job.id })).job;
        return results.submitted + results.failed >= 1;
      });
      child.kill("SIGTERM");
      const code = await new Promise((resolve) => child.once("exit", resolve));
      expect(code).toBe(0);
      const detail = await stack.staff.jobs.byId({ id: job.id });
      // Handed back now, not after the 10-minute lease: claimable by the next worker at once.
      expect(detail.job).toMatchObject({ status: "pending", workerId: null, attempts: 0 });
      expect(detail.events.map((e) => e.type)).toContain("released");
      // Whatever it started, it finished and reported: nothing is left marked in flight.
      const started = detail.results.filter((r) => r.startedAt && r.status === "pending");
      expect(started).toEqual([]);
      expect(output()).toContain("job handed back to the queue");
    } finally {
      await stack.close();
    }
  }, 240_000);

  test("SIGTERM leaves the browser to the directories in flight: none fails for want of it", async () => {
    const stack = await startStack({ AUTOBOLT_LEASE_SECONDS: "600" });
    try {
      const { job } = await stack.staff.customers.create({ customer, package: { size: 6 } });
      const { child } = spawnWorker(stack, ["--concurrency", "2", "--id", "drainer"]);
      await waitFor("a first reported directory", async () => {
        const { results } = (await stack.staff.jobs.byId({ id: job.id })).job;
        return results.submitted + results.failed >= 1;
      });
      child.kill("SIGTERM");
      await new Promise((resolve) => child.once("exit", resolve));
      const detail = await stack.staff.jobs.byId({ id: job.id });
      const done = detail.results.filter((r) => r.status !== "pending");
      expect(done.length).toBeGreaterThanOrEqual(1);
      // The first six sites all accept the business; a killed browser would have failed them.
      expect(done.map((r) => ({ site: r.directoryId, status: r.status }))).toEqual(
        done.map((r) => ({ site: r.directoryId, status: "submitted" })),
      );
    } finally {
      await stack.close();
    }
  }, 240_000);

  test("the server restarts mid-job: the worker rides it out and the job completes", async () => {
    const stack = await startStack();
    try {
      const few = stack.sandbox.sites.filter((s) => s.expected.status === "submitted").length;
      const { job } = await stack.staff.customers.create({ customer, package: { size: Math.min(6, few) } });
      const port = stack.server.port;
      const running = runWorker(stack, { concurrency: 1 });
      await waitFor(
        "a first result",
        async () =>
          (await stack.staff.jobs.byId({ id: job.id })).job.results.submitted +
            (await stack.staff.jobs.byId({ id: job.id })).job.results.failed >=
          1,
      );
      await stack.server.close();
      await new Promise((r) => setTimeout(r, 1_500));
      stack.server = await startServer(serverConfig({ PORT: String(port) }), { database: stack.database });
      const [summary] = await running.finished;
      expect(summary).toMatchObject({ jobId: job.id, outcome: "complete" });
      const detail = await stack.staff.jobs.byId({ id: job.id });
      expect(detail.job.status).toBe("complete");
    } finally {
      await stack.close();
    }
  }, 240_000);
});
