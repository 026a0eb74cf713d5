import { type FailureReason, needsPersonReasons } from "@autobolt/contract";
import { and, count, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { directories, inboxMessages, jobResults, jobs } from "../schema/index.ts";

export interface NeedsAttentionParams {
  reasons?: FailureReason[] | undefined;
  directoryId?: string | undefined;
  /** `mine`: assigned to `me`; `unassigned`: nobody's yet; absent: everyone's. */
  assigned?: "mine" | "unassigned" | undefined;
  /** The staff email `mine` means. */
  me?: string | undefined;
  limit: number;
  offset: number;
}

/**
 * The needs-attention work queue: failures a person has to finish (captcha, verification, login,
 * validation, interrupted) that nobody has resolved, skipped or replaced yet, across jobs, with
 * the evidence beside each. Counts per reason are over the whole queue (the assignment filter
 * applies to them too), from the partial index of open failures.
 */
export async function listNeedsAttention(db: Db, params: NeedsAttentionParams) {
  const reasons = params.reasons && params.reasons.length > 0 ? params.reasons : [...needsPersonReasons];
  const open = and(eq(jobResults.status, "failed"), isNull(jobResults.resolution));
  const assigned: SQL | undefined =
    params.assigned === "unassigned"
      ? isNull(jobResults.assignedTo)
      : params.assigned === "mine"
        ? eq(jobResults.assignedTo, params.me ?? "")
        : undefined;
  const where = and(
    open,
    inArray(jobResults.reason, reasons),
    params.directoryId ? eq(jobResults.directoryId, params.directoryId) : undefined,
    assigned,
  );
  const [items, [total], byReason] = await Promise.all([
    db
      .select({
        id: jobResults.id,
        jobId: jobResults.jobId,
        directoryId: jobResults.directoryId,
        directoryName: jobResults.directoryName,
        reason: jobResults.reason,
        errorMessage: jobResults.errorMessage,
        screenshotUrl: jobResults.screenshotUrl,
        startedAt: jobResults.startedAt,
        updatedAt: jobResults.updatedAt,
        assignedTo: jobResults.assignedTo,
        attentionNote: jobResults.attentionNote,
        submissionUrl: directories.submissionUrl,
        businessName: jobs.businessName,
        email: jobs.email,
        jobStatus: jobs.status,
        confirmation: jobResults.confirmation,
        // The directory's latest mail for this result (text only), beside a failed confirmation.
        mail: sql<{ subject: string; from: string; link: string | null; text: string } | null>`(
          select jsonb_build_object('subject', m.subject, 'from', m.from_address, 'link', m.link,
            'text', left(m.text_body, 1000))
          from ${inboxMessages} m where m.result_id = ${jobResults.id}
          order by m.received_at desc limit 1)`,
      })
      .from(jobResults)
      .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
      .innerJoin(directories, eq(directories.id, jobResults.directoryId))
      .where(where)
      .orderBy(desc(jobResults.updatedAt), desc(jobResults.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(jobResults).where(where),
    db
      .select({ reason: jobResults.reason, n: count() })
      .from(jobResults)
      .where(and(open, inArray(jobResults.reason, [...needsPersonReasons]), assigned))
      .groupBy(jobResults.reason),
  ]);
  return {
    items,
    total: total?.n ?? 0,
    counts: Object.fromEntries(byReason.map((r) => [r.reason, r.n])) as Partial<
      Record<FailureReason, number>
    >,
  };
}

/** Live listings that show a wrong name, address or phone: what to fix, newest check first. */
export function listMismatches(db: Db, params: { limit: number }) {
  return db
    .select({
      id: jobResults.id,
      jobId: jobResults.jobId,
      directoryId: jobResults.directoryId,
      directoryName: jobResults.directoryName,
      businessName: jobs.businessName,
      listingUrl: jobResults.listingUrl,
      napMismatch: jobResults.napMismatch,
      liveCheckedAt: jobResults.liveCheckedAt,
    })
    .from(jobResults)
    .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
    .where(eq(jobResults.liveState, "mismatch"))
    .orderBy(desc(jobResults.liveCheckedAt))
    .limit(params.limit);
}
