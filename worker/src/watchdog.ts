import type { Logger } from "pino";
import type { Browser, BrowserContext } from "playwright-core";
import type { PhaseTimes } from "./phases.ts";
import { type SubmissionOutcome, within } from "./submit/index.ts";

/** How long a browser context (or a browser) is given to close before harder means are used. */
const closeWithinMs = 5_000;

/**
 * The worker's Chromium, replaceable. A page can hang more than itself: a script that never
 * yields blocks every call into its renderer, and a browser whose own process stops answering
 * blocks every context in it. Such a browser is closed (killed, if closing hangs too) and a new one
 * launched for the directories that follow; the directories it still held are told so.
 */
export class BrowserHost {
  private current: Promise<Browser> | undefined;
  private readonly pids = new WeakMap<Browser, number>();
  private readonly dropped = new WeakSet<Browser>();
  private readonly replacing = new Map<Browser, Promise<void>>();
  private readonly launched: Browser[] = [];

  constructor(
    first: Browser,
    private readonly launch: () => Promise<Browser>,
    private readonly log: Logger,
  ) {
    this.current = Promise.resolve(first);
    void this.notePid(first);
  }

  /**
   * A new context in the browser of the moment: while one is being replaced, in its successor; when
   * it went away just now, in the next one.
   */
  async newContext(): Promise<{ browser: Browser; context: BrowserContext }> {
    for (let attempt = 1; ; attempt++) {
      const browser = await this.browserNow();
      try {
        return { browser, context: await browser.newContext({ viewport: { width: 1280, height: 900 } }) };
      } catch (error) {
        if (attempt > 1 || !this.lost(browser)) throw error;
      }
    }
  }

  /** The browser to use now; a failed start is tried again by the next caller. */
  private async browserNow(): Promise<Browser> {
    this.current ??= this.start();
    const current = this.current;
    try {
      return await current;
    } catch {
      if (this.current === current) this.current = this.start();
      return this.current;
    }
  }

  /** This browser is gone (replaced by the worker, or crashed): what it was doing did not finish. */
  lost(browser: Browser): boolean {
    return this.dropped.has(browser) || !browser.isConnected();
  }

  /** Close `browser` (kill it if closing hangs) and start another; once per browser, however many ask. */
  replace(browser: Browser, why: string): Promise<void> {
    const already = this.replacing.get(browser);
    if (already) return already;
    this.dropped.add(browser);
    this.log.warn({ why, pid: this.pids.get(browser) }, "replacing the browser");
    const gone = (async () => {
      if (!(await settlesWithin(browser.close(), closeWithinMs))) this.kill(browser);
    })();
    // Directories that start meanwhile wait for the successor, never get the browser going away.
    const next = gone.then(() => this.start());
    this.current = next;
    const done = next.then(
      () => {},
      () => {},
    );
    this.replacing.set(browser, done);
    return done;
  }

  /** Close the browsers this host started (the first one belongs to whoever gave it). */
  async close(): Promise<void> {
    await Promise.all([...this.replacing.values()]);
    await Promise.all(this.launched.map((b) => settlesWithin(b.close(), closeWithinMs)));
  }

  private start(): Promise<Browser> {
    return this.launch().then(
      (browser) => {
        this.launched.push(browser);
        void this.notePid(browser);
        return browser;
      },
      (error: unknown) => {
        this.log.error({ err: (error as Error).message }, "could not start a new browser");
        throw error;
      },
    );
  }

  private async notePid(browser: Browser): Promise<void> {
    const pid = await browserPid(browser);
    if (pid !== undefined) this.pids.set(browser, pid);
  }

  /** Playwright starts Chromium as the leader of its own process group: kill the whole group. */
  private kill(browser: Browser): void {
    const pid = this.pids.get(browser);
    if (pid === undefined) {
      this.log.error("the browser would not close and its process id is unknown: it may linger");
      return;
    }
    this.log.warn({ pid }, "the browser would not close: killing it");
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    }
  }
}

/**
 * Chromium's own process id, asked of Chromium: Playwright does not show it for a launched
 * browser. Undefined when the browser cannot say; it can still be closed, only not killed.
 */
export async function browserPid(browser: Browser): Promise<number | undefined> {
  try {
    const cdp = await browser.newBrowserCDPSession();
    const info = await cdp.send("SystemInfo.getProcessInfo");
    await cdp.detach();
    return info.processInfo.find((p) => p.type === "browser")?.id;
  } catch {
    return undefined;
  }
}

export type Supervised =
  | { kind: "done"; outcome: SubmissionOutcome }
  /** Its browser went away under it (replaced for another page, or crashed). */
  | { kind: "browser_lost"; error: string };

/**
 * Run one directory's submission under a deadline enforced from outside the page: at
 * `timeoutMs + graceMs` (the submitter's own timeout, then time for its proof and to close) its
 * context is closed, which ends whatever the page was blocking; a context that will not close
 * takes its browser with it. The directory is then a `timeout`, and the job goes on.
 */
export async function superviseDirectory(args: {
  browsers: BrowserHost;
  directory: { id: string; name: string; submissionUrl: string };
  timeoutMs: number;
  graceMs: number;
  phases: PhaseTimes;
  log: Logger;
  submit: (context: BrowserContext) => Promise<SubmissionOutcome>;
}): Promise<Supervised> {
  const { browsers, directory, phases, log } = args;
  const started = performance.now();
  const { browser, context } = await phases.time("context", () => args.browsers.newContext());
  let timer: NodeJS.Timeout | undefined;
  const overdue = new Promise<"overdue">((resolve) => {
    timer = setTimeout(() => resolve("overdue"), args.timeoutMs + args.graceMs);
  });
  const work = args.submit(context).then(
    (outcome) => ({ outcome }),
    (error: unknown) => ({ error }),
  );
  const first = await Promise.race([work, overdue]);
  clearTimeout(timer);
  const closed = await phases.time("close", () => settlesWithin(context.close(), closeWithinMs));
  // The first directory whose context will not close takes the browser down; the others that
  // were in it when it hung are its victims, not timeouts of their own.
  let culprit = false;
  if (!closed) {
    culprit = !browsers.lost(browser);
    await browsers.replace(browser, `the context of ${directory.id} would not close`);
  }
  const victim = browsers.lost(browser) && !culprit;

  if (first === "overdue") {
    if (victim) return { kind: "browser_lost", error: "the browser was replaced while this page waited" };
    const seconds = Math.round((performance.now() - started) / 1000);
    log.warn({ directory: directory.id, seconds }, "directory overdue: its browser context was closed");
    const submitted = phases.reached("submit") || phases.reached("recipe");
    return {
      kind: "done",
      outcome: {
        status: "failed",
        reason: "timeout",
        errorMessage:
          `${directory.name} stopped answering and was stopped after ${seconds} s (its page may run a script that never ends).` +
          (submitted
            ? " Its form may have been sent: check the directory for a listing before retrying."
            : ""),
        screenshot: Buffer.alloc(0),
        finalUrl: directory.submissionUrl,
        filledFields: [],
        durationMs: Math.round(performance.now() - started),
      },
    };
  }
  if (victim && ("error" in first || first.outcome.status === "failed")) {
    return {
      kind: "browser_lost",
      error: "error" in first ? String((first.error as Error).message) : (first.outcome.errorMessage ?? ""),
    };
  }
  if ("error" in first) throw first.error;
  return { kind: "done", outcome: first.outcome };
}

/** Whether `promise` settled (either way) within `ms`: a close that fails has still finished. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return within(
    promise.then(
      () => true,
      () => true,
    ),
    ms,
    false,
  );
}
