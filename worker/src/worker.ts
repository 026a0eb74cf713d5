import type { Logger } from "pino";
import type { Browser } from "playwright-core";
import { type ServerApi, sleep, withRetry } from "./api.ts";
import { type JobSummary, runJob, type SubmitDirectory } from "./job-runner.ts";

export interface WorkerLoopOptions {
  api: ServerApi;
  browser: Browser;
  submit: SubmitDirectory;
  log: Logger;
  workerId: string;
  concurrency: number;
  directoryTimeoutMs: number;
  /** Long-poll length: an idle worker waits this long per call, and wakes the moment a job appears. */
  waitMs?: number;
  /** Abort to stop: no new claims, in-flight directories finish, the job is handed back. */
  stop: AbortSignal;
  onJobDone?: (summary: JobSummary) => void;
}

/** Claim, work, repeat, until stopped. */
export async function runWorkerLoop(options: WorkerLoopOptions): Promise<void> {
  const { api, log, stop } = options;
  log.info({ workerId: options.workerId, concurrency: options.concurrency }, "worker started");
  while (!stop.aborted) {
    let claimed: Awaited<ReturnType<ServerApi["jobs"]["next"]["mutate"]>>;
    try {
      claimed = await withRetry(
        "claim a job",
        () =>
          api.jobs.next.mutate(
            { workerId: options.workerId, waitMs: options.waitMs ?? 20_000 },
            { signal: stop },
          ),
        { log, signal: stop },
      );
    } catch (error) {
      if (stop.aborted) break;
      log.error({ err: (error as Error).message }, "could not claim a job");
      await sleep(5_000, stop);
      continue;
    }
    if (!claimed.job) continue;
    const summary = await runJob(claimed, { ...options, draining: stop });
    options.onJobDone?.(summary);
  }
  log.info({ workerId: options.workerId }, "worker stopped");
}
