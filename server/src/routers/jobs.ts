import { bulkJobOutcome, bulkJobsInput, priorityLevel, queueInput, storableString } from "@autobolt/contract";
import {
  cancelJob,
  findSessionUser,
  forEachItem,
  getJobDetail,
  listQueue,
  retryFailed,
  setPriority,
} from "@autobolt/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import type { JobBus } from "../bus.ts";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

const jobId = z.object({ id: z.uuid() });

/**
 * Job ids that changed, pushed as they happen (fed by PostgreSQL NOTIFY, so a change made through
 * any server process arrives). Bursts are gathered for a moment so a busy queue sends one message
 * per tick, not one per row.
 */
async function* jobChanges(
  bus: JobBus,
  jobId: string | undefined,
  signal: AbortSignal | undefined,
  stillSignedIn: () => Promise<boolean>,
  checkEveryMs: number,
) {
  const changed = new Set<string>();
  let wake: (() => void) | undefined;
  const stop = await bus.onJobChanged((id) => {
    if (jobId && id !== jobId) return;
    changed.add(id);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) =>
    signal?.addEventListener("abort", () => resolve(), { once: true }),
  );
  // A stream outlives the request that opened it: a deactivated account, a password change or a
  // sign-out elsewhere must close it too, so the session is looked up again every little while.
  let signedOut = false;
  const check = setInterval(() => {
    stillSignedIn()
      .then((ok) => {
        if (ok) return;
        signedOut = true;
        wake?.();
      })
      .catch(() => {});
  }, checkEveryMs);
  try {
    while (!signal?.aborted) {
      if (signedOut) throw new TRPCError({ code: "UNAUTHORIZED", message: "This session has ended." });
      if (changed.size === 0) {
        await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
        wake = undefined;
        continue;
      }
      await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), aborted]);
      if (signedOut) continue;
      const jobIds = [...changed];
      changed.clear();
      yield { jobIds };
    }
  } finally {
    clearInterval(check);
    stop();
  }
}

export const jobsRouter = createTRPCRouter({
  onChange: staffProcedure
    .input(z.object({ jobId: z.uuid().optional() }).optional())
    .subscription(({ ctx, input, signal }) =>
      jobChanges(
        ctx.bus,
        input?.jobId,
        signal,
        async () => {
          const token = ctx.sessionTokenHash;
          return token !== undefined && (await findSessionUser(ctx.db, token)) !== undefined;
        },
        ctx.config.sessionCheckMs,
      ),
    ),

  /** The staff queue (the old /api/staff/queue): jobs with progress from job_results. */
  list: staffProcedure.input(queueInput).query(({ ctx, input }) => listQueue(ctx.db, input)),

  byId: staffProcedure.input(jobId).query(({ ctx, input }) => getJobDetail(ctx.db, input.id)),

  retryFailed: staffProcedure
    .input(
      jobId.extend({
        directoryIds: z.array(storableString().max(63)).min(1).max(1000).optional(),
        /** Also resubmit interrupted directories: the person checked none has a listing. */
        confirmInterrupted: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) =>
      retryFailed(ctx.db, {
        jobId: input.id,
        directoryIds: input.directoryIds,
        confirmInterrupted: input.confirmInterrupted,
        actor: ctx.actor,
      }),
    ),

  cancel: staffProcedure
    .input(jobId)
    .mutation(({ ctx, input }) => cancelJob(ctx.db, { jobId: input.id, actor: ctx.actor })),

  setPriority: staffProcedure
    .input(jobId.extend({ priorityLevel }))
    .mutation(({ ctx, input }) =>
      setPriority(ctx.db, { jobId: input.id, priorityLevel: input.priorityLevel, actor: ctx.actor }),
    ),

  // The queue's bulk forms: each job on its own (and in the event log as the single action would
  // be), so one that cannot be done is reported by name and the others still go through.
  bulkRetryFailed: staffProcedure
    .input(bulkJobsInput)
    .output(bulkJobOutcome)
    .mutation(({ ctx, input }) =>
      forEachItem("jobId", input.ids, (id) => retryFailed(ctx.db, { jobId: id, actor: ctx.actor })),
    ),

  bulkCancel: staffProcedure
    .input(bulkJobsInput)
    .output(bulkJobOutcome)
    .mutation(({ ctx, input }) =>
      forEachItem("jobId", input.ids, (id) => cancelJob(ctx.db, { jobId: id, actor: ctx.actor })),
    ),

  bulkSetPriority: staffProcedure
    .input(bulkJobsInput.extend({ priorityLevel }))
    .output(bulkJobOutcome)
    .mutation(({ ctx, input }) =>
      forEachItem("jobId", input.ids, (id) =>
        setPriority(ctx.db, { jobId: id, priorityLevel: input.priorityLevel, actor: ctx.actor }),
      ),
    ),
});
