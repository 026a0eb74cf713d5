import { failureReason, pageInput, storableString } from "@autobolt/contract";
import { listNeedsAttention, listWorkers, overviewStats } from "@autobolt/db";
import { z } from "zod";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

export const resultsRouter = createTRPCRouter({
  /** Failed submissions a person has to finish, across jobs, by reason and directory. */
  needsAttention: staffProcedure
    .input(
      z.object({
        reasons: z.array(failureReason).max(11).optional(),
        directoryId: storableString().max(63).optional(),
        ...pageInput,
      }),
    )
    .query(({ ctx, input }) => listNeedsAttention(ctx.db, input)),
});

export const workersRouter = createTRPCRouter({
  /** Workers seen recently: busy (holding a job), idle (long-polling) or gone (silent past a lease). */
  list: staffProcedure.query(({ ctx }) => listWorkers(ctx.db, { goneAfterSeconds: ctx.config.leaseSeconds })),
});

export const statsRouter = createTRPCRouter({
  overview: staffProcedure
    .input(z.object({ days: z.number().int().min(1).max(90).default(7) }))
    .query(({ ctx, input }) => overviewStats(ctx.db, input)),
});
