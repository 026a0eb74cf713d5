import {
  claimedCustomer,
  claimedDirectory,
  followUpLease,
  heartbeatOutput,
  nextFollowUpInput,
  nextFollowUpOutput,
  reportFollowUpInput,
  reportFollowUpOutput,
} from "@autobolt/contract";
import {
  claimFollowUp,
  getCustomer,
  getDirectory,
  heartbeatFollowUp,
  releaseFollowUp,
  reportFollowUp,
} from "@autobolt/db";
import { TRPCError } from "@trpc/server";
import { campaignAddress } from "../inbox/receive.ts";
import { open } from "../inbox/secret.ts";
import { keepIssuedScreenshots } from "../proofs/issued.ts";
import { createTRPCRouter, type InnerContext, workerProcedure } from "../trpc.ts";

/** Long-poll like jobs: woken by the NOTIFY a new follow-up sends, else by the timer. */
async function claimOrWait(
  ctx: InnerContext,
  input: { workerId: string; waitMs: number },
  signal?: AbortSignal,
) {
  const deadline = Date.now() + input.waitMs;
  for (;;) {
    const wake = ctx.bus.armPendingWake();
    const claimed = await claimFollowUp(ctx.db, {
      workerId: input.workerId,
      leaseSeconds: ctx.config.leaseSeconds,
    });
    if (claimed) {
      if (!signal?.aborted) return claimed;
      await releaseFollowUp(ctx.db, { followUpId: claimed.id, leaseToken: claimed.leaseToken });
      return undefined;
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0 || signal?.aborted) return undefined;
    await wake.wait(Math.min(remaining, 5_000), signal);
  }
}

/**
 * The campaign inbox's work for workers: open a confirmation link in a real browser (and with an
 * account, sign in and submit), leased and atomic like jobs.
 */
export const followUpsRouter = createTRPCRouter({
  next: workerProcedure
    .input(nextFollowUpInput)
    .output(nextFollowUpOutput)
    .mutation(async ({ ctx, input, signal }) => {
      const claimed = await claimOrWait(ctx, input, signal);
      if (!claimed) return { followUp: null };
      const [directory, customer] = await Promise.all([
        getDirectory(ctx.db, claimed.directoryId),
        getCustomer(ctx.db, claimed.customerId),
      ]);
      const domain = ctx.config.inbox.domain;
      const formEmail =
        (directory.formEmail === "campaign" && campaignAddress(customer.campaignLocal, domain)) ||
        customer.email;
      let account = null;
      if (claimed.account) {
        if (!ctx.secretKey)
          throw new TRPCError({
            code: "PRECONDITION_FAILED",
            message: "The campaign inbox is off: no secret key to open accounts.",
          });
        account = {
          email: claimed.account.email,
          username: claimed.account.username,
          password: open(ctx.secretKey, claimed.account),
        };
      }
      return {
        followUp: {
          id: claimed.id,
          kind: claimed.kind,
          leaseToken: claimed.leaseToken,
          leaseExpiresAt: claimed.leaseExpiresAt,
          attempts: claimed.attempts,
          jobId: claimed.jobId,
          resultId: claimed.resultId,
          link: claimed.link,
          message: claimed.message,
          directory: claimedDirectory.parse({
            ...directory,
            interrupted: false,
            formEmail,
            signUp: domain !== undefined && directory.formEmail === "campaign",
          }),
          customer: claimedCustomer.parse(customer),
          formEmail,
          // The directory is read once, here: its listing search rides along when one is due.
          search: claimed.searchable ? directory.listingSearch : null,
          account,
        },
      };
    }),

  heartbeat: workerProcedure
    .input(followUpLease)
    .output(heartbeatOutput)
    .mutation(({ ctx, input }) =>
      heartbeatFollowUp(ctx.db, { ...input, leaseSeconds: ctx.config.leaseSeconds }),
    ),

  report: workerProcedure
    .input(reportFollowUpInput)
    .output(reportFollowUpOutput)
    .mutation(async ({ ctx, input }) => {
      let screenshotUrl: string | undefined;
      if (input.screenshotUrl) {
        const { results } = await keepIssuedScreenshots(ctx.proofs, [
          { directoryId: "follow-up", status: "submitted", screenshotUrl: input.screenshotUrl },
        ]);
        screenshotUrl = results[0]?.screenshotUrl;
      }
      return reportFollowUp(ctx.db, {
        ...input,
        screenshotUrl,
        maxAttempts: ctx.config.inbox.followUpAttempts,
        recheckCount: ctx.config.recheckDays.length,
      });
    }),
});
