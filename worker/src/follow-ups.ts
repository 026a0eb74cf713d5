import {
  type ClaimedFollowUp,
  compareNap,
  type FollowUpOutcome,
  type Nap,
  type NapMismatch,
} from "@autobolt/contract";
import type { Logger } from "pino";
import type { BrowserContext, Page } from "playwright-core";
import { type ServerApi, sleep, withCallSignal, withRetry } from "./api.ts";
import { type SubmitDirectory, toCustomerFields } from "./job-runner.ts";
import { type Credentials, setPasswordFromLink } from "./submit/account.ts";
import { installInPage } from "./submit/in-page.ts";
import { openPage, within } from "./submit/index.ts";
import { StepRecorder } from "./submit/learned.ts";
import { confirmButtonText, confirmedOutcome, foldText, linkFailedOutcome } from "./submit/lexicon.ts";
import { onSite, safeUrl } from "./submit/listing.ts";
import { newText, ResponseTracker } from "./submit/outcome.ts";
import { runListingSearch } from "./submit/recipe.ts";
import type { BrowserHost } from "./watchdog.ts";

export interface FollowUpVerdict {
  outcome: FollowUpOutcome;
  errorMessage?: string;
}

/**
 * What a confirmation page proves, from its status and its words: a link the site calls expired or
 * invalid (or a 404/410) is a failure for a person; a 5xx or 429 is the site's moment, tried again;
 * only a page that says "confirmed/verified/activated" confirms. A page that says neither confirms
 * nothing: a person looks, with the mail beside them.
 */
export function classifyConfirmation(status: number | undefined, text: string): FollowUpVerdict {
  const said = foldText(text);
  if (status !== undefined && (status >= 500 || status === 429))
    return { outcome: "retry", errorMessage: `The site answered HTTP ${status}.` };
  if (linkFailedOutcome.test(said))
    return { outcome: "link_failed", errorMessage: `The site said: ${excerpt(said, linkFailedOutcome)}` };
  if (status !== undefined && status >= 400)
    return { outcome: "link_failed", errorMessage: `The link answered HTTP ${status}.` };
  if (confirmedOutcome.test(said)) return { outcome: "confirmed" };
  return {
    outcome: "link_failed",
    errorMessage: `The page did not say the listing was confirmed: "${said.replace(/\s+/g, " ").trim().slice(0, 160)}"`,
  };
}

function excerpt(text: string, pattern: RegExp): string {
  const match = pattern.exec(text);
  if (!match) return "";
  const line = text.slice(Math.max(0, match.index - 60), match.index + match[0].length + 60);
  return line.replace(/\s+/g, " ").trim();
}

async function pageText(page: Page): Promise<string> {
  return within(
    page.evaluate(() => document.body?.innerText ?? ""),
    3_000,
    "",
  );
}

type Seen = { finalUrl?: string; screenshotUrl?: string };
type Photograph = (image: Uint8Array) => Promise<string | undefined>;

/**
 * Open `link` in a fresh context and let `read` judge the page, never longer than `allowedMs`: a
 * page that does not load, or hangs (its browser is replaced, as for a directory), is the site's
 * moment and tried again later. The context is always closed.
 */
async function inFreshPage<T extends { outcome: string; errorMessage?: string }>(
  browsers: BrowserHost,
  link: string,
  limits: { timeoutMs: number; allowedMs: number; what: string },
  read: (page: Page, status: number | undefined, context: BrowserContext) => Promise<T | FollowUpRetry>,
): Promise<T | FollowUpRetry> {
  const { browser, context } = await browsers.newContext();
  const work = (async () => {
    const page = await context.newPage();
    let status: number | undefined;
    try {
      status = (
        await page.goto(link, { waitUntil: "domcontentloaded", timeout: limits.timeoutMs })
      )?.status();
    } catch (error) {
      return retry(`The ${limits.what} did not load: ${(error as Error).message.split("\n")[0]}`);
    }
    await settle(page);
    return read(page, status, context);
  })();
  const timedOut = retry(`The page took longer than ${limits.timeoutMs} ms.`);
  try {
    const answer = await within(work, limits.allowedMs, timedOut);
    if (answer === timedOut) await browsers.replace(browser, `a ${limits.what} page hung`);
    return answer;
  } finally {
    await within(
      context.close().catch(() => {}),
      5_000,
      undefined,
    );
  }
}

interface FollowUpRetry {
  outcome: "retry";
  errorMessage: string;
}
const retry = (errorMessage: string): FollowUpRetry => ({ outcome: "retry", errorMessage });

const settle = (page: Page) =>
  within(
    page.waitForLoadState("load", { timeout: 5_000 }).catch(() => {}),
    6_000,
    undefined,
  );

/** Where the page ended and its photograph, uploaded: what staff see beside the outcome. */
async function seen(page: Page, photograph: Photograph): Promise<Seen> {
  const image = await within(
    page.screenshot({ timeout: 5_000 }).catch(() => undefined),
    6_000,
    undefined,
  );
  const screenshotUrl = image ? await photograph(image) : undefined;
  return { finalUrl: page.url().slice(0, 2048), ...(screenshotUrl ? { screenshotUrl } : {}) };
}

/**
 * Where a link left the browser when that is not the directory's site (its host), else undefined.
 * A mailing service's click tracker redirects (by HTTP, or by script a moment after loading): it
 * is waited for a little before the page counts as somewhere else.
 */
async function offSite(
  page: Page,
  directory: { url: string; submissionUrl: string },
): Promise<string | undefined> {
  const hosts = [directory.url, directory.submissionUrl].flatMap((u) => safeUrl(u)?.hostname ?? []);
  const home = (url: URL) => hosts.some((host) => onSite(url, host));
  const here = () => safeUrl(page.url());
  const now = here();
  if (!now || home(now)) return undefined;
  await page.waitForURL(home, { timeout: 3_000 }).catch(() => {});
  const after = here();
  return after && !home(after) ? after.hostname : undefined;
}

/**
 * Open the confirmation link and read what the page proves; where the page still asks for a press
 * ("Confirm my email"), press it once and read again. With an account, sign in and submit the
 * listing once the address is confirmed.
 */
export async function followLink(
  browsers: BrowserHost,
  task: ClaimedFollowUp,
  options: { timeoutMs: number; screenshot: Photograph; submit?: SubmitDirectory },
): Promise<FollowUpVerdict & Seen> {
  // With an account the listing is submitted too: a directory's time on top of the link's.
  const allowedMs = options.timeoutMs * (task.account ? 2 : 1) + 15_000;
  return inFreshPage(
    browsers,
    task.link,
    { timeoutMs: options.timeoutMs, allowedMs, what: "confirmation" },
    async (page, status, context) => {
      const away = await offSite(page, task.directory);
      if (away && (status ?? 200) < 500 && status !== 429)
        return {
          outcome: "link_failed",
          errorMessage: `The link led to ${away}, not to the site of ${task.directory.name}: nothing was confirmed.`,
          ...(await seen(page, options.screenshot)),
        };
      if (task.account && options.submit && (status ?? 200) < 400) {
        // A registration that never asked for a password mails a link to choose one: the
        // account's own, made when it registered, is typed there; then the listing goes in.
        const set = await setPasswordFromLink({
          page,
          credentials: accountOf(task.account),
          customer: toCustomerFields(task.customer),
          deadline: Date.now() + options.timeoutMs,
          recorder: new StepRecorder(page),
        });
        if (set.kind === "failed")
          return {
            outcome: "link_failed",
            errorMessage: set.said,
            ...(await seen(page, options.screenshot)),
          };
        if (set.kind === "signed_in")
          return listingThroughAccount(task, { ...options, submit: options.submit }, context);
      }
      let text = await pageText(page);
      let verdict = classifyConfirmation(status, text);
      if (
        verdict.outcome === "link_failed" &&
        !linkFailedOutcome.test(foldText(text)) &&
        (status ?? 200) < 400
      ) {
        const press = page
          .locator("button, input[type=submit], a")
          .filter({ hasText: confirmButtonText })
          .first();
        if (
          await within(
            press.isVisible().catch(() => false),
            2_000,
            false,
          )
        ) {
          const before = text;
          const answer = page
            .waitForResponse((r) => r.request().resourceType() === "document", { timeout: 10_000 })
            .catch(() => undefined);
          await press.click({ timeout: 5_000 }).catch(() => {});
          const response = await answer;
          await settle(page);
          text = await pageText(page);
          verdict = classifyConfirmation(response?.status(), newText(before, text) || text);
        }
      }
      if (verdict.outcome === "confirmed" && task.account && options.submit)
        return listingThroughAccount(task, { ...options, submit: options.submit }, context);
      return { ...verdict, ...(await seen(page, options.screenshot)) };
    },
  );
}

/**
 * The account is confirmed: sign in and submit the listing, in the same context. Only a submitted
 * listing confirms the result; anything else is for a person, with what the site said.
 */
async function listingThroughAccount(
  task: ClaimedFollowUp,
  options: { timeoutMs: number; screenshot: Photograph; submit: SubmitDirectory },
  context: BrowserContext,
): Promise<FollowUpVerdict & Seen> {
  if (!task.account) return { outcome: "link_failed", errorMessage: "No account to sign in with." };
  const outcome = await options.submit({
    context,
    directory: task.directory,
    customer: { ...toCustomerFields(task.customer), email: task.formEmail },
    account: { mode: "signIn", credentials: accountOf(task.account) },
    timeoutMs: options.timeoutMs,
  });
  const screenshotUrl = await options.screenshot(outcome.screenshot);
  const where = { finalUrl: outcome.finalUrl.slice(0, 2048), ...(screenshotUrl ? { screenshotUrl } : {}) };
  if (outcome.status === "submitted") return { outcome: "confirmed", ...where };
  const transient = ["timeout", "http_error", "network_error", "rate_limited"].includes(outcome.reason ?? "");
  return {
    outcome: transient ? "retry" : "link_failed",
    errorMessage:
      `The account is confirmed, but the listing did not go in (${outcome.reason}): ${outcome.errorMessage ?? ""}`.slice(
        0,
        4000,
      ),
    ...where,
  };
}

/** The follow-up's account as the worker's account steps take it. */
function accountOf(account: NonNullable<ClaimedFollowUp["account"]>): Credentials {
  return {
    email: account.email,
    password: account.password,
    ...(account.username ? { username: account.username } : {}),
  };
}

export interface ListingVerdict {
  outcome: "live" | "mismatch" | "not_found" | "retry";
  errorMessage?: string;
  mismatches?: NapMismatch[];
  /** The listing's page, when a listing search found it. */
  listingUrl?: string;
}

/**
 * What a listing page shows of the business: not found (a 404, a page without its name), live
 * with the right name, address and phone, or there with a wrong detail (named, with what it
 * shows). A page that shows another phone is a mismatch, never live.
 */
export function classifyListing(status: number | undefined, text: string, nap: Nap): ListingVerdict {
  if (status !== undefined && (status >= 500 || status === 429))
    return { outcome: "retry", errorMessage: `The site answered HTTP ${status}.` };
  if (status !== undefined && status >= 400)
    return { outcome: "not_found", errorMessage: `The listing answered HTTP ${status}.` };
  const { present, mismatches } = compareNap(nap, text);
  if (!present) return { outcome: "not_found", errorMessage: "The page does not show the business's name." };
  if (mismatches.length > 0)
    return {
      outcome: "mismatch",
      mismatches,
      errorMessage: mismatches.map((m) => `${m.field}: shows ${m.found}, should be ${m.expected}`).join("; "),
    };
  return { outcome: "live" };
}

/** Open a listing's page in a fresh context and say what it shows. */
export async function checkListing(
  browsers: BrowserHost,
  task: ClaimedFollowUp,
  options: { timeoutMs: number; screenshot: Photograph },
): Promise<ListingVerdict & Seen> {
  const nap: Nap = {
    businessName: task.customer.businessName,
    address: task.customer.address,
    city: task.customer.city,
    zip: task.customer.zip,
    phone: task.customer.phone,
  };
  const limits = { timeoutMs: options.timeoutMs, allowedMs: options.timeoutMs + 15_000, what: "listing" };
  const search = task.search;
  if (!search)
    return inFreshPage(browsers, task.link, limits, async (page, status) => ({
      ...classifyListing(status, await pageText(page), nap),
      ...(await seen(page, options.screenshot)),
    }));
  // No known page: search the directory for the business, then read what the search led to.
  const first = search.steps[0];
  const start = first?.action === "goto" ? first.url : task.link;
  return inFreshPage(browsers, start, limits, async (page, status, context) => {
    if (status !== undefined && (status >= 500 || status === 429))
      return retry(`The directory's search page answered HTTP ${status}.`);
    await installInPage(context);
    const deadline = Date.now() + options.timeoutMs;
    const found = await runListingSearch({
      page,
      steps: search.steps,
      done: first?.action === "goto" ? 1 : 0,
      customer: toCustomerFields(task.customer),
      tracker: new ResponseTracker(page),
      deadline,
      open: (url) => openPage(page, url, deadline),
    });
    const where = await seen(page, options.screenshot);
    if (found.kind === "broken")
      return {
        outcome: "retry",
        errorMessage: `The listing search no longer fits the site: ${found.why}`,
        ...where,
      };
    if (found.kind === "not_listed") return { outcome: "not_found", errorMessage: found.why, ...where };
    const verdict = classifyListing(undefined, await pageText(page), nap);
    // The page the search opened is the listing's own: kept, so later checks go straight to it.
    const here = safeUrl(page.url());
    const site = safeUrl(task.directory.url)?.hostname;
    const listingUrl =
      found.opened && verdict.outcome !== "not_found" && here && site && onSite(here, site)
        ? here.href.slice(0, 2048)
        : undefined;
    return { ...verdict, ...where, ...(listingUrl ? { listingUrl } : {}) };
  });
}

export interface FollowUpLoopOptions {
  api: ServerApi;
  browsers: BrowserHost;
  log: Logger;
  workerId: string;
  timeoutMs: number;
  waitMs?: number;
  stop: AbortSignal;
  submit: SubmitDirectory;
}

/**
 * The campaign inbox's tasks, one at a time beside the directory slots: claim (long-polled),
 * follow the link, report what the page proved. A lost lease is another worker's now: drop it.
 */
export async function runFollowUpLoop(options: FollowUpLoopOptions): Promise<void> {
  const { api, log, stop } = options;
  while (!stop.aborted) {
    let task: ClaimedFollowUp | null;
    try {
      ({ followUp: task } = await withRetry(
        "claim a follow-up",
        () =>
          withCallSignal(stop, (signal) =>
            api.followUps.next.mutate(
              { workerId: options.workerId, waitMs: options.waitMs ?? 20_000 },
              { signal },
            ),
          ),
        { log, signal: stop },
      ));
    } catch (error) {
      if (stop.aborted) break;
      log.error({ err: (error as Error).message }, "could not claim a follow-up");
      await sleep(5_000, stop);
      continue;
    }
    if (!task) continue;
    const lease = { followUpId: task.id, leaseToken: task.leaseToken };
    log.info(
      { followUp: task.id, directory: task.directory.id, withAccount: task.account !== null },
      "following a confirmation link",
    );
    const follow =
      task.kind === "recheck_listing"
        ? checkListing(options.browsers, task, {
            timeoutMs: options.timeoutMs,
            screenshot: (image) => api.uploadScreenshot(image).catch(() => undefined),
          })
        : followLink(options.browsers, task, {
            timeoutMs: options.timeoutMs,
            screenshot: (image) => api.uploadScreenshot(image).catch(() => undefined),
            submit: options.submit,
          });
    const verdict = await follow.catch((error: unknown) => ({
      outcome: "retry" as const,
      errorMessage: `The worker could not open the link: ${(error as Error).message}`,
    }));
    try {
      const answer = await withRetry(
        "report a follow-up",
        () => api.followUps.report.mutate({ ...lease, ...verdict }),
        {
          log,
          signal: stop,
        },
      );
      log.info({ followUp: task.id, outcome: verdict.outcome, status: answer.status }, "follow-up reported");
    } catch (error) {
      log.warn({ followUp: task.id, err: (error as Error).message }, "follow-up report not taken");
    }
  }
}
