import { type CustomerFields, learnedMapping, type ResultReport } from "@autobolt/contract";
import type { RouterOutputs } from "@autobolt/server";
import type { Logger } from "pino";
import type { Browser, BrowserContext } from "playwright-core";
import { isLeaseLost, type ServerApi, withRetry } from "./api.ts";
import { PhaseTimes } from "./phases.ts";
import { type Lease, ResultReporter } from "./reporter.ts";
import type { Slots } from "./slots.ts";
import type { SubmissionOutcome, SubmitDirectoryArgs } from "./submit/index.ts";

export type ClaimedJob = Exclude<RouterOutputs["autobolt"]["jobs"]["next"], { job: null }>;

export type SubmitDirectory = (
  args: SubmitDirectoryArgs & { timeoutMs: number },
) => Promise<SubmissionOutcome>;

export interface JobRunOptions {
  api: ServerApi;
  browser: Browser;
  submit: SubmitDirectory;
  log: Logger;
  workerId: string;
  directoryTimeoutMs: number;
  /** Browser contexts in flight, shared with the other jobs this worker holds. */
  slots: Slots;
  /** Called once every directory of the job has a slot (or none will get one). */
  onDispatched?: () => void;
  /** Aborted on the first shutdown signal: finish what is in flight, take nothing new. */
  draining: AbortSignal;
}

export interface JobSummary {
  jobId: string;
  outcome: "complete" | "requeued" | "released" | "lease_lost";
  submitted: number;
  failed: number;
  seconds: number;
}

/**
 * Work one claimed job: its pending directories as slots come free, each in a fresh browser
 * context; results reported in batches; the lease kept by heartbeats. Ends by completing the job,
 * or by handing it back when draining, or by dropping it when the lease is lost.
 */
export async function runJob(claimed: ClaimedJob, options: JobRunOptions): Promise<JobSummary> {
  const { api, log } = options;
  const started = performance.now();
  const lease = { jobId: claimed.job.id, leaseToken: claimed.job.leaseToken as string };
  const leaseLost = new AbortController();
  const reporter = new ResultReporter(api, lease, log, () => leaseLost.abort());
  const heartbeat = startHeartbeat(api, lease, claimed.job.leaseExpiresAt, log, () => leaseLost.abort());
  const queue = [...claimed.directories];
  const tally = { submitted: 0, failed: 0 };
  const customer = toCustomerFields(claimed.customer);
  log.info(
    {
      jobId: lease.jobId,
      business: claimed.customer.businessName,
      directories: queue.length,
      attempt: claimed.job.attempts + 1,
    },
    "job claimed",
  );

  // Each directory takes a slot for its browser work only; its proof is uploaded on a freed slot.
  const inFlight = new Set<Promise<void>>();
  try {
    for (;;) {
      await options.slots.acquire();
      if (leaseLost.signal.aborted || options.draining.aborted || queue.length === 0) {
        options.slots.release();
        break;
      }
      const directory = queue.shift() as ClaimedJob["directories"][number];
      const task = (async () => {
        let held = true;
        const release = () => {
          if (held) options.slots.release();
          held = false;
        };
        try {
          const result = directory.interrupted
            ? interruptedResult(directory.id, options.workerId)
            : await startThenSubmit(options, lease, directory, customer, release);
          if (!result) leaseLost.abort();
          if (!result || leaseLost.signal.aborted) return;
          tally[result.status] += 1;
          reporter.add(result);
        } finally {
          release();
        }
      })();
      inFlight.add(task);
      void task.then(
        () => inFlight.delete(task),
        () => inFlight.delete(task),
      );
    }
    options.onDispatched?.();
    await Promise.all(inFlight);
    await reporter.flush();
  } finally {
    heartbeat.stop();
  }
  const seconds = Math.round((performance.now() - started) / 100) / 10;
  const summary = (outcome: JobSummary["outcome"]): JobSummary => ({
    jobId: lease.jobId,
    outcome,
    ...tally,
    seconds,
  });

  if (leaseLost.signal.aborted) {
    log.warn(
      { jobId: lease.jobId },
      "lease lost: another worker or a staff member has this job now; stopped",
    );
    return summary("lease_lost");
  }
  try {
    if (queue.length > 0) {
      await withRetry(
        "release job",
        () => api.jobs.release.mutate({ ...lease, reason: "worker shutting down" }),
        { log },
      );
      log.info({ jobId: lease.jobId, left: queue.length }, "job handed back to the queue");
      return summary("released");
    }
    const done = await withRetry("complete job", () => api.jobs.complete.mutate(lease), { log });
    const result = summary(done.status === "complete" ? "complete" : "requeued");
    log.info({ ...result, counts: done.counts, reports: reporter.sent }, "job finished");
    return result;
  } catch (error) {
    if (isLeaseLost(error)) return summary("lease_lost");
    throw error;
  }
}

/**
 * Tell the server this directory is being submitted, then submit it. Without the mark, a crash
 * mid-submission would make the next worker submit the listing a second time.
 */
async function startThenSubmit(
  options: JobRunOptions,
  lease: Lease,
  directory: ClaimedJob["directories"][number],
  customer: CustomerFields,
  releaseSlot: () => void,
) {
  const phases = new PhaseTimes();
  try {
    await phases.time("start", () =>
      withRetry(
        "mark directory started",
        () => options.api.jobs.start.mutate({ ...lease, directoryIds: [directory.id] }),
        { log: options.log },
      ),
    );
  } catch (error) {
    if (isLeaseLost(error)) return undefined;
    throw error;
  }
  return submitOne(options, directory, customer, lease.jobId, phases, releaseSlot);
}

function interruptedResult(directoryId: string, workerId: string): ResultReport & { status: "failed" } {
  return {
    directoryId,
    status: "failed",
    reason: "interrupted",
    errorMessage:
      "A previous worker stopped while submitting this directory, so the listing may already exist. Check the directory, then retry it if there is no listing.",
    metadata: { workerId },
  };
}

async function submitOne(
  options: JobRunOptions,
  directory: ClaimedJob["directories"][number],
  customer: CustomerFields,
  jobId: string,
  phases: PhaseTimes,
  releaseSlot: () => void,
): Promise<ResultReport & { status: "submitted" | "failed" }> {
  const { log } = options;
  const started = performance.now();
  let context: BrowserContext | undefined;
  let outcome: SubmissionOutcome;
  try {
    context = await phases.time("context", () =>
      options.browser.newContext({ viewport: { width: 1280, height: 900 } }),
    );
    outcome = await options.submit({
      context,
      directory,
      customer,
      timeoutMs: options.directoryTimeoutMs,
      phases,
    });
  } catch (error) {
    // The submitter reports site trouble itself; reaching here means the browser itself failed.
    outcome = {
      status: "failed",
      reason: "unexpected",
      errorMessage: `The browser failed: ${(error as Error).message}`.slice(0, 2000),
      screenshot: Buffer.alloc(0),
      finalUrl: directory.submissionUrl,
      filledFields: [],
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    const open = context;
    if (open) await phases.time("close", () => open.close().catch(() => {}));
    releaseSlot();
  }
  let screenshotUrl: string | undefined;
  if (outcome.screenshot.length > 0) {
    screenshotUrl = await phases
      .time("upload", () =>
        withRetry("upload screenshot", () => options.api.uploadScreenshot(outcome.screenshot), { log }),
      )
      .catch((error: Error) => {
        log.error({ jobId, directory: directory.id, err: error.message }, "screenshot upload refused");
        return undefined;
      });
  }
  log.info(
    {
      jobId,
      directory: directory.id,
      status: outcome.status,
      reason: outcome.reason,
      ms: outcome.durationMs,
      fields: outcome.filledFields.length,
      phases,
    },
    outcome.status === "submitted" ? "directory submitted" : `directory failed: ${outcome.reason}`,
  );
  return {
    directoryId: directory.id,
    status: outcome.status,
    ...(outcome.reason ? { reason: outcome.reason } : {}),
    ...(outcome.errorMessage ? { errorMessage: outcome.errorMessage.slice(0, 4000) } : {}),
    ...(screenshotUrl ? { screenshotUrl } : {}),
    ...(outcome.status === "submitted" ? { submittedAt: new Date().toISOString() } : {}),
    // The directory keeps how its form was got through, and the next claim hands it back. Checked
    // here, since a mapping the server refuses would take the whole batch of results down with it.
    ...(outcome.status === "submitted" && learnedMapping.safeParse(outcome.learned).success
      ? { learned: outcome.learned }
      : {}),
    metadata: {
      workerId: options.workerId,
      durationMs: outcome.durationMs,
      finalUrl: outcome.finalUrl.slice(0, 2000),
      filledFields: outcome.filledFields,
      usedLearned: outcome.usedLearned ?? false,
    },
  };
}

/** Renew the lease at a third of its length, so two missed beats still leave time. */
function startHeartbeat(
  api: ServerApi,
  lease: { jobId: string; leaseToken: string },
  expiresAt: Date | string | null,
  log: Logger,
  onLeaseLost: () => void,
) {
  const leaseMs = expiresAt ? new Date(expiresAt).getTime() - Date.now() : 60_000;
  const every = Math.max(500, Math.floor(leaseMs / 3));
  const timer = setInterval(() => {
    api.jobs.heartbeat.mutate(lease).catch((error: unknown) => {
      if (isLeaseLost(error)) {
        clearInterval(timer);
        onLeaseLost();
      } else
        log.warn({ jobId: lease.jobId, err: (error as Error).message }, "heartbeat failed; will try again");
    });
  }, every);
  return { stop: () => clearInterval(timer) };
}

function toCustomerFields(c: ClaimedJob["customer"]): CustomerFields {
  return {
    businessName: c.businessName,
    email: c.email,
    phone: c.phone,
    website: c.website ?? undefined,
    address: c.address,
    city: c.city,
    state: c.state,
    zip: c.zip,
    description: c.description ?? undefined,
    category: c.category ?? undefined,
  };
}
