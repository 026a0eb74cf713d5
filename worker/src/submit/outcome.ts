import type { FailureReason } from "@autobolt/contract";
import type { Frame, Page, Request } from "playwright-core";
import { anyTrue, changeCounts, waitForChange, waitForQuiet } from "./activity.ts";

export interface Verdict {
  status: "submitted" | "failed";
  reason?: FailureReason;
  errorMessage?: string;
}

export const failed = (reason: FailureReason, errorMessage: string): Verdict => ({
  status: "failed",
  reason,
  errorMessage: errorMessage.slice(0, 1000),
});

export const emailVerificationText =
  /check your (e-?mail|inbox)|verify your (e-?mail|listing|account|address)|confirm your (e-?mail|listing|account)|confirmation (link|e-?mail)|(activation|verification) (link|e-?mail|code)|we('ve| have)? (just )?sent (you )?an? (e-?mail|link)|click the link (in|we sent)/i;
export const phoneVerificationText =
  /verify your (phone|mobile)|(sms|text message) (code|verification)|code (we )?sent to your (phone|mobile)|call you (with|to) verify/i;
export const successText =
  /thank(s| you)\b|\breceived\b|\bsubmitted\b|\bsuccess(ful(ly)?)?\b|pending (review|approval|moderation)|awaiting (review|approval|moderation)|(has been|was|is) (created|added|published|saved|listed|live)|listing (is )?(live|created)|under review|we('ll| will) review/i;
/** A site owning up to a failure: never read its "submitted" in "could not be submitted" as success. */
export const siteProblemText =
  /could ?n[o']t be (submitted|saved|processed|created)|unable to (submit|save|process)|something went wrong|an error (has )?occurred|please try again/i;
export const validationText =
  /\bis required\b|required field|are required|\binvalid\b|must (be|contain|include|accept)|please (enter|provide|fill|select|choose|correct|complete)|can(no|')t be (blank|empty)|is not (a )?valid|does(n't| not) look right/i;

export interface OutcomeEvidence {
  /** The answer to the submit: the form's (or top) document, else a script's POST. */
  response?: { status: number; url: string };
  textBefore: string;
  textAfter: string;
  /** Visible error messages near fields, and browser alerts. */
  errors: string[];
  /** Labels of controls the page marks invalid. */
  invalidFields: string[];
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

export function classifyOutcome(evidence: OutcomeEvidence): Verdict {
  const added = newText(evidence.textBefore, evidence.textAfter);
  const problems = [
    ...evidence.invalidFields.map((f) => `${f}: invalid or missing`),
    ...evidence.errors.filter(
      (e) => !evidence.textBefore.includes(e) && (!successText.test(e) || validationText.test(e)),
    ),
  ];
  const status = evidence.response?.status;
  if (status !== undefined && status >= 400) {
    if ((status === 400 || status === 422) && (problems.length > 0 || validationText.test(added))) {
      return failed("validation_error", `HTTP ${status}; ${excerpt(problems.join("; ") || added, 600)}`);
    }
    return failed(
      "http_error",
      `HTTP ${status} from ${evidence.response?.url}${added ? `: ${excerpt(added)}` : ""}`,
    );
  }
  if (emailVerificationText.test(added)) return failed("email_verification", excerpt(added, 300));
  if (phoneVerificationText.test(added)) return failed("phone_verification", excerpt(added, 300));
  if (problems.length > 0) return failed("validation_error", excerpt(problems.join("; "), 600));
  if (validationText.test(added) && !successText.test(added))
    return failed("validation_error", excerpt(added, 600));
  if (siteProblemText.test(added))
    return failed("unexpected", `The site reported a problem: ${excerpt(added)}`);
  if (successText.test(added)) return { status: "submitted" };
  return failed(
    "unexpected",
    `No confirmation after submitting. Page says: ${excerpt(added || evidence.textAfter)}`,
  );
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
  private before = new Map<Frame, number>();
  private closed = false;
  readonly dialogs: string[] = [];

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
    page.on("requestfinished", done);
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
    this.before = await changeCounts(this.page);
    this.armed = true;
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
    if (!reacted) return;
    for (;;) {
      await this.when(() => this.inflight.size === 0, limit);
      // An answered document commits at once; one that never does (a download, a 204) is let go.
      await this.when(() => this.navigating.size === 0, Math.min(limit, this.lastAnswerAt + 5_000));
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

/**
 * Text and error marks across every frame. Controls are reported invalid only if they still carry
 * the key the filler gave them: the browser refused the post and the same form is still there.
 */
const evidenceSource = (formKey: string | null) => `((formKey) => {
  const clean = (s) => (s || "").replace(/\\s+/g, " ").trim();
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== "hidden"; };
  const errorSelector = "[role=alert], .error, .errors, .invalid-feedback, .field-error, .form-error, .error-message, .errorlist, .validation-error, .alert-danger, .alert-error, .text-danger, .is-invalid + *, [class*=error i]:not(html):not(body):not(form)";
  const texts = Array.from(document.querySelectorAll(errorSelector)).filter(visible).map((e) => clean(e.innerText)).filter((t) => t && t.length < 300);
  texts.sort((a, b) => a.length - b.length);
  const errors = [];
  for (const t of texts) if (!errors.some((e) => t.includes(e))) errors.push(t);
  const labelOf = (el) => clean((el.labels && el.labels[0] && el.labels[0].innerText) || el.getAttribute("aria-label") || el.getAttribute("placeholder") || el.name || el.id);
  const invalid = Array.from(document.querySelectorAll("input,select,textarea")).filter((el) =>
    visible(el) && (el.getAttribute("aria-invalid") === "true" || (formKey !== null && el.hasAttribute("data-autobolt-key") && el.matches(":invalid")
      && (formKey === "" ? !el.form : el.form && el.form.getAttribute("data-autobolt-key") === formKey)))
  ).map(labelOf);
  return { text: (document.body && document.body.innerText) || "", errors, invalid };
})(${JSON.stringify(formKey)})`;

export async function pageText(page: Page): Promise<string> {
  const parts = await Promise.all(
    page.frames().map((f) => f.evaluate("(document.body && document.body.innerText) || ''").catch(() => "")),
  );
  return parts.map(String).join("\n");
}

export async function gatherEvidence(
  page: Page,
  tracker: ResponseTracker,
  formFrame: Frame | null,
  textBefore: string,
  /** The submitted form's key ("" for loose controls): only its own controls can block the post. */
  formKey: string | null = null,
): Promise<OutcomeEvidence> {
  const text: string[] = [];
  const errors: string[] = [];
  const invalidFields: string[] = [];
  for (const frame of page.frames()) {
    const found = (await frame.evaluate(evidenceSource(formKey)).catch(() => null)) as {
      text: string;
      errors: string[];
      invalid: string[];
    } | null;
    if (!found) continue;
    text.push(found.text);
    errors.push(...found.errors);
    invalidFields.push(...found.invalid);
  }
  errors.push(...tracker.dialogs.filter((d) => validationText.test(d)));
  return {
    response: tracker.answer(formFrame),
    textBefore,
    textAfter: text.join("\n"),
    errors,
    invalidFields,
  };
}
