import {
  type JobStatus,
  jobStatus,
  progressPercent,
  type queueInput,
  type ResultStatus,
} from "@autobolt/contract";
import {
  and,
  asc,
  count,
  desc,
  eq,
  getTableColumns,
  ilike,
  inArray,
  isNull,
  ne,
  or,
  type SQL,
  sql,
} from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { customers, directories, directoryAccounts, jobResults, jobs } from "../schema/index.ts";
import { escapeLike } from "./directories.ts";
import { type Actor, listJobEvents, recordEvent } from "./events.ts";
import { untriedPending } from "./result-actions.ts";

export type QueueSortKey = z.infer<typeof queueInput>["sort"];

export interface QueueParams {
  status?: JobStatus[] | undefined;
  /** Only jobs with a result that needs a person (a failure nobody has resolved, skipped or replaced). */
  needsPerson?: boolean | undefined;
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
const countWhere = (condition: SQL) => sql<number>`count(*) filter (where ${condition})::int`.mapWith(Number);

/** A failure no person has decided yet: the needs-attention queue's items. */
export const openFailure = and(eq(jobResults.status, "failed"), isNull(jobResults.resolution));

/** Jobs with an open failure, read from the partial index job_results_open_failures_idx alone. */
const hasOpenFailure = (db: Db) =>
  sql`exists (${db
    .select({ one: sql`1` })
    .from(jobResults)
    .where(and(eq(jobResults.jobId, jobs.id), openFailure))})`;

/**
 * Jobs with an open failure (the queue's "needs a person" tab), among those matching the search
 * and statuses. Counted from the partial index of open failures, whose size is the work queue's,
 * not the history's.
 */
const needsPersonStatement = (db: Db, search: string | undefined, statuses: JobStatus[] | undefined) => {
  const narrowed = search || statuses;
  const openJobs = db
    .selectDistinct({ jobId: jobResults.jobId })
    .from(jobResults)
    .where(openFailure)
    .as("open_jobs");
  if (!narrowed) return db.select({ n: count() }).from(openJobs);
  return db
    .select({ n: count() })
    .from(openJobs)
    .innerJoin(jobs, eq(jobs.id, openJobs.jobId))
    .where(and(searchCondition(search), statuses ? inArray(jobs.status, statuses) : undefined));
};

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
    .where(
      and(
        searchCondition(params.search),
        statuses ? inArray(jobs.status, statuses) : undefined,
        params.needsPerson ? hasOpenFailure(db) : undefined,
      ),
    )
    .orderBy(...order)
    .limit(params.limit)
    .offset(params.offset)
    .as("page");
  const progress = db
    .select({
      submitted: countOf("submitted").as("submitted"),
      failed: countOf("failed").as("failed"),
      pending: countOf("pending").as("pending"),
      needPerson: countWhere(openFailure as SQL).as("need_person"),
      skipped: countWhere(eq(jobResults.resolution, "skipped")).as("skipped"),
      replaced: countWhere(eq(jobResults.resolution, "replaced")).as("replaced"),
      byHand: countWhere(eq(jobResults.resolution, "resolved_by_hand")).as("by_hand"),
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
        needPerson: progress.needPerson,
        skipped: progress.skipped,
        replaced: progress.replaced,
        byHand: progress.byHand,
      })
      .from(page)
      .innerJoin(jobs, eq(jobs.id, page.id))
      .crossJoinLateral(progress)
      .orderBy(...order),
    counts: countsStatement(db, params.search),
    needsPerson: needsPersonStatement(
      db,
      params.search,
      params.needsPerson && statuses ? statuses : undefined,
    ),
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
  const [rows, perStatus, [needsPerson]] = await db.transaction(
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
      return [await statements.page, await statements.counts, await statements.needsPerson] as const;
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
  const needsPersonCount = needsPerson?.n ?? 0;
  return {
    items: rows.map(({ job, ...tally }) => withProgress(job, tally)),
    total: params.needsPerson ? needsPersonCount : total,
    counts,
    /** Jobs with a result that needs a person (within the status filter when that tab is on). */
    needsPerson: needsPersonCount,
  };
}

type JobRow = typeof jobs.$inferSelect;

/**
 * A job's results by where they stand. `submitted`, `failed` and `pending` are the seed's
 * statuses (progress counts them as always); the rest break them down: `needPerson` failures
 * still open, `skipped` and `replaced` failures decided by a person (or a cancel), `byHand`
 * submissions a person made.
 */
export interface ResultTally {
  submitted: number;
  failed: number;
  pending: number;
  needPerson: number;
  skipped: number;
  replaced: number;
  byHand: number;
}

function withProgress(job: JobRow, c: ResultTally) {
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
      .select({
        ...getTableColumns(jobResults),
        submissionUrl: directories.submissionUrl,
        // Re-checks can find its listing by searching the directory, link or not.
        searchable: sql<boolean>`${directories.listingSearch} is not null`,
        // The directory account the worker made for this customer, if any (never its password).
        account: {
          id: directoryAccounts.id,
          email: directoryAccounts.email,
          handedOver: directoryAccounts.handedOver,
        },
      })
      .from(jobResults)
      .innerJoin(directories, eq(directories.id, jobResults.directoryId))
      .leftJoin(
        directoryAccounts,
        and(
          eq(directoryAccounts.customerId, job.customerId),
          eq(directoryAccounts.directoryId, jobResults.directoryId),
        ),
      )
      .where(eq(jobResults.jobId, id))
      .orderBy(asc(jobResults.directoryName), asc(jobResults.directoryId)),
    listJobEvents(db, id),
  ]);
  if (!customer) throw new Error(`job ${id} has no customer row`);
  const tally: ResultTally = {
    submitted: 0,
    failed: 0,
    pending: 0,
    needPerson: 0,
    skipped: 0,
    replaced: 0,
    byHand: 0,
  };
  for (const r of results) {
    tally[r.status] += 1;
    if (r.status === "failed" && r.resolution === null) tally.needPerson += 1;
    if (r.resolution === "skipped") tally.skipped += 1;
    if (r.resolution === "replaced") tally.replaced += 1;
    if (r.resolution === "resolved_by_hand") tally.byHand += 1;
  }
  return { job: withProgress(job, tally), customer, results, events };
}

/**
 * Put failed directories back to pending (all, or the ones named) and the job back in the queue.
 * What each failure said is kept in the event log, so a retry never erases evidence.
 */
export async function retryFailed(
  db: Db,
  params: {
    jobId: string;
    directoryIds?: string[] | undefined;
    /** Also resubmit `interrupted` directories: the person checked that no listing exists. */
    confirmInterrupted?: boolean | undefined;
    actor: Actor;
  },
) {
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, params.jobId);
    if (job.status === "cancelled") {
      throw new AppError(
        "JOB_FINISHED",
        "This job was cancelled; create a new package for the customer instead.",
      );
    }
    // Open failures only: a skipped or replaced result is final. An interrupted one may have its
    // listing already, so it is left for a person unless they confirm.
    const failedWhere = and(
      eq(jobResults.jobId, params.jobId),
      eq(jobResults.status, "failed"),
      isNull(jobResults.resolution),
      params.confirmInterrupted
        ? undefined
        : or(isNull(jobResults.reason), ne(jobResults.reason, "interrupted")),
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
      throw new AppError(
        "NOTHING_TO_RETRY",
        "This job has no failed directories a retry may resubmit (skipped and replaced ones are final; interrupted ones wait for a person to check the directory).",
      );
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
    const [held] = params.confirmInterrupted
      ? [{ n: 0 }]
      : await tx
          .select({ n: count() })
          .from(jobResults)
          .where(
            and(
              eq(jobResults.jobId, params.jobId),
              eq(jobResults.status, "failed"),
              isNull(jobResults.resolution),
              eq(jobResults.reason, "interrupted"),
              params.directoryIds ? inArray(jobResults.directoryId, params.directoryIds) : undefined,
            ),
          );
    return { retried: failures.length, interruptedKept: held?.n ?? 0 };
  });
}

/**
 * Stop a job. Directories no worker has tried become skipped (final, never pending for ever).
 * Directories the current worker had started stay pending for it: clearing the lease stops its
 * heartbeats and claims, but the results it reports for them are kept (the listing exists; see
 * reportResults). Directories an earlier worker started and never reported become `interrupted`,
 * for a person to check.
 */
export async function cancelJob(db: Db, params: { jobId: string; actor: Actor }) {
  return db.transaction(async (tx) => {
    const job = await lockJob(tx, params.jobId);
    if (job.status === "complete" || job.status === "cancelled") {
      throw new AppError("JOB_FINISHED", `This job is already ${job.status}; there is nothing to cancel.`);
    }
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
    const skipped = await tx
      .update(jobResults)
      .set({
        status: "failed",
        resolution: "skipped",
        resolvedBy: params.actor,
        resolvedAt: sql`now()`,
        errorMessage: "The job was cancelled before this directory was tried.",
        updatedAt: sql`now()`,
      })
      .where(untriedPending(params.jobId))
      .returning({ directoryId: jobResults.directoryId });
    const running = job.status === "in_progress" && job.leaseToken ? job.leaseToken : null;
    const interrupted = await tx
      .update(jobResults)
      .set({
        status: "failed",
        reason: "interrupted",
        errorMessage:
          "A worker started this directory and stopped before reporting; the listing may exist. Check the directory before resubmitting.",
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(jobResults.jobId, params.jobId),
          eq(jobResults.status, "pending"),
          running
            ? sql`${jobResults.startedLease} is distinct from ${running}::uuid`
            : sql`${jobResults.startedAt} is not null`,
        ),
      )
      .returning({ directoryId: jobResults.directoryId });
    await recordEvent(tx, params.jobId, "cancelled", params.actor, {
      previousStatus: job.status,
      workerId: job.workerId,
      skipped: skipped.length,
      interrupted: interrupted.length,
    });
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
