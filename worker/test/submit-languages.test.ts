import type { CustomerFields } from "@autobolt/contract";
import { checkSubmissions, judgeRun, type Sandbox, type SandboxSite, startSandbox } from "@autobolt/sandbox";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { launchBrowser } from "../src/browser.ts";
import { type SubmissionOutcome, submitDirectory } from "../src/submit/index.ts";

/**
 * The hand-written directories in other languages and the hostile variants, each worked by
 * submitDirectory in a real Chromium: the outcome the site expects, and for a listing exactly one
 * accepted post carrying every field the site maps, exactly.
 */

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

const slugs = [
  "es-tabla-alta",
  "fr-fiche-pro",
  "de-firmeneintrag",
  "pt-cadastro",
  "it-elenco-imprese",
  "es-empresa-registrada",
  "de-email-bestaetigen",
  "fr-espace-pro",
  "it-recaptcha",
  "sms-verify-code",
  "rate-limited-page",
  "lying-200-strict",
  "cpu-spinner-autocomplete",
];
/** A per-directory deadline as a worker gives it; the spinner gets a short one so the test is quick. */
const perSiteTimeout = 20_000;
const spinnerTimeout = 6_000;

let sandbox: Sandbox;
let browser: Browser;
const outcomes = new Map<string, SubmissionOutcome>();

function site(slug: string): SandboxSite {
  const found = sandbox.sites.find((s) => s.slug === slug);
  if (!found) throw new Error(`no sandbox site ${slug}`);
  return found;
}

async function submit(target: SandboxSite): Promise<SubmissionOutcome> {
  const context = await browser.newContext();
  try {
    return await submitDirectory({
      context,
      directory: {
        id: target.slug,
        name: target.name,
        submissionUrl: target.submissionUrl,
        recipe: target.recipe,
      },
      customer,
      timeoutMs: target.expected.reason === "timeout" ? spinnerTimeout : perSiteTimeout,
    });
  } finally {
    await context.close();
  }
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
  browser = await launchBrowser({});
  // Two contexts at a time: the machine is shared.
  const queue = slugs.map(site);
  await Promise.all(
    Array.from({ length: 2 }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) outcomes.set(next.slug, await submit(next));
    }),
  );
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await sandbox?.close();
});

describe("[WORKER]: directories in other languages and pages that fight back", () => {
  test("the sites are there, each with its own domain authority", () => {
    for (const slug of slugs) expect(site(slug).slug).toBe(slug);
    expect(new Set(sandbox.sites.map((s) => s.domainAuthority)).size).toBe(sandbox.sites.length);
  });

  test.each(slugs)("%s ends as the site expects, with every field it maps exact", (slug) => {
    const target = site(slug);
    const outcome = outcomes.get(slug);
    if (!outcome) throw new Error(`${slug}: no outcome`);
    const posts = sandbox.received(slug);
    expect({ status: outcome.status, reason: outcome.reason }, outcome.errorMessage).toEqual(target.expected);
    const verdict = judgeRun(target, outcome, posts, customer);
    expect(verdict.problem).toBe("");
    if (target.expected.status === "submitted") {
      const check = checkSubmissions(posts, target.mapping, customer);
      expect(check.accepted).toBe(1);
      expect(check.mismatched).toEqual({});
      expect(check.exact.sort()).toEqual(check.expected.sort());
    }
  });

  test("nothing is ever posted past the captcha", () => {
    expect(sandbox.received("it-recaptcha")).toEqual([]);
  });

  test("an SMS code page is phone verification, never e-mail verification", () => {
    expect(outcomes.get("sms-verify-code")?.reason).toBe("phone_verification");
  });

  test("the page frozen by its own script costs its deadline, not more", () => {
    const outcome = outcomes.get("cpu-spinner-autocomplete");
    expect(outcome?.reason).toBe("timeout");
    expect(outcome?.durationMs).toBeLessThan(spinnerTimeout + 9_000);
  });

  test("a page whose trackers never finish loading is filled without waiting for them", () => {
    expect(outcomes.get("pt-cadastro")?.durationMs).toBeLessThan(12_000);
  });
});
