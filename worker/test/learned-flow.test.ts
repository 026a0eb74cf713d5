import { upsertDirectories } from "@autobolt/db";
import { sandboxCatalog } from "@autobolt/sandbox";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServerApi } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import type { JobSummary } from "../src/job-runner.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { runWorkerLoop } from "../src/worker.ts";
import { API_KEY, customer, type Stack, startStack, waitFor } from "./support.ts";

const log = pino({ level: process.env.WORKER_TEST_LOG ?? "silent" });
let browser: Browser;
let stack: Stack;
beforeAll(async () => {
  browser = await launchBrowser({});
  stack = await startStack();
});
afterAll(async () => {
  await stack.close();
  await browser.close();
});

describe("[WORKER]: learned mappings", () => {
  test("a first job teaches each directory its form; the second job's claim carries the mappings, follows them and still submits exactly", async () => {
    // Six practice sites the generic filler gets through (no recipe), the only ones left active, so
    // a package of six plans exactly them.
    const catalog = sandboxCatalog(stack.sandbox);
    const accepting = new Set(
      stack.sandbox.sites.filter((s) => s.expected.status === "submitted").map((s) => s.slug),
    );
    const chosen = catalog.filter((d) => d.recipe === null && accepting.has(d.id)).slice(0, 6);
    expect(chosen).toHaveLength(6);
    const slugs = chosen.map((d) => d.id);
    await upsertDirectories(
      stack.database.db,
      catalog.filter((d) => !slugs.includes(d.id)).map((d) => ({ ...d, active: false })),
    );

    const { job: first } = await stack.staff.customers.create({ customer, package: { size: 6 } });
    // One worker runs on between the two jobs, as in production.
    const stop = new AbortController();
    const done: JobSummary[] = [];
    const running = runWorkerLoop({
      api: createServerApi(stack.server.url, API_KEY),
      browser,
      submit: submitDirectory,
      log,
      workerId: "learner",
      concurrency: 3,
      directoryTimeoutMs: 30_000,
      waitMs: 1_000,
      stop: stop.signal,
      onJobDone: (summary) => {
        done.push(summary);
        if (done.length >= 2) stop.abort();
      },
    });
    await waitFor(
      "the first job to complete",
      async () => (await stack.staff.jobs.byId({ id: first.id })).job.status === "complete",
      120_000,
    );
    for (const slug of slugs) {
      const directory = await stack.staff.directories.byId({ id: slug });
      expect(directory.learned, `${slug} learned`).not.toBeNull();
      expect(directory).toMatchObject({
        learnedFromJobId: first.id,
        learnedFromBusinessName: customer.businessName,
      });
    }

    const second = { ...customer, businessName: "Second Street Bakery", email: "owner@second-street.test" };
    const { job } = await stack.staff.customers.create({ customer: second, package: { size: 6 } });
    await running;
    expect(done.map((s) => [s.jobId, s.outcome])).toEqual([
      [first.id, "complete"],
      [job.id, "complete"],
    ]);
    const detail = await stack.staff.jobs.byId({ id: job.id });
    expect(detail.job.attempts).toBe(0);
    for (const slug of slugs) {
      const result = detail.results.find((r) => r.directoryId === slug);
      expect({ slug, status: result?.status, usedLearned: result?.metadata.usedLearned }).toEqual({
        slug,
        status: "submitted",
        usedLearned: true,
      });
      const seen = stack.sandbox.receivedAsCustomer(slug) ?? {};
      expect(seen, `${slug} received the second business`).toEqual(
        Object.fromEntries(Object.keys(seen).map((k) => [k, second[k as keyof typeof second]])),
      );
      expect(stack.sandbox.received(slug)).toHaveLength(2);
      // Relearned from the second success: the latest wins.
      expect((await stack.staff.directories.byId({ id: slug })).learnedFromJobId).toBe(job.id);
    }
  }, 240_000);
});
