import type { FailureReason } from "@autobolt/contract";
import type { Frame, Page, Request } from "playwright-core";
import { anyTrue, type ChangeMark, changeCounts, waitForChange, waitForQuiet } from "./activity.ts";
import { inPageOr } from "./in-page.ts";
import {
  busyText,
  codeSentTo,
  duplicateOutcome,
  emailVerificationOutcome,
  foldText,
  loginOutcome,
  phoneVerificationOutcome,
  rateLimitOutcome,
  siteProblemOutcome,
  successOutcome,
  validationOutcome,
} from "./lexicon.ts";

export interface Verdict {
  status: "submitted" | "failed";
  reason?: FailureReason;
  errorMessage?: string;
  /** For a success: what the page said that proved it. */
  proof?: string;
}

export const failed = (reason: FailureReason, errorMessage: string): Verdict => ({
  status: "failed",
  reason,
  errorMessage: errorMessage.slice(0, 1000),
});

export interface OutcomeEvidence {
  /** The answer to the submit: the form's (or top) document, else a script's POST. */
  response?: { status: number; url: string };
  textBefore: string;
  textAfter: string;
  /** Text that appeared after the click, even if gone again (a toast), and live regions now. */
  transient: string[];
  /** Visible error messages near fields, and browser alerts. */
  errors: string[];
  /** Labels of controls the page marks invalid. */
  invalidFields: string[];
  urlBefore: string;
  urlAfter: string;
  /** A human test shown since the click. */
  captcha?: string | null;
}

/** Only what the submit added counts: a "Thank you for visiting" banner on the form page proves nothing. */
export function newText(before: string, after: string): string {
  const seen = new Set(before.split("\n").map((l) => l.trim()));
  return after
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !seen.has(l))
    .join("\n");
}

function excerpt(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

/** Where a site sends people after a listing went in: /thank-you, ?success=1, /listing/1008. */
const successUrl =
  /[/?&#=_-](thank|thanks|thankyou|success|submitted|received|complete|pending|gracias|merci|danke|obrigado|grazie|exito|erfolg|sucesso|successo|listing\/\d+)/i;

/**
 * The verdict from what the page proves after the submit, never from having clicked: the answer's
 * status, then what the page says (added text, toasts, live regions, alerts) in any of the six
 * languages, then where it went. Verification, duplicates and refusals win over a "thank you" in
 * the same breath; nothing conclusive is not a success.
 */
export function classifyOutcome(evidence: OutcomeEvidence): Verdict {
  const added = newText(evidence.textBefore, evidence.textAfter);
  const before = new Set(evidence.textBefore.split("\n").map((l) => l.trim()));
  const transient = evidence.transient.filter((t) => !before.has(t.trim()));
  const said = foldText([added, ...transient].join("\n"));
  const pageErrors = evidence.errors.filter(
    (e) =>
      !evidence.textBefore.includes(e) &&
      (!successOutcome.test(foldText(e)) || validationOutcome.test(foldText(e))),
  );
  // A form a script clears once it has taken the listing leaves its required boxes empty: its
  // confirmation, with no error of the page's own, is what counts then.
  const clearedAfterSuccess =
    pageErrors.length === 0 && successOutcome.test(said) && !validationOutcome.test(said);
  const problems = [
    ...(clearedAfterSuccess ? [] : evidence.invalidFields.map((f) => `${f}: invalid or missing`)),
    ...pageErrors,
  ];
  const status = evidence.response?.status;
  const quote = (max = 300) => excerpt(said || evidence.textAfter, max);
  if (status === 429) return failed("rate_limited", `HTTP 429 from ${evidence.response?.url}: ${quote(200)}`);
  if (status !== undefined && status >= 400) {
    if (duplicateOutcome.test(said)) return failed("duplicate_listing", quote());
    if ((status === 400 || status === 422) && (problems.length > 0 || validationOutcome.test(said))) {
      return failed("validation_error", `HTTP ${status}; ${excerpt(problems.join("; ") || said, 600)}`);
    }
    if ((status === 401 || status === 403) && loginOutcome.test(said))
      return failed("login_required", quote());
    return failed(
      "http_error",
      `HTTP ${status} from ${evidence.response?.url}${said ? `: ${excerpt(said)}` : ""}`,
    );
  }
  if (duplicateOutcome.test(said)) return failed("duplicate_listing", quote());
  if (rateLimitOutcome.test(said)) return failed("rate_limited", quote());
  const sentTo = codeSentTo(said);
  if (sentTo === "phone" || phoneVerificationOutcome.test(said)) return failed("phone_verification", quote());
  if (sentTo === "email" || emailVerificationOutcome.test(said)) return failed("email_verification", quote());
  if (evidence.captcha) return failed("captcha_required", `After submitting: ${evidence.captcha}`);
  if (loginOutcome.test(said) && !successOutcome.test(said)) return failed("login_required", quote());
  // "Something went wrong, try again later" in an alert is the site's trouble, not the form's:
  // retryable, unlike a field a person must fix.
  const siteTrouble = pageErrors.find(
    (e) => siteProblemOutcome.test(foldText(e)) && !validationOutcome.test(foldText(e)),
  );
  if (siteTrouble && evidence.invalidFields.length === 0)
    return failed("unexpected", `The site reported a problem: ${excerpt(siteTrouble)}`);
  if (problems.length > 0) return failed("validation_error", excerpt(problems.join("; "), 600));
  if (validationOutcome.test(said) && !successOutcome.test(said))
    return failed("validation_error", excerpt(said, 600));
  if (siteProblemOutcome.test(said))
    return failed("unexpected", `The site reported a problem: ${excerpt(said)}`);
  if (successOutcome.test(said)) return { status: "submitted", proof: excerpt(successLine(said), 300) };
  if (
    evidence.urlAfter !== evidence.urlBefore &&
    successUrl.test(new URL(evidence.urlAfter).pathname + new URL(evidence.urlAfter).search)
  )
    return { status: "submitted", proof: `Sent to ${evidence.urlAfter}` };
  return failed("unexpected", `No confirmation after submitting. Page says: ${quote(200)}`);
}

/** The line that said it went through, to show staff and to expect next time. */
function successLine(said: string): string {
  return said.split("\n").find((l) => successOutcome.test(l)) ?? said;
}

interface Seen {
  url: string;
  status: number;
  method: string;
  document: boolean;
  frame: Frame | null;
}

/** Requests that can carry a submission; analytics GETs and polling must not keep us waiting. */
function counts(request: Request): boolean {
  const type = request.resourceType();
  if (type === "document") return true;
  return (type === "xhr" || type === "fetch") && request.method() !== "GET";
}

function frameOf(request: Request): Frame | null {
  try {
    return request.frame();
  } catch {
    return null;
  }
}

/**
 * Watches what a click sets off, so the answer's HTTP status is known and we wait exactly as long
 * as the page is busy: until its posts are answered, the documents they load are in, and its DOM
 * has stopped changing. No fixed sleep: a static answer page is done the moment it loads.
 */
export class ResponseTracker {
  private inflight = new Set<Request>();
  /** Frames a document is on its way to, from its request until it commits. */
  private navigating = new Set<Frame>();
  private seen: Seen[] = [];
  private armed = false;
  /** Network events since arm(); any of them wakes a waiting settle. */
  private activity = 0;
  private lastAnswerAt = 0;
  private wakers = new Set<() => void>();
  private before = new Map<Frame, ChangeMark>();
  private closed = false;
  /** A page that looked busy before the click (a spinner that never stops) proves nothing by it. */
  private busyBefore = false;
  readonly dialogs: string[] = [];
  /** Whether the last click set anything off (a request, a change of the page). */
  reacted = false;

  constructor(private readonly page: Page) {
    page.on("request", (request) => {
      if (!this.armed || !counts(request)) return;
      this.inflight.add(request);
      const frame = request.resourceType() === "document" ? frameOf(request) : null;
      if (frame) this.navigating.add(frame);
      this.bump();
    });
    const done = (request: Request) => {
      if (this.inflight.delete(request)) this.bump();
    };
    page.on("requestfinished", (request) => {
      // The body is in: only now can the page's script read the answer and show it.
      if (this.armed && counts(request)) {
        this.lastAnswerAt = Date.now();
        this.bump();
      }
      done(request);
    });
    page.on("requestfailed", (request) => {
      const frame = request.resourceType() === "document" ? frameOf(request) : null;
      if (frame) this.navigating.delete(frame);
      done(request);
    });
    page.on("response", (response) => {
      const request = response.request();
      if (!this.armed || !counts(request)) return;
      this.lastAnswerAt = Date.now();
      this.seen.push({
        url: response.url(),
        status: response.status(),
        method: request.method(),
        document: request.resourceType() === "document",
        frame: frameOf(request),
      });
      // Headers are the answer; a body the page never reads may never "finish" for Playwright.
      done(request);
    });
    page.on("framenavigated", (frame) => {
      if (this.navigating.delete(frame)) this.bump();
    });
    page.on("framedetached", (frame) => {
      if (this.navigating.delete(frame)) this.bump();
    });
    // A closed page answers nothing more: whoever waits on it must stop waiting.
    page.on("close", () => {
      this.closed = true;
      this.bump();
    });
    page.on("dialog", (dialog) => {
      this.dialogs.push(dialog.message());
      dialog.dismiss().catch(() => {});
    });
  }

  private bump(): void {
    this.activity += 1;
    for (const wake of this.wakers) wake();
  }

  /** Resolves true when `condition` holds (checked at every network event), false at `until`. */
  private when(test: () => boolean, until: number): Promise<boolean> {
    const condition = () => this.closed || test();
    if (condition()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (result: boolean) => {
        clearTimeout(timer);
        this.wakers.delete(wake);
        resolve(result);
      };
      const wake = () => {
        if (condition()) finish(true);
      };
      const timer = setTimeout(() => finish(condition()), Math.max(0, until - Date.now()));
      this.wakers.add(wake);
    });
  }

  /** Call just before the click: from here on, requests count and DOM changes are noticed. */
  async arm(): Promise<void> {
    await Promise.all(this.page.frames().map((f) => inPageOr(f, null, "journal", true)));
    this.busyBefore = await pageBusy(this.page);
    this.before = await changeCounts(this.page);
    this.armed = true;
    this.reacted = false;
    this.seen = [];
    this.inflight.clear();
    this.navigating.clear();
    this.activity = 0;
  }

  /** Whether the click led anywhere: a document load or a script's post. */
  get posted(): boolean {
    return this.seen.length > 0 || this.inflight.size > 0;
  }

  /**
   * Wait until what the click started has finished. A click that sets off nothing (no request,
   * no DOM change) within `reactMs` set off nothing at all: the browser refused the post, or the
   * button is dead. Otherwise: every post answered, every document it loads committed and
   * loaded, then every frame `quietMs` without a change (a static document: at once).
   */
  async settle(deadline: number, options: { reactMs?: number; quietMs?: number } = {}): Promise<void> {
    const { reactMs = 700, quietMs = 150 } = options;
    const limit = Math.min(deadline, Date.now() + 30_000);
    const reactBy = Math.min(limit, Date.now() + reactMs);
    const reacted = await anyTrue([
      this.when(() => this.activity > 0, reactBy),
      waitForChange(this.before, reactBy - Date.now()),
    ]);
    this.reacted = reacted;
    if (!reacted) return;
    await this.quiet(limit, quietMs);
    // A script that shows "Sending…" and posts a moment later has not answered yet: what the page
    // says now is not the outcome (read too early, a listing that went in reads as a failure).
    const busyUntil = Math.min(limit - 1_000, Date.now() + 15_000);
    if (this.busyBefore || !(await pageBusy(this.page))) return;
    while (Date.now() < busyUntil && !this.closed && (await pageBusy(this.page))) {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    await this.quiet(limit, quietMs);
  }

  /** Every post answered, every document it loads in, then every frame `quietMs` without a change. */
  private async quiet(limit: number, quietMs: number): Promise<void> {
    for (;;) {
      await this.when(() => this.inflight.size === 0, limit);
      // An answered document commits at once; one that never does (a download, a 204) is let go.
      await this.when(() => this.navigating.size === 0, Math.min(limit, this.lastAnswerAt + 5_000));
      // A script that fetched the answer shows it once it has read it: give it the quiet time
      // from the answer on, not only from the page's last change (which may predate the post).
      const sinceAnswer = Date.now() - this.lastAnswerAt;
      if (sinceAnswer < quietMs) await new Promise((resolve) => setTimeout(resolve, quietMs - sinceAnswer));
      const maxMs = Math.min(2_000, limit - Date.now());
      if (maxMs <= 0 || this.closed) return;
      const mark = this.activity;
      const frames = await Promise.all(this.page.frames().map((f) => waitForQuiet(f, quietMs, maxMs)));
      if (this.activity === mark && !frames.includes("gone")) return;
    }
  }

  answer(formFrame: Frame | null): { status: number; url: string } | undefined {
    const main = this.page.mainFrame();
    const documents = this.seen.filter((s) => s.document && (s.frame === formFrame || s.frame === main));
    const pick = documents.at(-1) ?? this.seen.filter((s) => !s.document).at(-1);
    return pick ? { status: pick.status, url: pick.url } : undefined;
  }
}

interface FrameEvidence {
  text: string;
  errors: string[];
  invalid: string[];
  journal: string[];
  live: string[];
}

/** Whether any frame shows a button saying it is still sending, or marks itself aria-busy. */
async function pageBusy(page: Page): Promise<boolean> {
  const hints = await Promise.all(
    page.frames().map((f) => inPageOr<{ busy: boolean; texts: string[] } | null>(f, null, "busyHints")),
  );
  return hints.some((h) => h !== null && (h.busy || h.texts.some((t) => busyText.test(foldText(t)))));
}

/** The visible text of every frame, open shadow roots included. */
export async function pageText(page: Page): Promise<string> {
  const parts = await Promise.all(page.frames().map((f) => inPageOr<string>(f, "", "deepText")));
  return parts.join("\n");
}

export async function gatherEvidence(
  page: Page,
  tracker: ResponseTracker,
  formFrame: Frame | null,
  before: { text: string; url: string },
  /** The submitted form's key ("" for loose controls): only its own controls can block the post. */
  formKey: string | null = null,
  captcha: string | null = null,
): Promise<OutcomeEvidence> {
  const found = await Promise.all(
    page
      .frames()
      .map((frame) =>
        inPageOr<FrameEvidence | null>(frame, null, "evidence", frame === formFrame ? formKey : null),
      ),
  );
  const seen = found.filter((f): f is FrameEvidence => f !== null);
  const errors = seen.flatMap((f) => f.errors);
  errors.push(...tracker.dialogs.filter((d) => validationOutcome.test(foldText(d))));
  return {
    response: tracker.answer(formFrame),
    textBefore: before.text,
    textAfter: seen.map((f) => f.text).join("\n"),
    transient: [...seen.flatMap((f) => [...f.journal, ...f.live]), ...tracker.dialogs],
    errors,
    invalidFields: seen.flatMap((f) => f.invalid),
    urlBefore: before.url,
    urlAfter: page.url(),
    captcha,
  };
}
