import { directorySlug, storableString } from "@autobolt/contract";
import { listPauses, pauseClaims, resumeClaims } from "@autobolt/db";
import { z } from "zod";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

/** `all`, or a directory's id. */
const scope = z.union([z.literal("all"), directorySlug]);

/**
 * Pausing claims: every server reads the pauses from the database on each claim, so a pause or a
 * resume holds across processes at once and workers need no restart (they just get no job).
 */
export const claimsRouter = createTRPCRouter({
  pauses: staffProcedure.query(({ ctx }) => listPauses(ctx.db)),

  pause: staffProcedure
    .input(z.object({ scope, reason: storableString().trim().max(500).optional() }))
    .mutation(async ({ ctx, input }) => {
      await pauseClaims(ctx.db, { scope: input.scope, by: ctx.actor, reason: input.reason || undefined });
      ctx.log.info({ actor: ctx.actor, scope: input.scope }, "claims paused");
      return { paused: input.scope };
    }),

  resume: staffProcedure.input(z.object({ scope })).mutation(async ({ ctx, input }) => {
    const answer = await resumeClaims(ctx.db, input.scope);
    ctx.log.info({ actor: ctx.actor, scope: input.scope }, "claims resumed");
    return answer;
  }),
});
