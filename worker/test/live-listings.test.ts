import { upsertDirectories } from "@autobolt/db";
import { changedPhoneSite, neverPublishedSite, sandboxCatalog } from "@autobolt/sandbox";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServerApi } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import { classifyListing } from "../src/follow-ups.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { runWorkerLoop } from "../src/worker.ts";
import { API_KEY, customer, type Stack, startStack, waitFor } from "./support.ts";

const log = pino({ level: process.env.WORKER_TEST_LOG ?? "silent" });
const nap = {
  businessName: customer.businessName,
  address: customer.address,
  city: customer.city,
  zip: customer.zip,
  phone: customer.phone,
};

describe("[LISTING PAGES]: what a re-check decides from a page", () => {
  const page = (phone: string) =>
    `${customer.businessName}\n${customer.address}\n${customer.city}, ${customer.state} ${customer.zip}\nPhone: ${phone}`;

  test("the business with its own details is live; another phone is a mismatch naming it", () => {
    expect(classifyListing(200, page(customer.phone), nap)).toEqual({ outcome: "live" });
    const changed = classifyListing(200, page("(512) 555-0199"), nap);
    expect(changed).toMatchObject({ outcome: "mismatch", mismatches: [{ field: "phone" }] });
  });

  test("a 404, a page of someone else, and a 503 are not found, not found, and try again", () => {
    expect(classifyListing(404, "Listing not found", nap).outcome).toBe("not_found");
    expect(classifyListing(200, "Harbor Pine Dental\n99 Elm St", nap).outcome).toBe("not_found");
    expect(classifyListing(503, "", nap).outcome).toBe("retry");
  });
});

let browser: Browser;
let stack: Stack;
beforeAll(async () => {
  browser = await launchBrowser({});
  // Re-checks at 1.7 s and 3.5 s after submission instead of days.
  stack = await startStack({ AUTOBOLT_RECHECK_DAYS: "0.00002,0.00004" });
  const keep = new Set(["plain", changedPhoneSite, neverPublishedSite]);
  await upsertDirectories(
    stack.database.db,
    sandboxCatalog(stack.sandbox).map((d) => ({ ...d, active: keep.has(d.id) })),
  );
});
afterAll(async () => {
  await stack?.close();
  await browser?.close();
});

describe("[RE-CHECKS]: submitted listings followed until live, mismatched or gone", () => {
  test("live with the right details, a changed phone named as a mismatch, and a listing never published gone", {
    timeout: 120_000,
  }, async () => {
    const { job } = await stack.staff.customers.create({ customer, package: { size: 3 } });
    const stop = new AbortController();
    const running = runWorkerLoop({
      api: createServerApi(stack.server.url, API_KEY),
      browser,
      submit: submitDirectory,
      log,
      workerId: "recheck-worker",
      concurrency: 3,
      directoryTimeoutMs: 30_000,
      waitMs: 500,
      followUps: true,
      stop: stop.signal,
      // The directories publish a while after the submission: a day passes on the sandbox's clock.
      onJobDone: () => stack.sandbox.advanceTime(86_400_000),
    });
    try {
      const settled = await waitFor(
        "every listing to be live, mismatched or gone",
        async () => {
          const detail = await stack.staff.jobs.byId({ id: job.id });
          const states = detail.results.map((r) => r.liveState);
          return states.every((s) => s === "live" || s === "mismatch" || s === "gone") ? detail : undefined;
        },
        90_000,
      );
      const byId = new Map(settled.results.map((r) => [r.directoryId, r]));
      expect(byId.get("plain")).toMatchObject({ status: "submitted", liveState: "live", napMismatch: null });
      expect(byId.get("plain")?.listingUrl).toMatch(/\/plain\/listing\/\d+$/);
      expect(byId.get("plain")?.liveSince).not.toBeNull();
      expect(byId.get(changedPhoneSite)).toMatchObject({
        liveState: "mismatch",
        napMismatch: [{ field: "phone", expected: customer.phone }],
      });
      expect(byId.get(neverPublishedSite)).toMatchObject({ liveState: "gone", rechecks: 2 });
      expect(settled.events.filter((e) => e.type === "listing_checked").length).toBeGreaterThanOrEqual(3);

      const overview = await stack.staff.stats.overview({ days: 1 });
      expect(overview.live).toMatchObject({
        submitted: 3,
        withLink: 3,
        liveWithin28Days: 1,
        mismatch: 1,
        gone: 1,
      });
      const mismatches = await stack.staff.results.mismatches({});
      expect(mismatches.map((m) => m.directoryId)).toEqual([changedPhoneSite]);

      // A person asks for another look now; the worker does it and the state stands.
      const plainId = byId.get("plain")?.id ?? "";
      expect(await stack.staff.results.recheckNow({ resultId: plainId })).toEqual({ queued: true });
      await waitFor("the asked re-check", async () => {
        const detail = await stack.staff.jobs.byId({ id: job.id });
        return (detail.results.find((r) => r.id === plainId)?.rechecks ?? 0) >= 2;
      });
      // The customer's report shows the live link.
      const link = await stack.staff.reports.createLink({ jobId: job.id });
      const report = await (await fetch(`${stack.server.url}${link.path}`)).text();
      expect(report).toContain(byId.get("plain")?.listingUrl ?? "no link");
      expect(report).toContain("Live");
    } finally {
      stop.abort();
      await running;
    }
  });

  test("a result not submitted, or without a listing link, cannot be re-checked: staff are told why", async () => {
    const other = {
      ...customer,
      businessName: "Harbor Pine Dental",
      email: "front@harborpine.test",
      phone: "+1 503 555 0142",
      website: "https://harborpine.test",
    };
    const { job } = await stack.staff.customers.create({ customer: other, package: { size: 1 } });
    const [pending] = (await stack.staff.jobs.byId({ id: job.id })).results;
    if (!pending) throw new Error("expected a result");
    await expect(stack.staff.results.recheckNow({ resultId: pending.id })).rejects.toMatchObject({
      message: expect.stringMatching(/listing link/),
    });
    await stack.staff.jobs.cancel({ id: job.id });
  });
});
