import {
  type JobStatus,
  jobStatus,
  progressPercent,
  type queueInput,
  type ResultStatus,
} from "@autobolt/contract";
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
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

// ILIKE '%term%' on either column is answered by its trigram index for a term of three characters
// or more; a shorter term has no trigram and is checked against every job.
const searchCondition = (search: string | undefined) => {
  if (!search) return undefined;
  const term = `%${escapeLike(search)}%`;
  return or(ilike(jobs.businessName, term), ilike(jobs.email, term));
};

/**
 * Jobs per status. With a search, the matches found through the trigram indexes are grouped as
 * they come, so the cost follows the number of matches. Without one, each status but complete is
 * counted by an index-only scan of its run of jobs_status_idx, and complete is what they leave of
 * job_count, the exact number of jobs kept by triggers on insert, delete and truncate (migration
 * 0004). Complete is most of the queue and only grows: counting it would read nearly every job on
 * every view of the queue, while no status change ever touches job_count.
 */
const countsStatement = (db: Db, search: string | undefined) => {
  if (search) {
    return db
      .select({ status: jobs.status, n: count() })
      .from(jobs)
      .where(searchCondition(search))
      .groupBy(jobs.status);
  }
  const tab = (status: Exclude<JobStatus, "complete">) =>
    db
      .select({ status: sql<CountRow["status"]>`${status}::text`.as("status"), n: count() })
      .from(jobs)
      .where(eq(jobs.status, status));
  const all = db
    .select({ status: sql<CountRow["status"]>`'all'::text`.as("status"), n: sql<number>`n`.mapWith(Number) })
    .from(sql`job_count`);
  return unionAll(all, tab("pending"), tab("in_progress"), tab("failed"), tab("cancelled"));
};

interface CountRow {
  status: JobStatus | "all";
  n: number;
}

const countOf = (status: ResultStatus) =>
  sql<number>`count(*) filter (where ${jobResults.status} = ${status})::int`.mapWith(Number);

/**
 * The statements behind one view of the queue, not yet run: listQueue runs them, and the
 * benchmark explains exactly these.
 *
 * The page is chosen first by ids alone, which every sort (and a status tab's default sort) reads
 * in order from a (sort column, created_at, id) index without touching the table, so a row
 * skipped by the offset costs one index entry. Only the chosen rows are then read and have their
 * results counted, in one index-only pass over (job_id, status) per job.
 */
export function queueStatements(db: Db, params: QueueParams) {
  const statuses = params.status && params.status.length > 0 ? params.status : undefined;
  // Ties are broken by age, then id, in the same direction: a stable order that the
  // (sort column, created_at, id) indexes return as stored.
  const keys =
    params.sort === "createdAt" ? [jobs.createdAt, jobs.id] : [jobs[params.sort], jobs.createdAt, jobs.id];
  const order: SQL[] = keys.map((column) => (params.direction === "asc" ? asc(column) : desc(column)));
  const page = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(and(searchCondition(params.search), statuses ? inArray(jobs.status, statuses) : undefined))
    .orderBy(...order)
    .limit(params.limit)
    .offset(params.offset)
    .as("page");
  const progress = db
    .select({
      submitted: countOf("submitted").as("submitted"),
      failed: countOf("failed").as("failed"),
      pending: countOf("pending").as("pending"),
    })
    .from(jobResults)
    .where(eq(jobResults.jobId, page.id))
    .as("progress");
  return {
    page: db
      .select({
        job: jobs,
        submitted: progress.submitted,
        failed: progress.failed,
        pending: progress.pending,
      })
      .from(page)
      .innerJoin(jobs, eq(jobs.id, page.id))
      .crossJoinLateral(progress)
      .orderBy(...order),
    counts: countsStatement(db, params.search),
  };
}

/** Jobs per status (the queue's tabs), among those matching the search if there is one. */
export async function queueCounts(db: Db, search?: string): Promise<Record<JobStatus, number>> {
  return tallyCounts(await countsStatement(db, search));
}

function tallyCounts(rows: CountRow[]): Record<JobStatus, number> {
  const counts: Record<JobStatus, number> = {
    pending: 0,
    in_progress: 0,
    complete: 0,
    failed: 0,
    cancelled: 0,
  };
  let all: number | undefined;
  for (const row of rows) {
    if (row.status === "all") all = row.n;
    else counts[row.status] = row.n;
  }
  if (all !== undefined) {
    counts.complete = all - counts.pending - counts.in_progress - counts.failed - counts.cancelled;
  }
  return counts;
}

/**
 * How PostgreSQL plans the staff queue's statements, set for the queue's own transaction only
 * (the benchmark explains its plans with the same settings).
 */
export const queuePlannerSettings = {
  // Planned for these values every time. The server prepares its statements, and after a few runs
  // PostgreSQL may reuse a generic plan, which cannot tell a rare search term from a common one:
  // it walked every job backwards by date looking for 25 that matched (340 ms for a term that
  // matched none, against 0.1 ms through the trigram indexes).
  plan_cache_mode: "force_custom_plan",
  // PostgreSQL prices an ILIKE like an `=`, so counting a search that must test every job (a term
  // of one or two letters, which no trigram narrows) never looks worth a second process. Priced
  // lower, that count splits across two cores: 69 to 40 ms over 100,000 jobs in EXPLAIN ANALYZE.
  parallel_setup_cost: "100",
} as const;

/** The staff queue: a page of jobs with progress from job_results, plus counts per status. */
export async function listQueue(db: Db, params: QueueParams) {
  const [rows, perStatus] = await db.transaction(
    async (tx) => {
      await tx.execute(
        sql`select ${sql.join(
          Object.entries(queuePlannerSettings).map(
            ([name, value]) => sql`set_config(${name}, ${value}, true)`,
          ),
          sql`, `,
        )}`,
      );
      const statements = queueStatements(tx, params);
      return [await statements.page, await statements.counts] as const;
    },
    // One snapshot, so the page, its total and the tabs always agree.
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  const counts = tallyCounts(perStatus);
  // The filter's total is the sum of its tabs: counting the same jobs a second time would double
  // the most expensive part of every call.
  const filtered = params.status && params.status.length > 0 ? new Set(params.status) : jobStatus.options;
  let total = 0;
  for (const status of filtered) total += counts[status];
  return {
    items: rows.map(({ job, submitted, failed, pending }) =>
      withProgress(job, { submitted, failed, pending }),
    ),
    total,
    counts,
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
    // Otherwise the job is queued again. Either way the attempts start again: the completion that
    // finds the retried results pending counts one, and that must not fail a job staff just retried.
    await tx
      .update(jobs)
      .set(
        job.status === "in_progress"
          ? { attempts: 0, lastError: null, updatedAt: sql`now()` }
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
