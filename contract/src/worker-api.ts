import { z } from "zod";
import { failureReason } from "./job.ts";
import { learnedMapping } from "./recipe.ts";

/** A worker names itself so staff can see who holds a job; the lease token is what proves it. */
export const workerId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\w.:@-]+$/, "Use letters, digits and . : @ _ - only");

export const nextJobInput = z.object({
  workerId: workerId.default("worker"),
  /** Long-poll: wait up to this long for a job to become available before answering "none". */
  waitMs: z.number().int().min(0).max(30_000).default(0),
});
export type NextJobInput = z.input<typeof nextJobInput>;

/** Claim up to `limit` jobs at once (each with its own lease), long-polling like `next`. */
export const nextJobsInput = nextJobInput.extend({
  limit: z.number().int().min(1).max(100).default(10),
});
export type NextJobsInput = z.input<typeof nextJobsInput>;

export const leaseInput = z.object({
  jobId: z.uuid(),
  leaseToken: z.uuid(),
});
export type LeaseInput = z.infer<typeof leaseInput>;

/** Complete many jobs in one call: each lease is answered on its own, in order. */
export const completeBatchInput = z.object({
  leases: z.array(leaseInput).min(1, "Send at least one lease").max(100, "Send at most 100 leases per call"),
});
export type CompleteBatchInput = z.infer<typeof completeBatchInput>;

export const resultReport = z
  .object({
    directoryId: z.string().min(1).max(63),
    status: z.enum(["submitted", "failed"]),
    reason: failureReason.optional(),
    errorMessage: z.string().max(4000).optional(),
    screenshotUrl: z.string().max(2048).optional(),
    submittedAt: z.iso.datetime({ offset: true }).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
    /** How the form was got through, sent with a submitted result: the directory keeps it for next time. */
    learned: learnedMapping.optional(),
  })
  .refine((r) => r.status === "submitted" || r.reason !== undefined, {
    message: "A failed result needs a reason",
    path: ["reason"],
  })
  .refine((r) => r.status === "submitted" || r.learned === undefined, {
    message: "Only a submitted result teaches a mapping",
    path: ["learned"],
  });
export type ResultReport = z.infer<typeof resultReport>;

export const updateJobInput = leaseInput.extend({
  results: z
    .array(resultReport)
    .min(1, "Send at least one result")
    .max(500, "Send at most 500 results per call"),
});
export type UpdateJobInput = z.infer<typeof updateJobInput>;

export const startDirectoriesInput = leaseInput.extend({
  directoryIds: z.array(z.string().min(1).max(63)).min(1).max(100),
});

export const releaseJobInput = leaseInput.extend({
  reason: z.string().max(500).optional(),
});
