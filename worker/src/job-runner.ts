import { type CustomerFields, learnedMapping, type ResultReport, toStorableText } from "@autobolt/contract";
import type { RouterOutputs } from "@autobolt/server";
import type { Logger } from "pino";
import { isLeaseLost, type RetryOptions, type ServerApi, withRetry } from "./api.ts";
import { HeldLease } from "./lease.ts";
import { PhaseTimes } from "./phases.ts";
import { ResultReporter } from "./reporter.ts";
import type { Slots } from "./slots.ts";
import type { SubmissionOutcome, SubmitDirectoryArgs } from "./submit/index.ts";
import { type BrowserHost, superviseDirectory } from "./watchdog.ts";

export type ClaimedJob = Exclude<RouterOutputs["autobolt"]["jobs"]["next"], { job: null }>;

export type SubmitDirectory = (
  args: SubmitDirectoryArgs & { timeoutMs: number },
) => Promise<SubmissionOutcome>;

export interface JobRunOptions {
  api: ServerApi;
  browsers: BrowserHost;
  submit: SubmitDirectory;
  log: Logger;
  workerId: string;
  directoryTimeoutMs: number;
  /** Past its timeout, how long a directory may still take (proof, closing) before it is cut off. */
  directoryGraceMs?: number;
  /** How the job's calls to the server are retried (tests make them quick). */
  retry?: Pick<RetryOptions, "maxDelayMs" | "serverErrorAttempts">;
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
  const held = HeldLease.of(claimed.job, log, options.retry);
  if (held instanceof Error) {
    // Nothing can be reported or handed back without the token: the lease will run out on its own.
    log.error({ jobId: claimed.job.id, err: held.message }, "claim unusable; left for the server to reclaim");
    options.onDispatched?.();
    return { jobId: claimed.job.id, outcome: "lease_lost", submitted: 0, failed: 0, seconds: 0 };
  }
  const { lease } = held;
  const reporter = new ResultReporter(api, held, log);
  const heartbeat = startHeartbeat(api, held, log);
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
      if (held.halted || options.draining.aborted || queue.length === 0) {
        options.slots.release();
        break;
      }
      const directory = queue.shift();
      if (!directory) {
        options.slots.release();
        break;
      }
      const task = (async () => {
        let holdsSlot = true;
        const release = () => {
          if (holdsSlot) options.slots.release();
          holdsSlot = false;
        };
        try {
          let result = directory.interrupted
            ? interruptedResult(directory.id, options.workerId)
            : await startThenSubmit(options, held, directory, customer, release);
          if (result === "again" && !held.halted && !options.draining.aborted) {
            // Its browser was replaced before it sent anything: safe to try once more, on a new slot.
            await options.slots.acquire();
            holdsSlot = true;
            result = await startThenSubmit(options, held, directory, customer, release);
          }
          if (result === "again") result = notSent(directory.id, options.workerId);
          // A lost lease still reports what was in flight: after a staff cancel the server keeps
          // results for directories this lease had started (their listings exist), and refuses
          // them otherwise. A server in trouble gets nothing more.
          if (!result || held.trouble) return;
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

  const lost = () => {
    log.warn(
      { jobId: lease.jobId },
      "lease lost: another worker or a staff member has this job now; stopped",
    );
    return summary("lease_lost");
  };
  if (held.lost.signal.aborted) return lost();
  if (!held.trouble && queue.length > 0) {
    await release(options, held, "worker shutting down");
    log.info({ jobId: lease.jobId, left: queue.length }, "job handed back to the queue");
    return summary("released");
  }
  const done = held.trouble
    ? undefined
    : await held.call("complete job", () => api.jobs.complete.mutate(lease), { renews: false });
  if (held.lost.signal.aborted) return lost();
  if (done) {
    const result = summary(done.status === "complete" ? "complete" : "requeued");
    log.info({ ...result, counts: done.counts, reports: reporter.sent }, "job finished");
    return result;
  }
  // The server kept failing (or refused) a call for this job: hand it back with the error rather
  // than hold it, so it is not stuck in progress until the lease runs out.
  const trouble = held.trouble;
  const why = `${trouble?.what ?? "a call"} failed: ${(trouble?.error as Error | undefined)?.message ?? "unknown"}`;
  log.error({ jobId: lease.jobId, err: why }, "the server kept failing; handing the job back");
  await release(options, held, why);
  return summary("released");
}

const browserLostMessage =
  "The worker's browser was replaced (another page had hung it) after this directory's form may have been sent, so the listing may already exist. Check the directory, then retry it if there is no listing.";

/** A directory whose browser went away twice before its form was sent: nothing to check, retry it. */
function notSent(directoryId: string, workerId: string): ResultReport & { status: "failed" } {
  return {
    directoryId,
    status: "failed",
    reason: "unexpected",
    errorMessage:
      "The worker's browser was replaced (another page had hung it) before this directory's form was sent: nothing was submitted. Retry it.",
    metadata: { workerId },
  };
}

/** Hand the job back to the queue, once, briefly: if even that fails, the lease runs out on its own. */
async function release(options: JobRunOptions, held: HeldLease, reason: string): Promise<void> {
  await withRetry(
    "release job",
    () => options.api.jobs.release.mutate({ ...held.lease, reason: reason.slice(0, 500) }),
    { log: options.log, keepTrying: () => held.alive(), ...options.retry },
  ).catch((error: Error) =>
    options.log.error({ jobId: held.lease.jobId, err: error.message }, "could not hand the job back"),
  );
}

/**
 * Tell the server this directory is being submitted, then submit it. Without the mark, a crash
 * mid-submission would make the next worker submit the listing a second time.
 */
async function startThenSubmit(
  options: JobRunOptions,
  held: HeldLease,
  directory: ClaimedJob["directories"][number],
  customer: CustomerFields,
  releaseSlot: () => void,
) {
  const phases = new PhaseTimes();
  const marked = await phases.time("start", () =>
    held.call(
      "mark directory started",
      () => options.api.jobs.start.mutate({ ...held.lease, directoryIds: [directory.id] }),
      { renews: true },
    ),
  );
  if (!marked) return undefined;
  return submitOne(options, directory, customer, held.lease.jobId, phases, releaseSlot);
}

function interruptedResult(
  directoryId: string,
  workerId: string,
  errorMessage = "A previous worker stopped while submitting this directory, so the listing may already exist. Check the directory, then retry it if there is no listing.",
): ResultReport & { status: "failed" } {
  return { directoryId, status: "failed", reason: "interrupted", errorMessage, metadata: { workerId } };
}

async function submitOne(
  options: JobRunOptions,
  directory: ClaimedJob["directories"][number],
  customer: CustomerFields,
  jobId: string,
  phases: PhaseTimes,
  releaseSlot: () => void,
): Promise<(ResultReport & { status: "submitted" | "failed" }) | "again"> {
  const { log } = options;
  const started = performance.now();
  let outcome: SubmissionOutcome;
  try {
    // The deadline is kept from outside the page (watchdog.ts): a page that hangs its browser
    // costs this directory, not the job.
    const supervised = await superviseDirectory({
      browsers: options.browsers,
      directory,
      timeoutMs: options.directoryTimeoutMs,
      graceMs: options.directoryGraceMs ?? 15_000,
      phases,
      log,
      submit: (context) =>
        options.submit({
          context,
          directory,
          // The address this directory's forms get: the customer's campaign address when the
          // agency's inbox is on (its mail is confirmed without a person), else their own.
          customer: { ...customer, email: directory.formEmail || customer.email },
          ...(directory.signUp ? { account: { mode: "register" as const, email: directory.formEmail } } : {}),
          timeoutMs: options.directoryTimeoutMs,
          phases,
        }),
    });
    if (supervised.kind === "browser_lost") {
      releaseSlot();
      log.warn({ jobId, directory: directory.id, err: supervised.error }, "directory lost with its browser");
      return phases.reached("submit") || phases.reached("recipe") ? browserLost(options, directory) : "again";
    }
    outcome = supervised.outcome;
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
    releaseSlot();
  }
  let screenshotUrl: string | undefined;
  if (outcome.screenshot.length > 0) {
    screenshotUrl = await phases
      .time("upload", () =>
        withRetry("upload screenshot", () => options.api.uploadScreenshot(outcome.screenshot), {
          log,
          ...options.retry,
        }),
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
    // Page text may hold a NUL or half an emoji; the server refuses those, and with them the batch.
    ...(outcome.errorMessage ? { errorMessage: toStorableText(outcome.errorMessage, 4000) } : {}),
    ...(screenshotUrl ? { screenshotUrl } : {}),
    ...(outcome.status === "submitted" ? { submittedAt: new Date().toISOString() } : {}),
    // The directory keeps how its form was got through, and the next claim hands it back. Checked
    // here, since a mapping the server refuses would take the whole batch of results down with it.
    ...(outcome.status === "submitted" && learnedMapping.safeParse(outcome.learned).success
      ? { learned: outcome.learned }
      : {}),
    // Sent once, with the result; the server keeps the password only encrypted.
    ...(outcome.account ? { account: outcome.account } : {}),
    ...(outcome.listingUrl && outcome.listingUrl.length <= 2048 ? { listingUrl: outcome.listingUrl } : {}),
    metadata: {
      workerId: options.workerId,
      durationMs: outcome.durationMs,
      finalUrl: outcome.finalUrl.slice(0, 2000),
      filledFields: outcome.filledFields,
      usedLearned: outcome.usedLearned ?? false,
    },
  };
}

/** A directory whose browser went away after its form may have been sent: a person checks it. */
function browserLost(
  options: JobRunOptions,
  directory: ClaimedJob["directories"][number],
): ResultReport & { status: "failed" } {
  return interruptedResult(directory.id, options.workerId, browserLostMessage);
}

/** Renew the lease at a third of its length, so two missed beats still leave time. */
function startHeartbeat(api: ServerApi, held: HeldLease, log: Logger) {
  const every = Math.max(500, Math.floor(held.lengthMs / 3));
  const timer = setInterval(() => {
    const sentAt = Date.now();
    api.jobs.heartbeat.mutate(held.lease).then(
      () => held.renewedAt(sentAt),
      (error: unknown) => {
        if (isLeaseLost(error)) {
          clearInterval(timer);
          held.lost.abort();
        } else
          log.warn(
            { jobId: held.lease.jobId, err: (error as Error).message },
            "heartbeat failed; will try again",
          );
      },
    );
  }, every);
  return { stop: () => clearInterval(timer) };
}

export function toCustomerFields(c: ClaimedJob["customer"]): CustomerFields {
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
