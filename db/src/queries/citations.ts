import { desc, eq } from "drizzle-orm";
import type { Db } from "../client.ts";
import { jobResults, jobs } from "../schema/index.ts";

/**
 * Every citation a customer has, across all their jobs, newest first: what staff read on the
 * customer's page to answer "where are we listed?" without opening each job. A customer has at
 * most a few hundred (one per directory they were planned on), so this is one indexed read.
 */
export async function listCustomerCitations(db: Db, customerId: string) {
  return db
    .select({
      id: jobResults.id,
      jobId: jobResults.jobId,
      directoryId: jobResults.directoryId,
      directoryName: jobResults.directoryName,
      status: jobResults.status,
      reason: jobResults.reason,
      resolution: jobResults.resolution,
      listingReference: jobResults.listingReference,
      listingUrl: jobResults.listingUrl,
      liveState: jobResults.liveState,
      submittedAt: jobResults.submittedAt,
      updatedAt: jobResults.updatedAt,
      jobCreatedAt: jobs.createdAt,
    })
    .from(jobResults)
    .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
    .where(eq(jobs.customerId, customerId))
    .orderBy(desc(jobs.createdAt), jobResults.directoryName);
}
