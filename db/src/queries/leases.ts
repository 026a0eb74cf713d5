import { randomUUID } from "node:crypto";
import type { ResultReport } from "@autobolt/contract";
import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { customers, directories, jobResults, jobs } from "../schema/index.ts";
import { recordEvent } from "./events.ts";
import { rowsOf } from "./rows.ts";

export interface LeaseSettings {
  leaseSeconds: number;
  maxAttempts: number;
}

const leaseExpiry = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

/**
 * Claim the most urgent pending job (priority, then age) in one statement. SKIP LOCKED lets any
 * number of workers claim at once without waiting on each other or getting the same job.
 */
export async function claimNextJob(db: Db, params: { workerId: string; leaseSeconds: number }) {
  return db.transaction(async (tx) => {
    const next = tx
      .select({ id: jobs.id })
      .from(jobs)
      .where(eq(jobs.status, "pending"))
      .orderBy(asc(jobs.priorityLevel), asc(jobs.createdAt))
      .limit(1)
      .for("update", { skipLocked: true });
    const [job] = await tx
      .update(jobs)
      .set({
        status: "in_progress",
        workerId: params.workerId,
        leaseToken: randomUUID(),
        leaseExpiresAt: leaseExpiry(params.leaseSeconds),
        startedAt: sql`coalesce(${jobs.startedAt}, now())`,
        updatedAt: sql`now()`,
      })
      .where(inArray(jobs.id, next))
      .returning();
    if (!job) return null;
    const [[customer], pending] = await Promise.all([
      tx.select().from(customers).where(eq(customers.id, job.customerId)),
      tx
        .select({
          id: directories.id,
          name: directories.name,
          url: directories.url,
          submissionUrl: directories.submissionUrl,
          category: directories.category,
          requiresLogin: directories.requiresLogin,
          requiresCaptcha: directories.requiresCaptcha,
          requiresEmailVerification: directories.requiresEmailVerification,
          requiresPhoneVerification: directories.requiresPhoneVerification,
          recipe: directories.recipe,
          // Begun by an earlier holder that never reported: the listing may already exist.
          interrupted: sql<boolean>`${jobResults.startedAt} is not null`,
        })
        .from(jobResults)
        .innerJoin(directories, eq(directories.id, jobResults.directoryId))
        .where(and(eq(jobResults.jobId, job.id), eq(jobResults.status, "pending")))
        .orderBy(sql`${directories.domainAuthority} desc`, asc(directories.id)),
    ]);
    if (!customer) throw new Error(`job ${job.id} has no customer row`);
    await recordEvent(tx, job.id, "claimed", `worker:${params.workerId}`, {
      attempt: job.attempts + 1,
      pending: pending.length,
    });
    return { job, customer, directories: pending };
  });
}

/**
 * Renew the lease of a job this worker still holds, or say why it does not: a worker whose lease
 * expired, was cancelled or was handed to another worker must stop.
 */
async function holdLease(tx: Db, jobId: string, leaseToken: string, leaseSeconds: number) {
  const [held] = await tx
    .update(jobs)
    .set({ leaseExpiresAt: leaseExpiry(leaseSeconds), updatedAt: sql`now()` })
    .where(
      and(
        eq(jobs.id, jobId),
        eq(jobs.leaseToken, leaseToken),
        eq(jobs.status, "in_progress"),
        gt(jobs.leaseExpiresAt, sql`now()`),
      ),
    )
    .returning();
  if (held) return held;
  const [job] = await tx.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
  if (!job) throw new AppError("JOB_NOT_FOUND", `No job with id ${jobId}.`);
  throw new AppError(
    "LEASE_LOST",
    `This worker no longer holds job ${jobId} (it is now ${job.status}): its lease expired, it was cancelled, or another worker has it. Stop working on it and claim the next job.`,
    { status: job.status },
  );
}

export async function heartbeat(db: Db, params: { jobId: string; leaseToken: string; leaseSeconds: number }) {
  const job = await holdLease(db, params.jobId, params.leaseToken, params.leaseSeconds);
  return { leaseExpiresAt: job.leaseExpiresAt };
}

/**
 * Record a batch of results. Only pending results change, so a repeated report (a retry after a
 * lost response) is a no-op; a directory not planned for this job rejects the whole batch.
 */
export async function reportResults(
  db: Db,
  params: { jobId: string; leaseToken: string; results: ResultReport[]; leaseSeconds: number },
) {
  return db.transaction(async (tx) => {
    const job = await holdLease(tx, params.jobId, params.leaseToken, params.leaseSeconds);
    const ids = [...new Set(params.results.map((r) => r.directoryId))];
    if (ids.length !== params.results.length) {
      throw new AppError(
        "BAD_INPUT",
        "A batch names the same directory twice; send one result per directory.",
      );
    }
    const [planned] = await tx
      .select({ n: count() })
      .from(jobResults)
      .where(and(eq(jobResults.jobId, params.jobId), inArray(jobResults.directoryId, ids)));
    if ((planned?.n ?? 0) !== ids.length) {
      throw new AppError(
        "UNKNOWN_DIRECTORY",
        `Some directories in this batch are not part of job ${params.jobId}; nothing was recorded.`,
      );
    }
    const batch = params.results.map((r) => ({
      directory_id: r.directoryId,
      status: r.status,
      reason: r.status === "failed" ? (r.reason ?? null) : null,
      error_message: r.errorMessage ?? null,
      screenshot_url: r.screenshotUrl ?? null,
      submitted_at: r.status === "submitted" ? (r.submittedAt ?? null) : null,
      metadata: r.metadata ?? {},
    }));
    const applied = rowsOf<{ directory_id: string; status: string }>(
      await tx.execute(sql`
        update ${jobResults} as r set
          status = v.status,
          reason = v.reason,
          error_message = v.error_message,
          screenshot_url = v.screenshot_url,
          submitted_at = case when v.status = 'submitted' then coalesce(v.submitted_at, now()) end,
          metadata = r.metadata || v.metadata,
          attempts = r.attempts + 1,
          updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(
          directory_id text, status text, reason text, error_message text,
          screenshot_url text, submitted_at timestamptz, metadata jsonb)
        where r.job_id = ${params.jobId} and r.directory_id = v.directory_id and r.status = 'pending'
        returning r.directory_id, r.status`),
    );
    if (applied.length > 0) {
      await recordEvent(tx, params.jobId, "results", `worker:${job.workerId}`, {
        submitted: applied.filter((a) => a.status === "submitted").length,
        failed: applied.filter((a) => a.status === "failed").length,
        directories: applied.map((a) => a.directory_id),
      });
    }
    return {
      applied: applied.length,
      ignored: params.results.length - applied.length,
      leaseExpiresAt: job.leaseExpiresAt,
    };
  });
}

/**
 * Mark directories as being submitted now, before the browser touches them. A worker that dies
 * mid-submission leaves the mark, and the next claim reports those directories as interrupted.
 */
export async function markStarted(
  db: Db,
  params: { jobId: string; leaseToken: string; directoryIds: string[]; leaseSeconds: number },
) {
  return db.transaction(async (tx) => {
    await holdLease(tx, params.jobId, params.leaseToken, params.leaseSeconds);
    const rows = await tx
      .update(jobResults)
      .set({ startedAt: sql`now()`, startedLease: params.leaseToken })
      .where(
        and(
          eq(jobResults.jobId, params.jobId),
          inArray(jobResults.directoryId, params.directoryIds),
          eq(jobResults.status, "pending"),
        ),
      )
      .returning({ directoryId: jobResults.directoryId });
    return { started: rows.map((r) => r.directoryId) };
  });
}

/**
 * The worker is done with the job. With nothing pending the job is complete; with results still
 * pending (a staff retry arrived mid-run) it goes back to the queue for the rest.
 */
export async function completeJob(
  db: Db,
  params: { jobId: string; leaseToken: string; leaseSeconds: number },
) {
  return db.transaction(async (tx) => {
    const job = await holdLease(tx, params.jobId, params.leaseToken, params.leaseSeconds);
    const tally = await tx
      .select({ status: jobResults.status, n: count() })
      .from(jobResults)
      .where(eq(jobResults.jobId, params.jobId))
      .groupBy(jobResults.status);
    const counts = { pending: 0, submitted: 0, failed: 0 };
    for (const t of tally) counts[t.status] = t.n;
    const status = counts.pending === 0 ? ("complete" as const) : ("pending" as const);
    await tx
      .update(jobs)
      .set({
        status,
        completedAt: status === "complete" ? sql`now()` : null,
        workerId: null,
        leaseToken: null,
        leaseExpiresAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(jobs.id, params.jobId));
    await recordEvent(
      tx,
      params.jobId,
      status === "complete" ? "completed" : "released",
      `worker:${job.workerId}`,
      counts,
    );
    return { status, counts };
  });
}

/** A worker that stops (shutdown, can't go on) hands its job straight back to the queue. */
export async function releaseJob(
  db: Db,
  params: { jobId: string; leaseToken: string; reason?: string | undefined; leaseSeconds: number },
) {
  return db.transaction(async (tx) => {
    const job = await holdLease(tx, params.jobId, params.leaseToken, params.leaseSeconds);
    await tx
      .update(jobs)
      .set({
        status: "pending",
        workerId: null,
        leaseToken: null,
        leaseExpiresAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(jobs.id, params.jobId));
    await recordEvent(tx, params.jobId, "released", `worker:${job.workerId}`, {
      reason: params.reason ?? null,
    });
    return { status: "pending" as const };
  });
}

/**
 * Jobs whose worker stopped renewing go back to the queue (attempts + 1), or fail past the maximum.
 * Safe to run from every server process at once: each expired job is taken by one of them.
 */
export async function reapExpiredLeases(db: Db, settings: Pick<LeaseSettings, "maxAttempts">) {
  return db.transaction(async (tx) => {
    const reaped = rowsOf<{
      id: string;
      status: "pending" | "failed";
      attempts: number;
      worker_id: string | null;
    }>(
      await tx.execute(sql`
        with expired as (
          select id, worker_id from ${jobs}
          where status = 'in_progress' and lease_expires_at < now()
          for update skip locked
        )
        update ${jobs} as j set
          status = case when j.attempts + 1 >= ${settings.maxAttempts} then 'failed' else 'pending' end,
          attempts = j.attempts + 1,
          completed_at = case when j.attempts + 1 >= ${settings.maxAttempts} then now() end,
          last_error = 'Lease expired: worker ' || coalesce(expired.worker_id, '?') || ' stopped reporting',
          worker_id = null, lease_token = null, lease_expires_at = null, updated_at = now()
        from expired
        where j.id = expired.id
        returning j.id, j.status, j.attempts, expired.worker_id`),
    );
    for (const job of reaped) {
      await recordEvent(tx, job.id, "lease_lost", "system", {
        workerId: job.worker_id,
        attempts: job.attempts,
      });
      if (job.status === "failed") {
        await recordEvent(tx, job.id, "failed", "system", {
          reason: `gave up after ${job.attempts} lost leases`,
        });
      }
    }
    return reaped;
  });
}
