import type { ClaimedFollowUp } from "@autobolt/contract";
import { upsertDirectories } from "@autobolt/db";
import { changedPhoneSite, neverPublishedSite, sandboxCatalog } from "@autobolt/sandbox";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServerApi } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import { checkListing, classifyListing } from "../src/follow-ups.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { listingAddress, pickListingLink } from "../src/submit/listing.ts";
import { BrowserHost } from "../src/watchdog.ts";
import { runWorkerLoop } from "../src/worker.ts";
import { API_KEY, customer, followUpTask, type Stack, startStack, waitFor } from "./support.ts";

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

describe("[LISTING LINKS]: what address is a listing's", () => {
  test("a listing path is; the form's own steps under such a path are not", () => {
    const is = (href: string) => listingAddress(new URL(href));
    expect(is("https://dir.test/listing/1008")).toBe(true);
    expect(is("https://dir.test/biz/bluebird-plumbing-austin")).toBe(true);
    expect(is("https://dir.test/business/create")).toBe(false);
    expect(is("https://dir.test/listings/new")).toBe(false);
    expect(is("https://dir.test/listing/thank-you.html")).toBe(false);
    expect(is("https://dir.test/eintrag/erstellen")).toBe(false);
    expect(is("https://dir.test/about")).toBe(false);
  });
});

describe("[LISTING SEARCH]: the business's own entry among a search's links", () => {
  const link = (text: string, shown = true) => ({ text, href: `https://dir.test/${text.length}`, shown });

  test("its own name wins over a sponsored entry, a longer name holding it, and a near name", () => {
    const links = [
      link("Home"),
      link("Sponsored: featured plumbers near you"),
      link("Live Plumbing Franchise Opportunities Austin"),
      link("Lively Plumbing"),
      link("LIVE PLUMBING, CO."),
    ];
    expect(pickListingLink(links, "Live Plumbing Co")).toBe(4);
  });

  test("no link naming every word of the business is no listing; a hidden one loses to a shown one", () => {
    expect(
      pickListingLink([link("Plumbing supplies"), link("Live music")], "Live Plumbing Co"),
    ).toBeUndefined();
    expect(
      pickListingLink([link("Live Plumbing", false), link("Live Plumbing Austin")], "Live Plumbing"),
    ).toBe(1);
    expect(
      pickListingLink([{ text: "Live Plumbing", href: "javascript:void 0" }], "Live Plumbing"),
    ).toBeUndefined();
  });

  test("a name in a script that folding drops is matched by its own words", () => {
    expect(pickListingLink([link("Ηλεκτρολόγοι"), link("Αθηνά Υδραυλικοί")], "Αθηνά Υδραυλικοί")).toBe(1);
  });
});

let browser: Browser;
let stack: Stack;
beforeAll(async () => {
  browser = await launchBrowser({});
  // Re-checks at 1.7 s and 3.5 s after submission instead of days.
  stack = await startStack({ AUTOBOLT_RECHECK_DAYS: "0.00002,0.00004" });
  // "terms" does not link its listing: re-checks find it through the directory's search page.
  const keep = new Set(["plain", "terms", changedPhoneSite, neverPublishedSite]);
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
    const { job } = await stack.staff.customers.create({ customer, package: { size: 4 } });
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
      // Its thank-you page gave no link: the search found the listing, and its page is kept.
      expect(byId.get("terms")).toMatchObject({ status: "submitted", liveState: "live", searchable: true });
      expect(byId.get("terms")?.listingUrl).toMatch(/\/terms\/listing\/\d+$/);
      expect(
        settled.events.find((e) => e.type === "listing_checked" && "foundBySearch" in e.data)?.data,
      ).toMatchObject({ directoryId: "terms", state: "live" });
      expect(settled.events.filter((e) => e.type === "listing_checked").length).toBeGreaterThanOrEqual(3);

      const overview = await stack.staff.stats.overview({ days: 1 });
      expect(overview.live).toMatchObject({
        submitted: 4,
        withLink: 4,
        liveWithin28Days: 2,
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
      // Each directory's row: its status cell says "Live" beside the listing's link.
      const rowOf = (name: string) =>
        report.split("<tr>").find((row) => row.startsWith(`<td>${name}</td>`)) ?? "";
      const plainName = stack.sandbox.sites.find((site) => site.slug === "plain")?.name ?? "";
      expect(rowOf(plainName)).toContain("<td>Live</td>");
      expect(rowOf(plainName)).toContain(`href="${byId.get("plain")?.listingUrl ?? "no link"}"`);
      const oddName = stack.sandbox.sites.find((site) => site.slug === neverPublishedSite)?.name ?? "";
      expect(rowOf(oddName)).toContain("<td>Submitted</td>");
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

describe("[LISTING SEARCH]: a re-check that searches the directory", () => {
  const searchTask = (search: ClaimedFollowUp["search"]): ClaimedFollowUp => {
    const site = stack.sandbox.sites.find((s) => s.slug === "terms");
    if (!site) throw new Error("no terms site");
    return followUpTask({
      kind: "recheck_listing",
      link: site.url,
      directoryUrl: site.url,
      submissionUrl: site.submissionUrl,
      search,
    });
  };
  const check = (task: ClaimedFollowUp) =>
    checkListing(new BrowserHost(browser, launchBrowser, log), task, {
      timeoutMs: 10_000,
      screenshot: async () => undefined,
    });

  test("a search whose results do not name the business is not found, saying so", async () => {
    const search = stack.sandbox.sites.find((s) => s.slug === "terms")?.listingSearch ?? null;
    expect(search).not.toBeNull();
    const task = searchTask(search);
    const verdict = await check({
      ...task,
      customer: { ...task.customer, businessName: "Nobody Listed Here LLC" },
    });
    expect(verdict).toMatchObject({
      outcome: "not_found",
      errorMessage: expect.stringMatching(/names Nobody Listed Here/),
    });
    expect(verdict).not.toHaveProperty("listingUrl");
  });

  test("a search whose steps no longer fit the site is tried again later, never not found", async () => {
    const base = stack.sandbox.sites.find((s) => s.slug === "terms")?.url ?? "";
    const verdict = await check(
      searchTask({
        version: 1,
        steps: [
          { action: "goto", url: `${base}search` },
          { action: "fill", selector: "#old-search-box", field: "businessName" },
          { action: "openListing" },
        ],
      }),
    );
    expect(verdict).toMatchObject({
      outcome: "retry",
      errorMessage: expect.stringMatching(/no longer fits.*step 2 \(fill #old-search-box\)/),
    });
  });
});
