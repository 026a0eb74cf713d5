import { and, desc, eq, isNull, notExists, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { customers, directories, jobResults, jobs } from "../schema/index.ts";
import { type Actor, recordEvent } from "./events.ts";

type JobRow = typeof jobs.$inferSelect;
type ResultRow = typeof jobResults.$inferSelect;

/**
 * A result and its job, both locked, job first (the order every job action takes, so two actions
 * on one job wait for each other instead of deadlocking). The job row is written by every action,
 * which wakes live consoles and makes a worker completion racing the action recount (see
 * completeJobs' row-version check).
 */
async function lockResult(tx: Db, resultId: string): Promise<{ job: JobRow; result: ResultRow }> {
  const [owner] = await tx
    .select({ jobId: jobResults.jobId })
    .from(jobResults)
    .where(eq(jobResults.id, resultId));
  if (!owner) throw new AppError("RESULT_NOT_FOUND", `No result with id ${resultId}.`);
  const [job] = await tx.select().from(jobs).where(eq(jobs.id, owner.jobId)).for("update");
  const [result] = await tx.select().from(jobResults).where(eq(jobResults.id, resultId)).for("update");
  if (!job || !result) throw new AppError("RESULT_NOT_FOUND", `No result with id ${resultId}.`);
  return { job, result };
}

const touchJob = (tx: Db, jobId: string) =>
  tx.update(jobs).set({ updatedAt: sql`now()` }).where(eq(jobs.id, jobId));

/** Back to pending puts the job back in the queue, unless a worker holds it (its complete() will). */
const requeueJob = (tx: Db, job: JobRow) =>
  tx
    .update(jobs)
    .set(
      job.status === "in_progress"
        ? { attempts: 0, lastError: null, updatedAt: sql`now()` }
        : { status: "pending", completedAt: null, attempts: 0, lastError: null, updatedAt: sql`now()` },
    )
    .where(eq(jobs.id, job.id));

const evidence = (r: ResultRow) => ({
  status: r.status,
  reason: r.reason,
  errorMessage: r.errorMessage,
  screenshotUrl: r.screenshotUrl,
});

/**
 * A person may decide a result the worker failed (and has not been replaced), or one still
 * pending that no worker is on. A pending result of a running job may be in a browser right now.
 */
function mustBeDecidable(job: JobRow, result: ResultRow, what: string) {
  if (result.status === "submitted") {
    throw new AppError(
      "RESULT_FINISHED",
      `${result.directoryName} is already submitted; there is nothing to ${what}.`,
    );
  }
  if (result.resolution === "replaced") {
    throw new AppError(
      "RESULT_FINISHED",
      `${result.directoryName} was replaced by another directory; act on the replacement instead.`,
    );
  }
  if (result.status === "pending" && job.status === "in_progress") {
    throw new AppError(
      "RESULT_IN_FLIGHT",
      `A worker is on this job and may be submitting ${result.directoryName} now; wait for its result or cancel the job first.`,
    );
  }
}

function mustNotBeCancelled(job: JobRow) {
  if (job.status === "cancelled") {
    throw new AppError(
      "JOB_FINISHED",
      "This job was cancelled; add a package for the customer to submit more directories.",
    );
  }
}

export interface ResolveByHandParams {
  resultId: string;
  /** The listing's URL, or the directory's reference for it. */
  listingReference: string;
  note?: string | undefined;
  /** A proof already stored (a /screenshots/… URL). */
  proofUrl?: string | undefined;
  actor: Actor;
}

/** A person finished the submission: the result becomes submitted, marked as done by a person. */
export async function resolveByHand(db: Db, params: ResolveByHandParams) {
  return db.transaction(async (tx) => {
    const { job, result } = await lockResult(tx, params.resultId);
    mustBeDecidable(job, result, "resolve");
    const [row] = await tx
      .update(jobResults)
      .set({
        status: "submitted",
        submittedAt: sql`now()`,
        resolution: "resolved_by_hand",
        resolvedBy: params.actor,
        resolvedAt: sql`now()`,
        listingReference: params.listingReference,
        resolutionNote: params.note ?? null,
        resolutionProofUrl: params.proofUrl ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(jobResults.id, result.id))
      .returning();
    await touchJob(tx, job.id);
    await recordEvent(tx, job.id, "result_resolved", params.actor, {
      resultId: result.id,
      directoryId: result.directoryId,
      listingReference: params.listingReference,
      note: params.note ?? null,
      proofUrl: params.proofUrl ?? null,
      previous: evidence(result),
    });
    return row as ResultRow;
  });
}

/** A final state: the result counts as finished and no retry (job-wide or not) takes it again. */
export async function skipResult(
  db: Db,
  params: { resultId: string; note?: string | undefined; actor: Actor },
) {
  return db.transaction(async (tx) => {
    const { job, result } = await lockResult(tx, params.resultId);
    mustBeDecidable(job, result, "skip");
    if (result.resolution === "skipped") return result;
    const [row] = await tx
      .update(jobResults)
      .set({
        status: "failed",
        resolution: "skipped",
        resolvedBy: params.actor,
        resolvedAt: sql`now()`,
        resolutionNote: params.note ?? null,
        updatedAt: sql`now()`,
      })
      .where(eq(jobResults.id, result.id))
      .returning();
    await touchJob(tx, job.id);
    await recordEvent(tx, job.id, "result_skipped", params.actor, {
      resultId: result.id,
      directoryId: result.directoryId,
      note: params.note ?? null,
      previous: evidence(result),
    });
    return row as ResultRow;
  });
}

/**
 * This directory only, back to pending and its job back in the queue. An `interrupted` result
 * (a worker died while submitting it, so the listing may exist) is resubmitted only when the
 * person says they checked.
 */
export async function retryResult(
  db: Db,
  params: { resultId: string; confirmInterrupted?: boolean | undefined; actor: Actor },
) {
  return db.transaction(async (tx) => {
    const { job, result } = await lockResult(tx, params.resultId);
    mustNotBeCancelled(job);
    if (result.status === "pending") {
      throw new AppError("NOTHING_TO_RETRY", `${result.directoryName} is already waiting for a worker.`);
    }
    mustBeDecidable(job, result, "retry");
    if (result.reason === "interrupted" && !params.confirmInterrupted) {
      throw new AppError(
        "CONFIRM_INTERRUPTED",
        `A worker stopped while submitting ${result.directoryName}, so the listing may already exist. Check the directory first, then retry with confirmation (or resolve it by hand if the listing is there).`,
      );
    }
    const [row] = await tx
      .update(jobResults)
      .set({
        status: "pending",
        reason: null,
        errorMessage: null,
        submittedAt: null,
        startedAt: null,
        startedLease: null,
        resolution: null,
        resolvedBy: null,
        resolvedAt: null,
        resolutionNote: null,
        updatedAt: sql`now()`,
      })
      .where(eq(jobResults.id, result.id))
      .returning();
    await requeueJob(tx, job);
    await recordEvent(tx, job.id, "result_retried", params.actor, {
      resultId: result.id,
      directoryId: result.directoryId,
      confirmedInterrupted: result.reason === "interrupted",
      previous: evidence(result),
    });
    return row as ResultRow;
  });
}

/**
 * Give up on this directory and plan the next strongest active one this customer has never had
 * a result on (in any job), in the same job: the package keeps its size.
 */
export async function replaceResult(db: Db, params: { resultId: string; actor: Actor }) {
  return db.transaction(async (tx) => {
    const { job, result } = await lockResult(tx, params.resultId);
    mustNotBeCancelled(job);
    if (result.status === "pending") {
      throw new AppError(
        "RESULT_IN_FLIGHT",
        `${result.directoryName} has not been tried yet; skip it or wait for its result before replacing it.`,
      );
    }
    mustBeDecidable(job, result, "replace");
    // Two replacements for one customer in different jobs would otherwise pick the same directory.
    await tx
      .select({ id: customers.id })
      .from(customers)
      .where(eq(customers.id, job.customerId))
      .for("update");
    const used = tx
      .select({ one: sql`1` })
      .from(jobResults)
      .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
      .where(and(eq(jobs.customerId, job.customerId), eq(jobResults.directoryId, directories.id)));
    const [next] = await tx
      .select({ id: directories.id, name: directories.name })
      .from(directories)
      .where(and(eq(directories.active, true), notExists(used)))
      .orderBy(desc(directories.domainAuthority), directories.id)
      .limit(1);
    if (!next) {
      throw new AppError(
        "NO_REPLACEMENT",
        `Every active directory has already been used for ${job.businessName}; skip ${result.directoryName} or add directories to the catalog.`,
      );
    }
    const [replacement] = await tx
      .insert(jobResults)
      .values({ jobId: job.id, directoryId: next.id, directoryName: next.name })
      .returning();
    if (!replacement) throw new Error("insert into job_results returned no row");
    const [row] = await tx
      .update(jobResults)
      .set({
        resolution: "replaced",
        replacedById: replacement.id,
        resolvedBy: params.actor,
        resolvedAt: sql`now()`,
        updatedAt: sql`now()`,
      })
      .where(eq(jobResults.id, result.id))
      .returning();
    await requeueJob(tx, job);
    await recordEvent(tx, job.id, "result_replaced", params.actor, {
      resultId: result.id,
      directoryId: result.directoryId,
      replacement: { resultId: replacement.id, directoryId: next.id, directoryName: next.name },
      previous: evidence(result),
    });
    return { replaced: row as ResultRow, replacement };
  });
}

/** Who works on this result in the needs-attention queue (a staff email), or nobody. */
export async function assignResult(
  db: Db,
  params: { resultId: string; assignee: string | null; actor: Actor },
) {
  return db.transaction(async (tx) => {
    const { job, result } = await lockResult(tx, params.resultId);
    if (result.assignedTo === params.assignee) return result;
    const [row] = await tx
      .update(jobResults)
      .set({
        assignedTo: params.assignee,
        assignedAt: params.assignee ? sql`now()` : null,
      })
      .where(eq(jobResults.id, result.id))
      .returning();
    await touchJob(tx, job.id);
    await recordEvent(tx, job.id, "result_assigned", params.actor, {
      resultId: result.id,
      directoryId: result.directoryId,
      assignee: params.assignee,
      previous: result.assignedTo,
    });
    return row as ResultRow;
  });
}

/** The work queue's note on a result (empty clears it). */
export async function noteResult(db: Db, params: { resultId: string; note: string; actor: Actor }) {
  return db.transaction(async (tx) => {
    const { job, result } = await lockResult(tx, params.resultId);
    const note = params.note.length > 0 ? params.note : null;
    const [row] = await tx
      .update(jobResults)
      .set({ attentionNote: note })
      .where(eq(jobResults.id, result.id))
      .returning();
    await touchJob(tx, job.id);
    await recordEvent(tx, job.id, "result_noted", params.actor, {
      resultId: result.id,
      directoryId: result.directoryId,
      note,
    });
    return row as ResultRow;
  });
}

/** One bulk item's outcome: done, or the domain error that item alone met. */
export type ItemOutcome<K extends string = "resultId"> = Record<K, string> &
  ({ ok: true } | { ok: false; code: string; message: string });

/**
 * A bulk action, item by item, each in its own transaction: one refusal (a domain error) is
 * reported beside its id and does not stop the rest; anything else is a real failure and throws.
 */
export async function forEachItem<K extends string>(
  key: K,
  ids: string[],
  action: (id: string) => Promise<unknown>,
): Promise<ItemOutcome<K>[]> {
  const outcomes: ItemOutcome<K>[] = [];
  for (const id of new Set(ids)) {
    const item = { [key]: id } as Record<K, string>;
    try {
      await action(id);
      outcomes.push({ ...item, ok: true as const });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes.push({ ...item, ok: false as const, code: error.code, message: error.message });
    }
  }
  return outcomes;
}

export const forEachResult = (resultIds: string[], action: (resultId: string) => Promise<unknown>) =>
  forEachItem("resultId", resultIds, action);

/** Pending results of a job never tried by any worker (what a cancel skips). */
export const untriedPending = (jobId: string) =>
  and(eq(jobResults.jobId, jobId), eq(jobResults.status, "pending"), isNull(jobResults.startedAt));
