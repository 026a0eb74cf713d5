import type { CustomerFields } from "@autobolt/contract";
import { judgeRun, type Sandbox, type SandboxSite, startSandbox } from "@autobolt/sandbox";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { type SubmissionOutcome, submitDirectory } from "../src/submit/index.ts";

const customer: CustomerFields = {
  businessName: "Bluebird Plumbing & Heating LLC",
  email: "owner@bluebird-plumbing.test",
  phone: "(512) 555-0142",
  website: "https://bluebird-plumbing.test",
  address: "1200 Barton Springs Rd",
  city: "Austin",
  state: "Texas",
  zip: "78704",
  description: "Family-run plumbing and heating since 1998. Licensed, insured, open 24/7.",
  category: "Plumbing",
};

/** Long enough for the slow site (3 s to show its form, 3 s to answer), short for the spinner. */
const perSiteTimeout = 15_000;
const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let sandbox: Sandbox;
let browser: Browser;
const outcomes = new Map<string, SubmissionOutcome>();

async function submit(site: SandboxSite, who: CustomerFields = customer): Promise<SubmissionOutcome> {
  const context = await browser.newContext();
  try {
    return await submitDirectory({
      context,
      directory: { id: site.slug, name: site.name, submissionUrl: site.submissionUrl, recipe: site.recipe },
      customer: who,
      timeoutMs: perSiteTimeout,
    });
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  browser = await launchBrowser({});
  // Three browser contexts at a time, as a worker runs them.
  const queue = [...sandbox.sites];
  await Promise.all(
    Array.from({ length: 3 }, async () => {
      for (let site = queue.shift(); site; site = queue.shift()) outcomes.set(site.slug, await submit(site));
    }),
  );
}, 480_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe("submitDirectory against every sandbox site", () => {
  test("covers the cases the issue asks for, in several languages", () => {
    expect(sandbox.sites.length).toBeGreaterThanOrEqual(60);
    expect(new Set(sandbox.sites.map((s) => s.domainAuthority)).size).toBe(sandbox.sites.length);
    expect(new Set(sandbox.sites.map((s) => s.language)).size).toBeGreaterThanOrEqual(3);
  });

  test("every site ends as it expects, with a screenshot, every field it asks for exact, and no post it should never get", () => {
    const wrong: string[] = [];
    for (const site of sandbox.sites) {
      const outcome = outcomes.get(site.slug);
      if (!outcome) {
        wrong.push(`${site.slug}: no outcome`);
        continue;
      }
      expect(outcome.screenshot.subarray(0, 8).equals(pngSignature), site.slug).toBe(true);
      expect(outcome.durationMs, site.slug).toBeGreaterThan(0);
      const verdict = judgeRun(site, outcome, sandbox.received(site.slug), customer);
      if (!verdict.correct) wrong.push(`${site.slug} (${site.patterns.join(", ")}): ${verdict.problem}`);
    }
    expect(wrong).toEqual([]);
  });

  test("never a false submitted, and nothing posted past a captcha", () => {
    for (const site of sandbox.sites) {
      const outcome = outcomes.get(site.slug);
      if (outcome?.status !== "submitted") continue;
      expect(site.expected.status, site.slug).toBe("submitted");
    }
    for (const site of sandbox.sites.filter((s) => s.requiresCaptcha))
      expect(
        sandbox.received(site.slug).filter((p) => p.accepted),
        site.slug,
      ).toEqual([]);
  });

  test("a validation failure names the field, a server error its status", () => {
    expect(outcomes.get("server-validation")?.errorMessage).toMatch(/year founded/i);
    expect(outcomes.get("http-500")?.errorMessage).toMatch(/500/);
  });

  test("a page whose script spins forever costs its own deadline, not more", () => {
    const outcome = outcomes.get("cpu-spinner");
    expect(outcome?.reason).toBe("timeout");
    expect(outcome?.durationMs).toBeLessThan(perSiteTimeout + 10_000);
  });

  test("ticks the terms but never the newsletter", () => {
    const [post] = sandbox.received("terms");
    expect(post?.fields.accept_terms).toBe("1");
    expect(post?.fields.newsletter).toBeUndefined();
    expect(outcomes.get("terms")?.filledFields).toContain("consent");
  });

  test("the iframe site's second address line stays empty", () => {
    expect(sandbox.received("iframe")[0]?.fields.line2).toBe("");
  });

  test("a success carries what proved it, and what the worker learned", () => {
    const outcome = outcomes.get("published-id");
    expect(outcome?.proof).toMatch(/Listing published\. ID 1008/);
    expect(outcome?.learned?.steps.length).toBeGreaterThan(0);
  });
});

describe.concurrent("awkward input and broken sites", () => {
  test("a hostile business name reaches the site unchanged", async () => {
    const hostile = { ...customer, businessName: `<script>alert(1)</script> & "Quotes" 'Apos'`, state: "TX" };
    const site = sandbox.sites.find((s) => s.slug === "plain") as SandboxSite;
    sandbox.reset();
    const outcome = await submit(site, hostile);
    expect(outcome.status, outcome.errorMessage).toBe("submitted");
    expect(sandbox.receivedAsCustomer("plain")?.businessName).toBe(hostile.businessName);
    expect(sandbox.receivedAsCustomer("plain")?.state).toBe("TX");
  }, 60_000);

  test("a refused connection is a network error, not a crash", async () => {
    const context = await browser.newContext();
    try {
      const outcome = await submitDirectory({
        context,
        directory: { id: "gone", name: "Gone", submissionUrl: "http://127.0.0.1:9/add", recipe: null },
        customer,
      });
      expect(outcome.reason).toBe("network_error");
      expect(outcome.screenshot.subarray(0, 8).equals(pngSignature)).toBe(true);
      expect(context.pages()).toHaveLength(0);
    } finally {
      await context.close();
    }
  }, 60_000);

  test("a page that never answers in time is a timeout", async () => {
    const site = sandbox.sites.find((s) => s.slug === "slow") as SandboxSite;
    const context = await browser.newContext();
    try {
      const outcome = await submitDirectory({
        context,
        directory: { id: site.slug, name: site.name, submissionUrl: site.submissionUrl, recipe: null },
        customer,
        timeoutMs: 1_500,
      });
      expect(outcome.reason).toBe("timeout");
      expect(outcome.durationMs).toBeLessThan(15_000);
    } finally {
      await context.close();
    }
  }, 60_000);

  test("a missing page is an HTTP error", async () => {
    const context = await browser.newContext();
    try {
      const outcome = await submitDirectory({
        context,
        directory: { id: "x", name: "X", submissionUrl: `${sandbox.url}/plain/nowhere`, recipe: null },
        customer,
      });
      expect(outcome).toMatchObject({ status: "failed", reason: "http_error" });
      expect(outcome.errorMessage).toMatch(/404/);
    } finally {
      await context.close();
    }
  }, 60_000);

  test("a recipe that no longer fits fails with its step", async () => {
    const site = sandbox.sites.find((s) => s.slug === "recipe-only") as SandboxSite;
    const context = await browser.newContext();
    try {
      const outcome = await submitDirectory({
        context,
        directory: {
          id: site.slug,
          name: site.name,
          submissionUrl: site.submissionUrl,
          recipe: {
            version: 1,
            steps: [
              { action: "goto", url: site.submissionUrl },
              { action: "click", selector: "#gone" },
            ],
          },
        },
        customer,
        timeoutMs: 20_000,
      });
      expect(outcome).toMatchObject({ status: "failed", reason: "recipe_failed" });
      expect(outcome.errorMessage).toMatch(/step 2 \(click #gone\)/);
    } finally {
      await context.close();
    }
  }, 60_000);

  test("without its recipe the custom-widget site has no form the filler can use", async () => {
    const site = sandbox.sites.find((s) => s.slug === "recipe-only") as SandboxSite;
    const outcome = await submit({ ...site, recipe: null });
    expect(outcome.reason).toBe("form_not_found");
  }, 60_000);
});
