import { randomUUID } from "node:crypto";
import {
  assignResultInput,
  bulkAssignInput,
  bulkOutcome,
  bulkReplaceInput,
  bulkRetryInput,
  bulkSkipInput,
  needsAttentionInput,
  noteResultInput,
  replaceResultInput,
  resolveByHandInput,
  retryResultInput,
  skipResultInput,
  uploadProofInput,
} from "@autobolt/contract";
import {
  AppError,
  assignResult,
  forEachResult,
  listMismatches,
  listNeedsAttention,
  noteResult,
  recheckNow,
  replaceResult,
  resolveByHand,
  retryResult,
  skipResult,
} from "@autobolt/db";
import { z } from "zod";
import { PROOF_FILE_NAME, proofUrl } from "../proofs/issued.ts";
import type { ProofStore } from "../proofs/store.ts";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

const assignee = (to: "me" | "nobody", email: string) => (to === "me" ? email : null);

/** The image type a proof's bytes say it is (never the name or header a caller chose). */
function proofType(bytes: Buffer): { contentType: "image/png" | "image/jpeg"; extension: "png" | "jpg" } {
  if (bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return { contentType: "image/png", extension: "png" };
  if (bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])))
    return { contentType: "image/jpeg", extension: "jpg" };
  throw new AppError("BAD_INPUT", "A proof must be a PNG or JPEG image.");
}

/** A hand resolution's proof must be one the upload issued and the store holds. */
async function mustBeStoredProof(proofs: ProofStore, url: string | undefined) {
  if (url === undefined) return;
  const [, id, extension] = PROOF_FILE_NAME.exec(url.slice("/screenshots/".length)) ?? [];
  const stored = id ? (await proofs.contentTypesOf([id])).get(id) : undefined;
  if (!id || stored !== (extension === "png" ? "image/png" : "image/jpeg")) {
    throw new AppError(
      "BAD_INPUT",
      "proofUrl names no uploaded proof; upload it first (results.uploadProof).",
    );
  }
}

/**
 * A result (one directory of a job, a citation) and what staff do to it. Every action is a job
 * event with the staff member as its actor; the bulk forms answer one outcome per result.
 */
export const resultsRouter = createTRPCRouter({
  /** The needs-attention work queue: open failures a person has to finish, across jobs. */
  needsAttention: staffProcedure
    .input(needsAttentionInput)
    .query(({ ctx, input }) => listNeedsAttention(ctx.db, { ...input, me: ctx.user.email })),

  /** Live listings showing a wrong name, address or phone, for staff to fix. */
  mismatches: staffProcedure
    .input(z.object({ limit: z.number().int().min(1).max(200).default(50) }))
    .query(({ ctx, input }) => listMismatches(ctx.db, input)),

  /** Look at a submitted listing's page now, whatever the re-check schedule says. */
  recheckNow: staffProcedure
    .input(z.object({ resultId: z.uuid() }))
    .mutation(({ ctx, input }) => recheckNow(ctx.db, { resultId: input.resultId, actor: ctx.actor })),

  /** Store a proof for a hand resolution; answers the URL to pass to resolve. */
  uploadProof: staffProcedure
    .input(uploadProofInput)
    .output(z.object({ url: z.string(), bytes: z.number().int() }))
    .mutation(async ({ ctx, input }) => {
      const bytes = Buffer.from(input.base64, "base64");
      if (bytes.length > 8 * 1024 * 1024) throw new AppError("BAD_INPUT", "Proofs are limited to 8 MB.");
      const type = proofType(bytes);
      const id = randomUUID();
      await ctx.proofs.put(id, { contentType: type.contentType, bytes });
      return { url: proofUrl(id, type.extension), bytes: bytes.length };
    }),

  resolve: staffProcedure.input(resolveByHandInput).mutation(async ({ ctx, input }) => {
    await mustBeStoredProof(ctx.proofs, input.proofUrl);
    return resolveByHand(ctx.db, { ...input, actor: ctx.actor });
  }),

  skip: staffProcedure
    .input(skipResultInput)
    .mutation(({ ctx, input }) => skipResult(ctx.db, { ...input, actor: ctx.actor })),

  retry: staffProcedure
    .input(retryResultInput)
    .mutation(({ ctx, input }) => retryResult(ctx.db, { ...input, actor: ctx.actor })),

  replace: staffProcedure
    .input(replaceResultInput)
    .mutation(({ ctx, input }) => replaceResult(ctx.db, { ...input, actor: ctx.actor })),

  assign: staffProcedure.input(assignResultInput).mutation(({ ctx, input }) =>
    assignResult(ctx.db, {
      resultId: input.resultId,
      assignee: assignee(input.to, ctx.user.email),
      actor: ctx.actor,
    }),
  ),

  note: staffProcedure
    .input(noteResultInput)
    .mutation(({ ctx, input }) => noteResult(ctx.db, { ...input, actor: ctx.actor })),

  bulkSkip: staffProcedure
    .input(bulkSkipInput)
    .output(bulkOutcome)
    .mutation(({ ctx, input }) =>
      forEachResult(input.resultIds, (resultId) =>
        skipResult(ctx.db, { resultId, note: input.note, actor: ctx.actor }),
      ),
    ),

  bulkRetry: staffProcedure
    .input(bulkRetryInput)
    .output(bulkOutcome)
    .mutation(({ ctx, input }) =>
      forEachResult(input.resultIds, (resultId) =>
        retryResult(ctx.db, { resultId, confirmInterrupted: input.confirmInterrupted, actor: ctx.actor }),
      ),
    ),

  bulkReplace: staffProcedure
    .input(bulkReplaceInput)
    .output(bulkOutcome)
    .mutation(({ ctx, input }) =>
      forEachResult(input.resultIds, (resultId) => replaceResult(ctx.db, { resultId, actor: ctx.actor })),
    ),

  bulkAssign: staffProcedure
    .input(bulkAssignInput)
    .output(bulkOutcome)
    .mutation(({ ctx, input }) =>
      forEachResult(input.resultIds, (resultId) =>
        assignResult(ctx.db, { resultId, assignee: assignee(input.to, ctx.user.email), actor: ctx.actor }),
      ),
    ),
});
