import { z } from "zod";
import { directoryAccountReport } from "./directory.ts";
import { failureReason, jobStatus } from "./job.ts";
import { learnedMapping, recipe } from "./recipe.ts";
import { boundedJsonObject, storableDateTime, storableString, storableUrl } from "./storable.ts";

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
    directoryId: storableString().min(1).max(63),
    status: z.enum(["submitted", "failed"]),
    reason: failureReason.optional(),
    errorMessage: storableString().max(4000).optional(),
    /**
     * The `url` the screenshot upload answered. One the server did not issue (another site, a
     * `javascript:` address, a proof that does not exist) does not fail the report: the result is
     * kept without it and the answer's `screenshotsRefused` says why.
     */
    screenshotUrl: storableString().max(2048).optional(),
    submittedAt: storableDateTime().optional(),
    /** Free-form, bounded: 8 levels deep, 500 keys and items, 32 KB as JSON. */
    metadata: boundedJsonObject().optional(),
    /** How the form was got through, sent with a submitted result: the directory keeps it for next time. */
    learned: learnedMapping.optional(),
    /** The listing's own page the confirmation showed (a link, a redirect): re-checked until live. */
    listingUrl: storableUrl().optional(),
    /**
     * An account the worker registered on the directory (with the campaign address): stored
     * encrypted, never logged, and signed in with when the confirmation mail comes.
     */
    account: directoryAccountReport.optional(),
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
  directoryIds: z.array(storableString().min(1).max(63)).min(1).max(100),
});

export const releaseJobInput = leaseInput.extend({
  reason: storableString().max(500).optional(),
});

/*
 * What the worker procedures answer, over tRPC and at the REST paths alike: the server parses every
 * answer with these (unknown keys are dropped, so a column added to a table is not sent until it is
 * named here), and a worker in any language can check its answers against them.
 */

/** A moment as JSON carries it: an ISO 8601 string (the server turns its Dates into one). */
export const wireTimestamp = z
  .union([z.date(), z.iso.datetime({ offset: true })])
  .transform((value) => (typeof value === "string" ? value : value.toISOString()));

export const claimedJob = z.object({
  id: z.uuid(),
  customerId: z.uuid(),
  status: jobStatus,
  packageSize: z.number().int(),
  priorityLevel: z.number().int(),
  businessName: z.string(),
  email: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: wireTimestamp,
  startedAt: wireTimestamp.nullable(),
  completedAt: wireTimestamp.nullable(),
  updatedAt: wireTimestamp,
  /** Attempts before this one (lost leases, completions with results pending). */
  attempts: z.number().int(),
  workerId: z.string().nullable(),
  /** Proves this worker holds the job: send it with every call about the job. */
  leaseToken: z.uuid(),
  leaseExpiresAt: wireTimestamp,
  lastError: z.string().nullable(),
});

export const claimedCustomer = z.object({
  id: z.uuid(),
  businessName: z.string(),
  email: z.string(),
  phone: z.string(),
  website: z.string().nullable(),
  address: z.string(),
  city: z.string(),
  state: z.string(),
  zip: z.string(),
  description: z.string().nullable(),
  category: z.string().nullable(),
  createdAt: wireTimestamp,
  updatedAt: wireTimestamp,
});

export const claimedDirectory = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  submissionUrl: z.string(),
  category: z.string(),
  requiresLogin: z.boolean(),
  requiresCaptcha: z.boolean(),
  requiresEmailVerification: z.boolean(),
  requiresPhoneVerification: z.boolean(),
  recipe: recipe.nullable(),
  /** How a worker got through the form last time, to follow before discovering it again. */
  learned: learnedMapping.nullable(),
  /** Begun by an earlier holder that never reported: the listing may already exist. */
  interrupted: z.boolean(),
  /**
   * The address to type into this directory's email fields: the customer's campaign address when
   * the inbox is on and the directory takes it, else the customer's own.
   */
  formEmail: z.string(),
  /**
   * Where the directory wants an account, make one with `formEmail` (the campaign address, whose
   * mail the inbox reads) and a generated password, and report it with the result. True only when
   * the inbox is on and the directory takes the campaign address.
   */
  signUp: z.boolean().default(false),
});

/** A claimed job: the job with its lease, its customer, and the directories still pending. */
export const claimOutput = z.object({
  job: claimedJob,
  customer: claimedCustomer,
  directories: z.array(claimedDirectory),
});
export type ClaimOutput = z.output<typeof claimOutput>;

/** `next`: a claimed job, or `{ job: null }` when none came up (REST answers 204 then). */
export const nextJobOutput = z.union([claimOutput, z.object({ job: z.null() })]);
export type NextJobOutput = z.output<typeof nextJobOutput>;

export const nextJobsOutput = z.object({ jobs: z.array(claimOutput) });

export const startDirectoriesOutput = z.object({
  /** The directories marked as being submitted (those still pending). */
  started: z.array(z.string()),
});

export const updateJobOutput = z.object({
  /** Results recorded by this call; `ignored` were not pending any more (a repeated report). */
  applied: z.number().int(),
  ignored: z.number().int(),
  leaseExpiresAt: wireTimestamp,
  /**
   * Results recorded without their `screenshotUrl`, each with why: the address was not one the
   * screenshot upload issued, or names no stored proof.
   */
  screenshotsRefused: z.array(z.object({ directoryId: z.string(), message: z.string() })).default([]),
});

export const heartbeatOutput = z.object({ leaseExpiresAt: wireTimestamp });

export const completeJobOutput = z.object({
  /**
   * `complete`: nothing was pending. `pending`: back in the queue for what is (an attempt
   * counted). `failed`: that was the job's last attempt.
   */
  status: z.enum(["complete", "pending", "failed"]),
  counts: z.object({ pending: z.number().int(), submitted: z.number().int(), failed: z.number().int() }),
});
export type CompleteJobOutput = z.output<typeof completeJobOutput>;

export const completeBatchOutput = z.object({
  results: z.array(
    z.union([
      completeJobOutput.extend({ jobId: z.uuid(), ok: z.literal(true) }),
      z.object({ jobId: z.uuid(), ok: z.literal(false), appCode: z.string(), message: z.string() }),
    ]),
  ),
});

export const releaseJobOutput = z.object({ status: z.literal("pending") });

/** `POST /api/screenshots`: the URL to send as a result's `screenshotUrl`. */
export const screenshotUploadOutput = z.object({ url: z.string(), bytes: z.number().int() });
