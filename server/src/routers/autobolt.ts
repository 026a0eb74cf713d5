import {
  leaseInput,
  nextJobInput,
  releaseJobInput,
  startDirectoriesInput,
  updateJobInput,
} from "@autobolt/contract";
import {
  claimNextJob,
  completeJob,
  heartbeat,
  markStarted,
  releaseJob,
  reportResults,
  touchWorker,
} from "@autobolt/db";
import { createTRPCRouter, type InnerContext, workerProcedure } from "../trpc.ts";

/**
 * Claim a job, long-polling up to waitMs when the queue is empty. The wake-up is armed before each
 * look so a job created in between is not missed; a caller gone before the answer gets its job put
 * straight back.
 */
async function nextJob(ctx: InnerContext, input: { workerId: string; waitMs: number }, signal?: AbortSignal) {
  await noteWorkerSeen(ctx, input.workerId);
  const deadline = Date.now() + input.waitMs;
  for (;;) {
    const wake = ctx.bus.armPendingWake();
    const claimed = await claimNextJob(ctx.db, {
      workerId: input.workerId,
      leaseSeconds: ctx.config.leaseSeconds,
    });
    if (claimed) {
      if (signal?.aborted && claimed.job.leaseToken) {
        await releaseJob(ctx.db, {
          jobId: claimed.job.id,
          leaseToken: claimed.job.leaseToken,
          reason: "worker disconnected before receiving the job",
          leaseSeconds: ctx.config.leaseSeconds,
        });
        return null;
      }
      return claimed;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0 || signal?.aborted) return null;
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
  jobs: createTRPCRouter({
    next: workerProcedure
      .input(nextJobInput)
      .mutation(async ({ ctx, input, signal }) => (await nextJob(ctx, input, signal)) ?? { job: null }),

    /** Call just before submitting: protects the directory from a duplicate if this worker dies. */
    start: workerProcedure
      .input(startDirectoriesInput)
      .mutation(({ ctx, input }) => markStarted(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds })),

    update: workerProcedure
      .input(updateJobInput)
      .mutation(({ ctx, input }) =>
        reportResults(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds }),
      ),

    heartbeat: workerProcedure
      .input(leaseInput)
      .mutation(({ ctx, input }) => heartbeat(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds })),

    complete: workerProcedure
      .input(leaseInput)
      .mutation(({ ctx, input }) => completeJob(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds })),

    release: workerProcedure
      .input(releaseJobInput)
      .mutation(({ ctx, input }) => releaseJob(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds })),
  }),
});
