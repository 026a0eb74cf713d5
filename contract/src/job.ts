import { z } from "zod";

export const jobStatus = z.enum(["pending", "in_progress", "complete", "failed", "cancelled"]);
export type JobStatus = z.infer<typeof jobStatus>;

export const resultStatus = z.enum(["pending", "submitted", "failed"]);
export type ResultStatus = z.infer<typeof resultStatus>;

/**
 * Why a directory submission did not go through, machine-readable so staff can filter the ones
 * that need a person (the first four) from the ones a retry may fix.
 */
export const failureReason = z.enum([
  "captcha_required",
  "email_verification",
  "phone_verification",
  "login_required",
  "validation_error",
  "form_not_found",
  "http_error",
  "timeout",
  "network_error",
  "recipe_failed",
  "interrupted",
  "duplicate_listing",
  "rate_limited",
  "unexpected",
]);
export type FailureReason = z.infer<typeof failureReason>;

/**
 * Reasons no automatic retry will fix: a person has to act. `interrupted`: a worker died while
 * submitting, so the listing may exist; someone checks before it is retried, never a duplicate.
 * `duplicate_listing`: the directory says the business is already listed there; someone claims or
 * links the existing listing instead of submitting another.
 */
export const needsPersonReasons = [
  "captcha_required",
  "email_verification",
  "phone_verification",
  "login_required",
  "validation_error",
  "interrupted",
  "duplicate_listing",
] as const satisfies readonly FailureReason[];

export const priorityLevel = z.number().int().min(1, "1 is the most urgent").max(5, "5 is the least urgent");

export const jobEventType = z.enum([
  "created",
  "claimed",
  "results",
  "lease_lost",
  "released",
  "completed",
  "failed",
  "retried",
  "cancelled",
  "priority_changed",
  // What a person did to one result (the data names it); the actor is the staff member.
  "result_resolved",
  "result_skipped",
  "result_retried",
  "result_replaced",
  "result_assigned",
  "result_noted",
  // The campaign inbox: a worker followed a confirmation link, or no mail came in time.
  "email_confirmed",
  "email_link_failed",
  // A staff member saw a directory account's password (who, and when, is the point).
  "account_revealed",
  // A worker looked at a submitted listing's page (live, mismatch, not yet, gone).
  "listing_checked",
  // A staff member asked for a listing to be looked at now.
  "recheck_requested",
]);
export type JobEventType = z.infer<typeof jobEventType>;

/** Progress as the seed defines it: finished (submitted + failed) over every planned result. */
export function progressPercent(counts: { submitted: number; failed: number; total: number }): number {
  if (counts.total === 0) return 0;
  return Math.round(((counts.submitted + counts.failed) / counts.total) * 1000) / 10;
}

/**
 * Where a result stands beyond its seed status, when a person (or a cancel) decided it:
 * `resolved_by_hand` is a submitted result a person finished (listing, note, proof); `skipped` and
 * `replaced` are failed results that are final and never retried (a replaced one names the result
 * planned in its place).
 */
export const resultResolution = z.enum(["resolved_by_hand", "skipped", "replaced"]);
export type ResultResolution = z.infer<typeof resultResolution>;
