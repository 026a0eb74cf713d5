import { sealedAccount, upsertDirectories } from "@autobolt/db";
import { sandboxCatalog } from "@autobolt/sandbox";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServerApi } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import { classifyConfirmation } from "../src/follow-ups.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { runWorkerLoop } from "../src/worker.ts";
import { API_KEY, customer, type Stack, startStack, waitFor } from "./support.ts";

const log = pino({ level: process.env.WORKER_TEST_LOG ?? "silent" });

describe("[CONFIRMATION PAGES]: what a followed link proves", () => {
  test.each([
    [200, "Thank you! Your email address has been confirmed.", "confirmed"],
    [200, "Ihre E-Mail-Adresse wurde erfolgreich bestätigt.", "confirmed"],
    [200, "¡Gracias! Tu cuenta ha sido verificada con éxito.", "confirmed"],
    [200, "Votre adresse e-mail a été confirmée.", "confirmed"],
    [200, "Il tuo account è stato attivato.", "confirmed"],
    [200, "This confirmation link has expired. Please submit again.", "link_failed"],
    [200, "Le lien de confirmation a expiré.", "link_failed"],
    [200, "Dieser Link ist ungültig.", "link_failed"],
    [200, "This link has already been used.", "link_failed"],
    [200, "Welcome to Best Local Listings! Browse categories.", "link_failed"],
    [404, "Not found", "link_failed"],
    [503, "Service unavailable", "retry"],
    [429, "Too many requests", "retry"],
  ] as const)("HTTP %i, %j → %s", (status, text, outcome) => {
    expect(classifyConfirmation(status, text).outcome).toBe(outcome);
  });

  test("an expired link wins over a 'confirmed' elsewhere on the page; a 200 is never enough", () => {
    expect(
      classifyConfirmation(200, "Your account was confirmed earlier.\nThis link has expired.").outcome,
    ).toBe("link_failed");
    expect(classifyConfirmation(200, "").outcome).toBe("link_failed");
  });
});

let browser: Browser;
let stack: Stack;
beforeAll(async () => {
  browser = await launchBrowser({});
  stack = await startStack({
    AUTOBOLT_INBOX_DOMAIN: "inbox.autobolt.test",
    AUTOBOLT_SMTP_PORT: "0",
    AUTOBOLT_SECRET_KEY: "a1".repeat(32),
  });
  if (stack.server.smtpPort === undefined) throw new Error("the SMTP receiver should be on");
  // The practice site mails the server's own SMTP receiver, as an MX would deliver it.
  stack.sandbox.setMailTarget({ host: "127.0.0.1", port: stack.server.smtpPort });
});

/** Only this practice site stays active, so a package of one plans it. */
async function onlyActive(slug: string) {
  const catalog = sandboxCatalog(stack.sandbox);
  await upsertDirectories(
    stack.database.db,
    catalog.map((d) => ({ ...d, active: d.id === slug })),
  );
}
afterAll(async () => {
  await stack?.close();
  await browser?.close();
});

async function runUntil<T>(what: string, check: () => Promise<T | undefined | false>) {
  const stop = new AbortController();
  const running = runWorkerLoop({
    // One job at a time; the follow-up loop works beside it.
    api: createServerApi(stack.server.url, API_KEY),
    browser,
    submit: submitDirectory,
    log,
    workerId: "inbox-worker",
    concurrency: 1,
    directoryTimeoutMs: 30_000,
    waitMs: 500,
    followUps: true,
    stop: stop.signal,
  });
  try {
    return await waitFor(what, check, 90_000);
  } finally {
    stop.abort();
    await running;
    // The stopped worker's last long poll may still be open on the server for its waitMs.
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

const resultOf = async (jobId: string) => {
  const detail = await stack.staff.jobs.byId({ id: jobId });
  return { result: detail.results[0], detail };
};

describe("[CAMPAIGN INBOX FLOW]: sandbox → SMTP → server → worker → confirmation, with no person", () => {
  test("a site that needs email confirmation ends submitted and confirmed; its link was followed once", {
    timeout: 100_000,
  }, async () => {
    await onlyActive("email-verify");
    const { customer: made, job } = await stack.staff.customers.create({ customer, package: { size: 1 } });
    const { campaignAddress } = await stack.staff.customers.byId({ id: made.id });
    const confirmed = await runUntil("the listing to be confirmed", async () => {
      const { result } = await resultOf(job.id);
      return result?.confirmation === "confirmed" ? result : undefined;
    });
    expect(confirmed).toMatchObject({ status: "submitted", directoryId: "email-verify", reason: null });
    // The form got the campaign address, never the customer's own; the site mailed it; one confirmation.
    expect(stack.sandbox.receivedAsCustomer("email-verify")?.email).toBe(campaignAddress);
    expect(stack.sandbox.outbox("email-verify")).toMatchObject([{ to: campaignAddress, delivery: "sent" }]);
    expect(stack.sandbox.confirmations("email-verify")).toHaveLength(1);
    const [message] = await stack.staff.inbox.messages({ jobId: job.id });
    expect(message).toMatchObject({ followUpStatus: "done", followUpOutcome: "confirmed" });
    const { detail } = await resultOf(job.id);
    expect(detail.events.map((e) => e.type)).toContain("email_confirmed");
  });

  test("an expired link lands in needs attention with the mail beside it", { timeout: 100_000 }, async () => {
    await onlyActive("email-verify");
    stack.sandbox.expireLinks(true);
    try {
      const other = {
        ...customer,
        businessName: "Harbor Pine Dental",
        email: "front@harborpine.test",
        phone: "+1 503 555 0142",
        website: "https://harborpine.test",
      };
      const { job } = await stack.staff.customers.create({ customer: other, package: { size: 1 } });
      const failed = await runUntil("the link to fail", async () => {
        const { result } = await resultOf(job.id);
        return result?.confirmation === "link_failed" ? result : undefined;
      });
      expect(failed).toMatchObject({ status: "failed", reason: "email_verification" });
      expect(failed?.errorMessage).toMatch(/expired/i);
      const attention = await stack.staff.results.needsAttention({});
      expect(attention.items.some((i) => i.id === failed?.id)).toBe(true);
      const [message] = await stack.staff.inbox.messages({ jobId: job.id });
      expect(message?.textBody).toContain("Confirm your listing");
    } finally {
      stack.sandbox.expireLinks(false);
    }
  });

  test("a site that wants an account: registered with the campaign address, confirmed, signed in, listing submitted; the password kept only encrypted", {
    timeout: 100_000,
  }, async () => {
    await onlyActive("sign-up");
    const owner = {
      ...customer,
      businessName: "Copper Kettle Cafe",
      email: "hello@copperkettle.test",
      phone: "+1 503 555 0177",
      website: "https://copperkettle.test",
    };
    const { customer: made, job } = await stack.staff.customers.create({
      customer: owner,
      package: { size: 1 },
    });
    const { campaignAddress } = await stack.staff.customers.byId({ id: made.id });
    const confirmed = await runUntil("the listing to go in through the account", async () => {
      const { result } = await resultOf(job.id);
      return result?.confirmation === "confirmed" || result?.confirmation === "link_failed"
        ? result
        : undefined;
    });
    expect(confirmed).toMatchObject({
      status: "submitted",
      confirmation: "confirmed",
      directoryId: "sign-up",
    });
    // The site has an activated account for the campaign address, and the listing it took.
    expect(stack.sandbox.accounts("sign-up")).toEqual([{ email: campaignAddress, active: true }]);
    const listing = stack.sandbox.received("sign-up").filter((r) => r.accepted);
    expect(listing).toHaveLength(1);
    expect(stack.sandbox.receivedAsCustomer("sign-up")).toMatchObject({
      businessName: owner.businessName,
      city: owner.city,
    });
    expect(stack.sandbox.received("sign-up").some((r) => r.wrong)).toBe(false);

    const account = await stack.staff.inbox.account({ resultId: confirmed?.id ?? "" });
    expect(account).toMatchObject({ email: campaignAddress });
    if (!account) throw new Error("expected the account");
    const sealed = await sealedAccount(stack.database.db, account.id);
    const { password } = await stack.staff.inbox.reveal({ accountId: account.id });
    expect(password).toMatch(/^.{20}$/);
    expect(JSON.stringify(sealed)).not.toContain(password);
  });
});
