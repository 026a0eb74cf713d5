import { z } from "zod";
import { recipe } from "./recipe.ts";
import { storableString, storableUrl } from "./storable.ts";
import { claimedCustomer, claimedDirectory, wireTimestamp, workerId } from "./worker-api.ts";

/*
 * The campaign inbox (issue 13): one address per customer on the agency's own domain, used on
 * directory forms and sign-ups; mail to it is stored, matched to the result it confirms, and its
 * link is followed by a worker through a leased follow-up task.
 */

/**
 * Where a result stands with the directory's email, beside its seed status:
 * `awaiting_email`: the directory accepted the form (or the sign-up) and sent, or will send, a
 * confirmation to the campaign address; the result is `submitted` meanwhile.
 * `confirmed`: a worker followed the link and the page proved it.
 * `link_failed` / `no_mail`: the link did not confirm, or no mail came in time; the result is then
 * `failed` with reason `email_verification`, in needs attention with the mail attached.
 */
export const confirmationState = z.enum(["awaiting_email", "confirmed", "link_failed", "no_mail"]);
export type ConfirmationState = z.infer<typeof confirmationState>;

export const followUpKind = z.enum([
  /** Open the confirmation link; when the result has an account, sign in and submit the listing. */
  "confirm_email",
  /** Open the listing's page and say whether it is live with the right name, address and phone. */
  "recheck_listing",
]);
export type FollowUpKind = z.infer<typeof followUpKind>;

export const nextFollowUpInput = z.object({
  workerId: workerId.default("worker"),
  /** Long-poll like `next`: wait up to this long for a task before answering `{ followUp: null }`. */
  waitMs: z.number().int().min(0).max(30_000).default(0),
});
export type NextFollowUpInput = z.input<typeof nextFollowUpInput>;

export const followUpLease = z.object({
  followUpId: z.uuid(),
  leaseToken: z.uuid(),
});
export type FollowUpLease = z.infer<typeof followUpLease>;

export const claimedFollowUp = z.object({
  id: z.uuid(),
  kind: followUpKind,
  leaseToken: z.uuid(),
  leaseExpiresAt: wireTimestamp,
  /** Attempts before this one (lost leases). */
  attempts: z.number().int(),
  jobId: z.uuid(),
  resultId: z.uuid(),
  /** The link found in the mail (or, for a re-check, the listing's page), to open in a real browser. */
  link: z.string(),
  /** The mail the link came from; null for a re-check. */
  message: z
    .object({
      id: z.uuid(),
      from: z.string(),
      subject: z.string(),
      receivedAt: wireTimestamp,
    })
    .nullable(),
  directory: claimedDirectory,
  customer: claimedCustomer,
  /** The address the forms got (campaign or the customer's own). */
  formEmail: z.string(),
  /**
   * For a re-check of a listing with no known page: the directory's listing search, to run from
   * its first `goto` (or the directory's home page, which `link` is then) to the listing.
   */
  search: recipe.nullable(),
  /** Decrypted for this lease only, when the result has an account to sign in with. */
  account: z.object({ email: z.string(), username: z.string().nullable(), password: z.string() }).nullable(),
});
export type ClaimedFollowUp = z.output<typeof claimedFollowUp>;

export const nextFollowUpOutput = z.object({ followUp: claimedFollowUp.nullable() });
export type NextFollowUpOutput = z.output<typeof nextFollowUpOutput>;

export const followUpOutcome = z.enum([
  /** The page proved the confirmation (and, with an account, the listing was submitted). */
  "confirmed",
  /** The page said the link is wrong, expired or used; a person looks with the mail beside them. */
  "link_failed",
  /** The site was down or slow: the task goes back to the queue (an attempt counted). */
  "retry",
  // A re-check's answers:
  /** The listing shows the business with the right name, address and phone. */
  "live",
  /** The listing shows the business, with `mismatches` in its details. */
  "mismatch",
  /** No listing of the business there (yet): not found, a 404, another business. */
  "not_found",
]);
export type FollowUpOutcome = z.infer<typeof followUpOutcome>;

export const reportFollowUpInput = followUpLease.extend({
  outcome: followUpOutcome,
  errorMessage: storableString().max(4000).optional(),
  /** As issued by the screenshot upload, like a result's. */
  screenshotUrl: storableString().max(2048).optional(),
  /** Where the link led, for staff. */
  finalUrl: storableString().max(2048).optional(),
  /** For a re-check that searched: the listing page it found (kept as the result's listing link). */
  listingUrl: storableUrl().optional(),
  /** For `mismatch`: which details the listing gets wrong, and what it shows instead. */
  mismatches: z
    .array(
      z.object({
        field: z.enum(["businessName", "address", "phone", "zip", "city"]),
        expected: storableString().max(500),
        found: storableString().max(500),
      }),
    )
    .max(10)
    .optional(),
});
export type ReportFollowUpInput = z.infer<typeof reportFollowUpInput>;

export const reportFollowUpOutput = z.object({
  /** `done`: recorded. `requeued`: back for another worker. `failed`: that was its last attempt. */
  status: z.enum(["done", "requeued", "failed"]),
});
