import {
  completeBatchInput,
  completeBatchOutput,
  completeJobOutput,
  heartbeatOutput,
  leaseInput,
  nextJobInput,
  nextJobOutput,
  nextJobsInput,
  nextJobsOutput,
  releaseJobInput,
  releaseJobOutput,
  startDirectoriesInput,
  startDirectoriesOutput,
  updateJobInput,
  updateJobOutput,
} from "@autobolt/contract";
import {
  AppError,
  type ClaimedJob,
  heartbeat,
  markStarted,
  releaseJob,
  reportResults,
  touchWorker,
} from "@autobolt/db";
import { seal } from "../inbox/secret.ts";
import { keepIssuedScreenshots } from "../proofs/issued.ts";
import { createTRPCRouter, type InnerContext, workerProcedure } from "../trpc.ts";
import { followUpsRouter } from "./follow-ups.ts";

/**
 * Claim up to `limit` jobs, long-polling up to waitMs when the queue is empty. The wake-up is armed
 * before each look so a job created in between is not missed; a caller gone before the answer
 * gets its jobs put straight back.
 */
async function claimOrWait(
  ctx: InnerContext,
  input: { workerId: string; waitMs: number; limit: number },
  signal?: AbortSignal,
): Promise<ClaimedJob[]> {
  await noteWorkerSeen(ctx, input.workerId);
  const deadline = Date.now() + input.waitMs;
  for (;;) {
    const wake = ctx.bus.armPendingWake();
    const claimed = await ctx.leases.claim({ workerId: input.workerId, limit: input.limit });
    if (claimed.length > 0) {
      if (!signal?.aborted) return claimed;
      await Promise.all(
        claimed.map(({ job }) =>
          releaseJob(ctx.db, {
            jobId: job.id,
            leaseToken: job.leaseToken as string,
            reason: "worker disconnected before receiving the job",
            leaseSeconds: ctx.config.leaseSeconds,
          }),
        ),
      );
      return [];
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0 || signal?.aborted) return [];
    await wake.wait(remaining, signal);
  }
}

// Each process records a worker's presence at most every few seconds: the console needs "seen
// lately", and a write per claim would tax the hottest path for nothing.
async function noteWorkerSeen(ctx: InnerContext, workerId: string) {
  const now = Date.now();
  if (now - (ctx.workerPresence.get(workerId) ?? 0) < 5_000) return;
  ctx.workerPresence.set(workerId, now);
  if (ctx.workerPresence.size > 10_000) ctx.workerPresence.clear();
  await touchWorker(ctx.db, workerId);
}

export const autoboltRouter = createTRPCRouter({
  /** The campaign inbox's follow-ups: confirmation links to open (autobolt.followUps.*). */
  followUps: followUpsRouter,
  jobs: createTRPCRouter({
    next: workerProcedure
      .input(nextJobInput)
      .output(nextJobOutput)
      .mutation(async ({ ctx, input, signal }) => {
        const [claimed] = await claimOrWait(ctx, { ...input, limit: 1 }, signal);
        return claimed ?? { job: null };
      }),

    /** Several jobs per call, for workers that run many small jobs at once. */
    nextBatch: workerProcedure
      .input(nextJobsInput)
      .output(nextJobsOutput)
      .mutation(async ({ ctx, input, signal }) => ({ jobs: await claimOrWait(ctx, input, signal) })),

    /** Call just before submitting: protects the directory from a duplicate if this worker dies. */
    start: workerProcedure
      .input(startDirectoriesInput)
      .output(startDirectoriesOutput)
      .mutation(({ ctx, input }) => markStarted(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds })),

    update: workerProcedure
      .input(updateJobInput)
      .output(updateJobOutput)
      .mutation(async ({ ctx, input }) => {
        const { results, refused } = await keepIssuedScreenshots(ctx.proofs, input.results);
        if (refused.length > 0)
          ctx.log.warn(
            { jobId: input.jobId, directories: refused.map((r) => r.directoryId) },
            "results kept without a screenshot the server did not issue",
          );
        const key = ctx.secretKey;
        const recorded = await reportResults(ctx.db, {
          ...input,
          results,
          leaseSeconds: ctx.config.leaseSeconds,
          inbox: key ? { seal: (password) => seal(key, password) } : undefined,
        });
        return { ...recorded, screenshotsRefused: refused };
      }),

    heartbeat: workerProcedure
      .input(leaseInput)
      .output(heartbeatOutput)
      .mutation(({ ctx, input }) => heartbeat(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds })),

    complete: workerProcedure
      .input(leaseInput)
      .output(completeJobOutput)
      .mutation(({ ctx, input }) => ctx.leases.complete(input)),

    /**
     * Many completions in one call, for workers that claim with nextBatch. One lease that is gone
     * fails only itself: each answer is the completion, or the error that lease met.
     */
    completeBatch: workerProcedure
      .input(completeBatchInput)
      .output(completeBatchOutput)
      .mutation(async ({ ctx, input }) => ({
        results: await Promise.all(
          input.leases.map(async (lease) => {
            try {
              return { jobId: lease.jobId, ok: true as const, ...(await ctx.leases.complete(lease)) };
            } catch (error) {
              if (!(error instanceof AppError)) throw error;
              return { jobId: lease.jobId, ok: false as const, appCode: error.code, message: error.message };
            }
          }),
        ),
      })),

    release: workerProcedure
      .input(releaseJobInput)
      .output(releaseJobOutput)
      .mutation(({ ctx, input }) => releaseJob(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds })),
  }),
});
