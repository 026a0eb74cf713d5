import { listWorkers, overviewStats } from "@autobolt/db";
import { z } from "zod";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

export const workersRouter = createTRPCRouter({
  /** Workers seen recently: busy (holding a job), idle (long-polling) or gone (silent past a lease). */
  list: staffProcedure.query(({ ctx }) => listWorkers(ctx.db, { goneAfterSeconds: ctx.config.leaseSeconds })),
});

export const statsRouter = createTRPCRouter({
  overview: staffProcedure
    .input(z.object({ days: z.number().int().min(1).max(90).default(7) }))
    .query(({ ctx, input }) => overviewStats(ctx.db, input)),
});
