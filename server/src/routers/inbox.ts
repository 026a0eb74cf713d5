import { accountForResult, listInbox, recordEvent, sealedAccount, setAccountHandedOver } from "@autobolt/db";
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { open } from "../inbox/secret.ts";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

/**
 * What staff see of the campaign inbox: a customer's (or a job's) mail as text — the HTML a
 * directory sent is never sent to the console — and the directory accounts the worker made, whose
 * passwords leave the server only on an explicit reveal, written to the job's event log.
 */
export const inboxRouter = createTRPCRouter({
  status: staffProcedure.query(({ ctx }) => ({
    enabled: ctx.config.inbox.domain !== undefined,
    domain: ctx.config.inbox.domain ?? null,
    smtp: ctx.config.inbox.smtpPort !== undefined,
    imap: ctx.config.inbox.imapUrl !== undefined,
  })),

  messages: staffProcedure
    .input(
      z
        .object({
          customerId: z.uuid().optional(),
          jobId: z.uuid().optional(),
          limit: z.number().int().min(1).max(200).default(50),
        })
        .refine((v) => v.customerId !== undefined || v.jobId !== undefined, {
          message: "Give a customerId or a jobId.",
        }),
    )
    .query(({ ctx, input }) => listInbox(ctx.db, input)),

  account: staffProcedure
    .input(z.object({ resultId: z.uuid() }))
    .query(({ ctx, input }) => accountForResult(ctx.db, input.resultId)),

  reveal: staffProcedure.input(z.object({ accountId: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!ctx.secretKey)
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message:
          "The campaign inbox is off on this server (AUTOBOLT_INBOX_DOMAIN), so it holds no key to open accounts.",
      });
    const row = await sealedAccount(ctx.db, input.accountId);
    let password: string;
    try {
      password = open(ctx.secretKey, row);
    } catch {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message:
          "This password was sealed with another AUTOBOLT_SECRET_KEY; it cannot be opened with this one.",
      });
    }
    if (row.jobId)
      await recordEvent(ctx.db, row.jobId, "account_revealed", ctx.actor, {
        accountId: row.id,
        resultId: row.resultId,
        directoryId: row.directoryId,
      });
    ctx.log.info({ actor: ctx.actor, accountId: row.id }, "directory account revealed");
    return { email: row.email, username: row.username, password };
  }),

  handOver: staffProcedure
    .input(z.object({ accountId: z.uuid(), handOver: z.boolean() }))
    .mutation(async ({ ctx, input }) => {
      const row = await setAccountHandedOver(ctx.db, input);
      ctx.log.info(
        { actor: ctx.actor, accountId: row.id, handOver: input.handOver },
        "account hand-over set",
      );
      return row;
    }),
});
