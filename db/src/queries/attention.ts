import { type FailureReason, needsPersonReasons } from "@autobolt/contract";
import { and, count, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { jobResults, jobs } from "../schema/index.ts";

export interface NeedsAttentionParams {
  reasons?: FailureReason[] | undefined;
  directoryId?: string | undefined;
  limit: number;
  offset: number;
}

/** Failed submissions a person has to finish (captcha, verification, login, validation), across jobs. */
export async function listNeedsAttention(db: Db, params: NeedsAttentionParams) {
  const reasons = params.reasons && params.reasons.length > 0 ? params.reasons : [...needsPersonReasons];
  const where = and(
    eq(jobResults.status, "failed"),
    inArray(jobResults.reason, reasons),
    params.directoryId ? eq(jobResults.directoryId, params.directoryId) : undefined,
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
        updatedAt: jobResults.updatedAt,
        businessName: jobs.businessName,
        email: jobs.email,
        jobStatus: jobs.status,
      })
      .from(jobResults)
      .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
      .where(where)
      .orderBy(desc(jobResults.updatedAt), desc(jobResults.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(jobResults).where(where),
    db
      .select({ reason: jobResults.reason, n: count() })
      .from(jobResults)
      .where(and(eq(jobResults.status, "failed"), inArray(jobResults.reason, [...needsPersonReasons])))
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
