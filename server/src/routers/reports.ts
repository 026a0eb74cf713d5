import { createReportLink, getJobDetail, listReportLinks, revokeReportLink } from "@autobolt/db";
import { z } from "zod";
import { newSecret, sha256 } from "../auth/tokens.ts";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

/**
 * Report links a customer opens without a staff login (GET /r/<token>): read-only, one job,
 * expiring, revocable. The token is shown once, when the link is made; only its hash is kept.
 */
export const reportsRouter = createTRPCRouter({
  links: staffProcedure
    .input(z.object({ jobId: z.uuid() }))
    .query(({ ctx, input }) => listReportLinks(ctx.db, input.jobId)),

  createLink: staffProcedure
    .input(z.object({ jobId: z.uuid(), days: z.number().int().min(1).max(365).optional() }))
    .mutation(async ({ ctx, input }) => {
      await getJobDetail(ctx.db, input.jobId); // JOB_NOT_FOUND before any link is made
      const token = newSecret(32);
      const days = input.days ?? ctx.config.reportLinkDays;
      const link = await createReportLink(ctx.db, {
        jobId: input.jobId,
        tokenHash: sha256(token),
        createdBy: ctx.actor,
        expiresAt: new Date(Date.now() + days * 86_400_000),
      });
      return { ...link, path: `/r/${token}` };
    }),

  revokeLink: staffProcedure
    .input(z.object({ id: z.uuid() }))
    .mutation(({ ctx, input }) => revokeReportLink(ctx.db, { id: input.id, by: ctx.actor })),
});
