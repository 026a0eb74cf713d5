import type { Logger } from "pino";
import type { Browser } from "playwright-core";
import { type RetryOptions, type ServerApi, sleep, withCallSignal, withRetry } from "./api.ts";
import { launchBrowser } from "./browser.ts";
import { runFollowUpLoop } from "./follow-ups.ts";
import { type JobSummary, runJob, type SubmitDirectory } from "./job-runner.ts";
import { Slots } from "./slots.ts";
import { BrowserHost } from "./watchdog.ts";

export interface WorkerLoopOptions {
  api: ServerApi;
  browser: Browser;
  /** Starts a browser like the first, to replace one a page has hung (default: launchBrowser's defaults). */
  relaunchBrowser?: () => Promise<Browser>;
  submit: SubmitDirectory;
  log: Logger;
  workerId: string;
  concurrency: number;
  directoryTimeoutMs: number;
  /** Past its timeout, how long a directory may still take before its context is closed (default 15 s). */
  directoryGraceMs?: number;
  retry?: Pick<RetryOptions, "maxDelayMs" | "serverErrorAttempts">;
  /** Long-poll length: an idle worker waits this long per call, and wakes the moment a job appears. */
  waitMs?: number;
  /** Abort to stop: no new claims, in-flight directories finish, the job is handed back. */
  stop: AbortSignal;
  onJobDone?: (summary: JobSummary) => void;
  /**
   * Also follow the campaign inbox's confirmation links, one at a time beside the directory slots
   * (default off here; the worker's command turns it on unless AUTOBOLT_WORKER_FOLLOW_UPS=false).
   */
  followUps?: boolean;
}

/**
 * Claim, work, repeat, until stopped. The next job is claimed as soon as every directory of the
 * jobs in hand has a slot and a slot is free, so one slow directory at the end of a job does not
 * leave the other slots idle; a worker never holds a job it has no slot for.
 */
export async function runWorkerLoop(options: WorkerLoopOptions): Promise<void> {
  const { api, log, stop } = options;
  const slots = new Slots(options.concurrency);
  const browsers = new BrowserHost(
    options.browser,
    options.relaunchBrowser ?? (() => launchBrowser({ log })),
    log,
  );
  const running = new Set<Promise<void>>();
  const dispatching = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;
  log.info({ workerId: options.workerId, concurrency: options.concurrency }, "worker started");
  const followingUp = options.followUps
    ? runFollowUpLoop({
        api,
        browsers,
        log,
        workerId: options.workerId,
        timeoutMs: options.directoryTimeoutMs,
        submit: options.submit,
        ...(options.waitMs !== undefined ? { waitMs: options.waitMs } : {}),
        stop,
      }).catch((error: unknown) => log.error({ err: (error as Error).message }, "follow-ups stopped"))
    : undefined;
  while (!stop.aborted && !failure) {
    await Promise.all(dispatching);
    await slots.whenFree(stop);
    if (stop.aborted) break;
    let claimed: Awaited<ReturnType<ServerApi["jobs"]["next"]["mutate"]>>;
    try {
      claimed = await withRetry(
        "claim a job",
        () =>
          withCallSignal(stop, (signal) =>
            api.jobs.next.mutate(
              { workerId: options.workerId, waitMs: options.waitMs ?? 20_000 },
              { signal },
            ),
          ),
        { log, signal: stop, ...options.retry },
      );
    } catch (error) {
      if (stop.aborted) break;
      log.error({ err: (error as Error).message }, "could not claim a job");
      await sleep(5_000, stop);
      continue;
    }
    if (!claimed.job) continue;
    let dispatched = () => {};
    const handedOut = new Promise<void>((resolve) => {
      dispatched = resolve;
    });
    dispatching.add(handedOut);
    const job: Promise<void> = runJob(claimed, {
      ...options,
      browsers,
      slots,
      draining: stop,
      onDispatched: dispatched,
    })
      .then(
        (summary) => options.onJobDone?.(summary),
        (error: unknown) => {
          failure ??= { error };
        },
      )
      .finally(() => {
        dispatched();
        dispatching.delete(handedOut);
        running.delete(job);
      });
    running.add(job);
  }
  await Promise.all(running);
  await followingUp;
  await browsers.close();
  if (failure) throw failure.error;
  log.info({ workerId: options.workerId }, "worker stopped");
}
