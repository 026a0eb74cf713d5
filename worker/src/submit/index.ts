import type { CustomerFields, FailureReason, LearnedMapping, Recipe } from "@autobolt/contract";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { PhaseTimes } from "../phases.ts";
import { type Credentials, registerAccount, signIn } from "./account.ts";
import { loadedEnough } from "./activity.ts";
import { fillAndSubmit } from "./filler.ts";
import { installInPage } from "./in-page.ts";
import { LearnedHints, StepRecorder } from "./learned.ts";
import { findListingUrl } from "./listing.ts";
import { failed, ResponseTracker, type Verdict } from "./outcome.ts";
import { runRecipe } from "./recipe.ts";

export interface SubmissionOutcome {
  status: "submitted" | "failed";
  reason?: FailureReason;
  errorMessage?: string;
  /** Full-page PNG, taken after submitting or where it failed: the proof staff look at. */
  screenshot: Buffer;
  finalUrl: string;
  /** Customer fields put into the form ("consent" when a terms box was ticked). */
  filledFields: string[];
  durationMs: number;
  /** For a success: what the page said (or where it went) that proved it. */
  proof?: string;
  /** For a success found by the generic filler: how it got through, for the directory to keep. */
  learned?: LearnedMapping;
  /** Whether the directory's learned mapping was there to follow. */
  usedLearned?: boolean;
  /** An account this submission made on the directory: reported once, kept only encrypted. */
  account?: Credentials;
  /** For a success: the listing's own page the confirmation showed, re-checked until live. */
  listingUrl?: string;
}

export interface SubmitDirectoryArgs {
  context: BrowserContext;
  directory: {
    id: string;
    name: string;
    submissionUrl: string;
    recipe: Recipe | null;
    /** How the worker got through this directory's form last time, if it did. */
    learned?: LearnedMapping | null;
  };
  customer: CustomerFields;
  timeoutMs?: number;
  /** Where the time goes, filled in as the directory is worked. */
  phases?: PhaseTimes;
  /**
   * Where the directory wants an account: make one with this address (`register`), or sign in with
   * the one made before (`signIn`, after its email was confirmed). Without it a sign-in wall is
   * `login_required`, for a person.
   */
  account?: { mode: "register"; email: string } | { mode: "signIn"; credentials: Credentials };
}

/**
 * Past a sign-in wall with an account: make one (the directory mails a link first, or lets the new
 * account in at once) or sign in with the one made before, then fill the listing form again.
 */
async function throughAccount(
  args: SubmitDirectoryArgs,
  work: {
    page: Page;
    deadline: number;
    recorder: StepRecorder;
    fill: () => Promise<Verdict>;
    made: { account?: Credentials };
  },
): Promise<Verdict> {
  const account = args.account;
  if (!account) return failed("login_required", "No account to use.");
  const base = { page: work.page, customer: args.customer, deadline: work.deadline, recorder: work.recorder };
  let credentials: Credentials;
  if (account.mode === "register") {
    const step = await registerAccount({ ...base, email: account.email });
    if (step.kind === "failed") return failed("login_required", step.said);
    credentials = step.credentials;
    work.made.account = credentials;
    if (step.kind === "verify_email")
      return failed(
        "email_verification",
        `Made an account with ${credentials.email}; the directory mails a confirmation link before the listing. ${step.said}`,
      );
  } else {
    credentials = account.credentials;
    const step = await signIn({ ...base, credentials });
    if (step.kind === "failed") return failed("login_required", step.said);
  }
  const problem = await openPage(work.page, args.directory.submissionUrl, work.deadline);
  if (problem) return problem;
  const verdict = await work.fill();
  if (verdict.reason !== "login_required" || account.mode === "signIn") return verdict;
  // A new account that was not signed in by its registration: sign in once, then fill again.
  const step = await signIn({ ...base, credentials });
  if (step.kind === "failed") return failed("login_required", step.said);
  return (await openPage(work.page, args.directory.submissionUrl, work.deadline)) ?? work.fill();
}

/** A 1×1 transparent PNG, for when the page is too broken to photograph: proof stays a PNG. */
const blankPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=",
  "base64",
);

/** Why a page would not load, in the words staff filter by. */
export function loadFailure(error: unknown, url: string): Verdict {
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  if ((error instanceof Error && error.name === "TimeoutError") || /timeout|ERR_TIMED_OUT/i.test(message)) {
    return failed("timeout", `${url} did not load in time`);
  }
  if (/net::ERR_|ECONNREFUSED|ENOTFOUND|NS_ERROR/.test(message))
    return failed("network_error", `${url}: ${message}`);
  return failed("unexpected", `${url}: ${message}`);
}

/** Opens `url` in `page` until it is usable; a failure comes back as the verdict that says why. */
export async function openPage(page: Page, url: string, deadline: number): Promise<Verdict | null> {
  try {
    const response = await page.goto(url, {
      waitUntil: "domcontentloaded",
      timeout: Math.max(1_000, deadline - Date.now()),
    });
    if (response?.status() === 429) {
      // Throttled before the form is even shown: a retry later may get through, so say so.
      const retryAfter = response.headers()["retry-after"];
      return failed("rate_limited", `HTTP 429 from ${url}${retryAfter ? `; retry after ${retryAfter}` : ""}`);
    }
    if (response && response.status() >= 400)
      return failed("http_error", `HTTP ${response.status()} from ${url}`);
  } catch (error) {
    return loadFailure(error, url);
  }
  // Frames (an embedded form) and late scripts finish after DOMContentLoaded; a tracker that
  // never finishes loading holds "load" back forever, so a parsed page gets a second, not three.
  await loadedEnough(page.mainFrame(), Math.max(100, Math.min(3_000, deadline - Date.now())));
  return null;
}

/** Chromium draws nothing taller; a page longer than this is photographed from the top. */
const maxShotHeight = 16_384;

/**
 * The whole page as a PNG, asked of Chromium directly. Playwright's full-page screenshot does the
 * same capture plus work proof does not need (hiding the caret in every frame, waiting on fonts
 * that loaded with the page, extra round trips): ~80 ms more CPU per directory.
 */
async function screenshot(page: Page, withinMs: number): Promise<Buffer> {
  // A page whose script spins can stall even attaching to it: the whole capture is bounded.
  return within(capture(page), withinMs, blankPng);
}

async function capture(page: Page): Promise<Buffer> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { cssContentSize, cssLayoutViewport } = await cdp.send("Page.getLayoutMetrics");
    const { data } = await cdp.send("Page.captureScreenshot", {
      format: "png",
      captureBeyondViewport: true,
      clip: {
        x: 0,
        y: 0,
        width: Math.ceil(Math.max(cssContentSize.width, cssLayoutViewport.clientWidth)),
        height: Math.ceil(
          Math.min(maxShotHeight, Math.max(cssContentSize.height, cssLayoutViewport.clientHeight)),
        ),
        scale: 1,
      },
    });
    return Buffer.from(data, "base64");
  } finally {
    void cdp.detach().catch(() => {});
  }
}

/**
 * A DevTools session attached while the page still answers: one attached later queues behind a
 * script that never yields, while this one's commands still get through to stop it.
 */
async function attachBrake(page: Page): Promise<CDPSession | undefined> {
  return page
    .context()
    .newCDPSession(page)
    .catch(() => undefined);
}

/**
 * Past the deadline nothing more may leave the page (the filler, still running in the background
 * until the page closes, must not post a listing this directory reports as a timeout), and the
 * script that holds the page is stopped so it can still be photographed and closed. Both are
 * answered by the browser and V8's interrupt, so they reach a page whose script never yields.
 */
async function freeze(brake: CDPSession): Promise<void> {
  brake.on("Fetch.requestPaused", (event) => {
    void brake
      .send("Fetch.failRequest", { requestId: event.requestId, errorReason: "Aborted" })
      .catch(() => {});
  });
  await brake.send("Fetch.enable", { patterns: [{ urlPattern: "*" }] });
  await brake.send("Runtime.terminateExecution");
  // The filler may still type into the page and set its handler spinning again: no more page
  // scripts, and stop whatever started in between.
  await within(brake.send("Emulation.setScriptExecutionDisabled", { value: true }), 500, undefined);
  await brake.send("Runtime.terminateExecution");
}

/** `work`'s answer, or `fallback` once `ms` have passed; a late failure of `work` is swallowed. */
export async function within<T>(work: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Submits one directory's listing for a customer in a new page of `context`, and always closes it.
 * Never throws for what a site does: every problem comes back as a failed outcome with a reason.
 */
export async function submitDirectory(args: SubmitDirectoryArgs): Promise<SubmissionOutcome> {
  const started = Date.now();
  const timeoutMs = args.timeoutMs ?? 45_000;
  const deadline = started + timeoutMs;
  const filled = new Set<string>();
  const phases = args.phases ?? new PhaseTimes();
  // An account made on the way, reported with the result whatever came after.
  const made: { account?: Credentials } = {};
  const page = await phases.time("context", async () => {
    await installInPage(args.context);
    return args.context.newPage();
  });
  // Bounded: a browser frozen already must not keep this directory from its deadline.
  const brake = await within(attachBrake(page), 2_000, undefined);
  const recorder = new StepRecorder(page);
  const learned = args.directory.recipe ? undefined : (args.directory.learned ?? undefined);
  const hints = learned ? new LearnedHints(page, recorder, learned) : undefined;
  try {
    page.setDefaultTimeout(Math.min(15_000, timeoutMs));
    const tracker = new ResponseTracker(page);
    const work = (async (): Promise<Verdict> => {
      const recipe = args.directory.recipe;
      const followRecipe = (steps: Recipe) =>
        phases.time("recipe", () =>
          runRecipe({
            page,
            recipe: steps,
            customer: args.customer,
            tracker,
            deadline,
            filled,
            open: (u) => openPage(page, u, deadline),
          }),
        );
      // A recipe that starts by going somewhere opens the page itself.
      if (recipe && recipe.steps[0]?.action === "goto") return followRecipe(recipe);
      const problem = await phases.time("open", () => openPage(page, args.directory.submissionUrl, deadline));
      if (problem) return problem;
      if (recipe) return followRecipe(recipe);
      const fill = () =>
        fillAndSubmit({ page, customer: args.customer, tracker, deadline, filled, phases, recorder, hints });
      const verdict = await fill();
      if (!args.account || verdict.reason !== "login_required") return verdict;
      return phases.time("account", () => throughAccount(args, { page, deadline, recorder, fill, made }));
    })().catch((error: unknown): Verdict => {
      if (error instanceof Error && error.name === "TimeoutError")
        return failed("timeout", error.message.split("\n")[0] ?? "");
      return failed(
        "unexpected",
        error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error),
      );
    });
    let timer: NodeJS.Timeout | undefined;
    let gaveUp = false;
    const outOfTime = new Promise<Verdict>((resolve) => {
      timer = setTimeout(() => {
        gaveUp = true;
        resolve(
          failed("timeout", `Gave up after ${Math.round(timeoutMs / 1000)} s on ${args.directory.name}`),
        );
      }, timeoutMs);
    });
    const verdict = await Promise.race([work, outOfTime]);
    clearTimeout(timer);
    const listingUrl =
      verdict.status === "submitted" && !gaveUp
        ? await within(findListingUrl(page, args.directory.submissionUrl), 2_000, undefined)
        : undefined;
    // The work goes on in the background until the page closes: freeze the page first.
    if (gaveUp && brake) await phases.time("close", () => within(freeze(brake), 1_500, undefined));
    const { proof, ...said } = verdict;
    const mapping =
      verdict.status === "submitted" && !args.directory.recipe && !args.account
        ? recorder.mapping(args.directory.submissionUrl, proof?.startsWith("Sent to ") ? undefined : proof)
        : undefined;
    return {
      ...said,
      screenshot: await phases.time("screenshot", () =>
        screenshot(page, verdict.reason === "timeout" ? 3_000 : 10_000),
      ),
      finalUrl: page.url(),
      filledFields: [...filled],
      durationMs: Date.now() - started,
      ...(proof ? { proof } : {}),
      ...(mapping ? { learned: mapping } : {}),
      usedLearned: hints !== undefined,
      ...(made.account ? { account: made.account } : {}),
      ...(listingUrl ? { listingUrl } : {}),
    };
  } finally {
    void brake?.detach().catch(() => {});
    // Closing a page whose script spins can hang; the caller closes the context (or the browser).
    await phases.time("close", () =>
      within(
        page.close().then(() => true),
        5_000,
        false,
      ),
    );
  }
}
