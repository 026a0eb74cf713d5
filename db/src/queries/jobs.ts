import { type JobStatus, progressPercent, type queueInput } from "@autobolt/contract";
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { customers, jobResults, jobs } from "../schema/index.ts";
import { escapeLike } from "./directories.ts";
import { type Actor, listJobEvents, recordEvent } from "./events.ts";

export type QueueSortKey = z.infer<typeof queueInput>["sort"];

export interface QueueParams {
  status?: JobStatus[] | undefined;
  search?: string | undefined;
  sort: QueueSortKey;
  direction: "asc" | "desc";
  limit: number;
  offset: number;
}

// Counted for the rows of a page only, through the (job_id, status) index.
const resultCount = (status: "submitted" | "failed" | "pending") =>
  sql<number>`(select count(*) from job_results r where r.job_id = jobs.id and r.status = ${status})`.mapWith(
    Number,
  );

const searchCondition = (search: string | undefined) => {
  if (!search) return undefined;
  const term = `%${escapeLike(search)}%`;
  return or(ilike(jobs.businessName, term), ilike(jobs.email, term));
};

const countsStatement = (db: Db, search: string | undefined) =>
  db
    .select({ status: jobs.status, n: count() })
    .from(jobs)
    .where(searchCondition(search))
    .groupBy(jobs.status);

/**
 * The statements behind one view of the queue, not yet run: listQueue runs them, and the
 * benchmark explains exactly these.
 */
export function queueStatements(db: Db, params: QueueParams) {
  const searchWhere = searchCondition(params.search);
  const where = and(
    searchWhere,
    params.status && params.status.length > 0 ? inArray(jobs.status, params.status) : undefined,
  );
  const sortColumn = jobs[params.sort];
  const order: SQL[] = [
    params.direction === "asc" ? asc(sortColumn) : desc(sortColumn),
    params.direction === "asc" ? asc(jobs.id) : desc(jobs.id),
  ];
  return {
    page: db
      .select({
        job: jobs,
        submitted: resultCount("submitted"),
        failed: resultCount("failed"),
        pending: resultCount("pending"),
      })
      .from(jobs)
      .where(where)
      .orderBy(...order)
      .limit(params.limit)
      .offset(params.offset),
    total: db.select({ n: count() }).from(jobs).where(where),
    counts: countsStatement(db, params.search),
  };
}

/** Jobs per status (the queue's tabs), among those matching the search if there is one. */
export async function queueCounts(db: Db, search?: string): Promise<Record<JobStatus, number>> {
  return tallyCounts(await countsStatement(db, search));
}

function tallyCounts(rows: { status: JobStatus; n: number }[]): Record<JobStatus, number> {
  const counts: Record<JobStatus, number> = {
    pending: 0,
    in_progress: 0,
    complete: 0,
    failed: 0,
    cancelled: 0,
  };
  for (const row of rows) counts[row.status] = row.n;
  return counts;
}

/** The staff queue: a page of jobs with progress from job_results, plus counts per status. */
export async function listQueue(db: Db, params: QueueParams) {
  const statements = queueStatements(db, params);
  const [rows, [total], perStatus] = await Promise.all([
    statements.page,
    statements.total,
    statements.counts,
  ]);
  return {
    items: rows.map(({ job, submitted, failed, pending }) =>
      withProgress(job, { submitted, failed, pending }),
    ),
    total: total?.n ?? 0,
    counts: tallyCounts(perStatus),
  };
}

type JobRow = typeof jobs.$inferSelect;

function withProgress(job: JobRow, c: { submitted: number; failed: number; pending: number }) {
  const total = c.submitted + c.failed + c.pending;
  return { ...job, results: { ...c, total }, progress: progressPercent({ ...c, total }) };
}

export async function getJob(db: Db, id: string): Promise<JobRow> {
  const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
  if (!job) throw new AppError("JOB_NOT_FOUND", `No job with id ${id}.`);
  return job;
}

/** A job with its customer, every directory result and its event log. */
export async function getJobDetail(db: Db, id: string) {
  const job = await getJob(db, id);
  const [[customer], results, events] = await Promise.all([
    db.select().from(customers).where(eq(customers.id, job.customerId)),
    db
      .select()
      .from(jobResults)
      .where(eq(jobResults.jobId, id))
      .orderBy(asc(jobResults.directoryName), asc(jobResults.directoryId)),
    listJobEvents(db, id),
  ]);
  if (!customer) throw new Error(`job ${id} has no customer row`);
  const tally = { submitted: 0, failed: 0, pending: 0 };
  for (const r of results) tally[r.status] += 1;
  return { job: withProgress(job, tally), customer, results, events };
}

/**
 * Put failed directories back to pending (all, or the ones named) and the job back in the queue.
 * What each failure said is kept in the event log, so a retry never erases evidence.
 */
export async function retryFailed(
  db: Db,
  params: { jobId: string; directoryIds?: string[] | undefined; actor: Actor },
) {
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, params.jobId);
    if (job.status === "cancelled") {
      throw new AppError(
        "JOB_FINISHED",
        "This job was cancelled; create a new package for the customer instead.",
      );
    }
    const failedWhere = and(
      eq(jobResults.jobId, params.jobId),
      eq(jobResults.status, "failed"),
      params.directoryIds ? inArray(jobResults.directoryId, params.directoryIds) : undefined,
    );
    const failures = await tx
      .select({
        directoryId: jobResults.directoryId,
        reason: jobResults.reason,
        errorMessage: jobResults.errorMessage,
        screenshotUrl: jobResults.screenshotUrl,
      })
      .from(jobResults)
      .where(failedWhere);
    // A job that failed because its workers kept dying may have no failed results, only pending
    // ones: retrying it puts it back in the queue all the same.
    if (failures.length === 0 && job.status !== "failed") {
      throw new AppError("NOTHING_TO_RETRY", "This job has no failed directories to retry.");
    }
    if (failures.length > 0)
      await tx
        .update(jobResults)
        .set({
          status: "pending",
          reason: null,
          errorMessage: null,
          submittedAt: null,
          startedAt: null,
          startedLease: null,
          updatedAt: new Date(),
        })
        .where(failedWhere);
    // A job a worker holds keeps its lease: the worker's complete() will hand the new pending
    // results back to the queue. Its row is still written, so that a completion racing this retry
    // sees a changed row and recounts (see completeJobs), and open consoles hear of the change.
    // Otherwise the job is queued again with a clean slate.
    await tx
      .update(jobs)
      .set(
        job.status === "in_progress"
          ? { updatedAt: sql`now()` }
          : { status: "pending", completedAt: null, attempts: 0, lastError: null, updatedAt: sql`now()` },
      )
      .where(eq(jobs.id, params.jobId));
    await recordEvent(tx, params.jobId, "retried", params.actor, { directories: failures });
    return { retried: failures.length };
  });
}

export async function cancelJob(db: Db, params: { jobId: string; actor: Actor }) {
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, params.jobId);
    if (job.status === "complete" || job.status === "cancelled") {
      throw new AppError("JOB_FINISHED", `This job is already ${job.status}; there is nothing to cancel.`);
    }
    // Clearing the lease is what stops a worker that is on it: its next report is refused.
    const [row] = await tx
      .update(jobs)
      .set({
        status: "cancelled",
        completedAt: new Date(),
        workerId: null,
        leaseToken: null,
        leaseExpiresAt: null,
        updatedAt: new Date(),
      })
      .where(eq(jobs.id, params.jobId))
      .returning();
    await recordEvent(tx, params.jobId, "cancelled", params.actor, { previousStatus: job.status });
    return row;
  });
}

export async function setPriority(db: Db, params: { jobId: string; priorityLevel: number; actor: Actor }) {
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, params.jobId);
    const [row] = await tx
      .update(jobs)
      .set({ priorityLevel: params.priorityLevel, updatedAt: new Date() })
      .where(eq(jobs.id, params.jobId))
      .returning();
    await recordEvent(tx, params.jobId, "priority_changed", params.actor, {
      from: job.priorityLevel,
      to: params.priorityLevel,
    });
    return row;
  });
}

async function lockJob(tx: Db, jobId: string): Promise<JobRow> {
  const [job] = await tx.select().from(jobs).where(eq(jobs.id, jobId)).for("update");
  if (!job) throw new AppError("JOB_NOT_FOUND", `No job with id ${jobId}.`);
  return job;
}
