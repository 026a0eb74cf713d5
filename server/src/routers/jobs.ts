import { priorityLevel, queueInput } from "@autobolt/contract";
import { cancelJob, getJobDetail, listQueue, retryFailed, setPriority } from "@autobolt/db";
import { z } from "zod";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

const jobId = z.object({ id: z.uuid() });

export const jobsRouter = createTRPCRouter({
  /** The staff queue (the old /api/staff/queue): jobs with progress from job_results. */
  list: staffProcedure.input(queueInput).query(({ ctx, input }) => listQueue(ctx.db, input)),

  byId: staffProcedure.input(jobId).query(({ ctx, input }) => getJobDetail(ctx.db, input.id)),

  retryFailed: staffProcedure
    .input(jobId.extend({ directoryIds: z.array(z.string().max(63)).min(1).max(1000).optional() }))
    .mutation(({ ctx, input }) =>
      retryFailed(ctx.db, { jobId: input.id, directoryIds: input.directoryIds, actor: ctx.actor }),
    ),

  cancel: staffProcedure
    .input(jobId)
    .mutation(({ ctx, input }) => cancelJob(ctx.db, { jobId: input.id, actor: ctx.actor })),

  setPriority: staffProcedure
    .input(jobId.extend({ priorityLevel }))
    .mutation(({ ctx, input }) =>
      setPriority(ctx.db, { jobId: input.id, priorityLevel: input.priorityLevel, actor: ctx.actor }),
    ),
});
