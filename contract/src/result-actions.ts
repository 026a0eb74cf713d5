import { z } from "zod";
import { failureReason } from "./job.ts";
import { pageInput } from "./staff-api.ts";
import { storableString } from "./storable.ts";

/**
 * What staff do to one result (a citation) from the job page or the needs-attention queue, and
 * the bulk forms over a selection. Each is logged as a job event with the staff member.
 */
export const resultId = z.uuid();

const note = storableString().trim().max(2000, "At most 2,000 characters");

/** A stored proof, as the proof store answers it (`/screenshots/<uuid>.png|jpg`). */
export const proofUrl = z
  .string()
  .regex(/^\/screenshots\/[0-9a-f-]{36}\.(png|jpg)$/, "Upload the proof first; its URL is /screenshots/….");

export const resolveByHandFields = z.object({
  listingReference: storableString()
    .trim()
    .min(1, "Enter the listing's URL or the directory's reference for it")
    .max(2048, "At most 2,048 characters"),
  note: note.optional(),
  proofUrl: proofUrl.optional(),
});
export type ResolveByHandFields = z.infer<typeof resolveByHandFields>;

export const resolveByHandInput = resolveByHandFields.extend({ resultId });
export const skipResultInput = z.object({ resultId, note: note.optional() });
export const retryResultInput = z.object({
  resultId,
  /** Required for an `interrupted` result: the person checked the directory has no listing. */
  confirmInterrupted: z.boolean().default(false),
});
export const replaceResultInput = z.object({ resultId });
/** Assign to the caller, or to nobody. */
export const assignResultInput = z.object({ resultId, to: z.enum(["me", "nobody"]) });
export const noteResultInput = z.object({ resultId, note });

const resultIds = z
  .array(resultId)
  .min(1, "Select at least one result")
  .max(200, "At most 200 results at once");

export const bulkSkipInput = z.object({ resultIds, note: note.optional() });
export const bulkRetryInput = z.object({ resultIds, confirmInterrupted: z.boolean().default(false) });
export const bulkReplaceInput = z.object({ resultIds });
export const bulkAssignInput = z.object({ resultIds, to: z.enum(["me", "nobody"]) });

/** One item of a bulk action: done, or why not (a domain error code and its message). */
export const bulkOutcome = z.array(
  z.union([
    z.object({ resultId: z.string(), ok: z.literal(true) }),
    z.object({ resultId: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
  ]),
);
export type BulkOutcome = z.infer<typeof bulkOutcome>;

/** A bulk action over jobs on the queue: each job answered on its own, like the results' forms. */
export const bulkJobsInput = z.object({
  ids: z.array(z.uuid()).min(1, "Select at least one job").max(200, "Select at most 200 jobs at once"),
});
export const bulkJobOutcome = z.array(
  z.union([
    z.object({ jobId: z.string(), ok: z.literal(true) }),
    z.object({ jobId: z.string(), ok: z.literal(false), code: z.string(), message: z.string() }),
  ]),
);
export type BulkJobOutcome = z.infer<typeof bulkJobOutcome>;

/** A proof a person uploads when resolving by hand: a PNG or JPEG, base64, up to 8 MB. */
export const uploadProofInput = z.object({
  base64: z
    .string()
    .min(8, "The file is empty")
    .max(11_200_000, "Proofs are limited to 8 MB")
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, "Send the file as base64"),
});

export const needsAttentionInput = z.object({
  reasons: z.array(failureReason).max(14).optional(),
  directoryId: storableString().max(63).optional(),
  assigned: z.enum(["mine", "unassigned"]).optional(),
  ...pageInput,
});
export type NeedsAttentionInput = z.input<typeof needsAttentionInput>;

/** Who an existing customer might be: any of these, normalised, matching. */
export const duplicateLookupInput = z.object({
  email: storableString().trim().max(254).optional(),
  phone: storableString().trim().max(40).optional(),
  website: storableString().trim().max(2048).optional(),
});

export const availableDirectoriesInput = z.object({ customerId: z.uuid().optional() }).optional();
