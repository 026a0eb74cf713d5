import type { LearnedMapping, Recipe, ResultReport } from "@autobolt/contract";
import { and, asc, count, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import {
  claimPauses,
  customers,
  directories,
  directoryAccounts,
  jobEvents,
  jobResults,
  jobs,
} from "../schema/index.ts";
import { recordEvent } from "./events.ts";
import { fromRow, parseJson, rowsOf, selectColumns } from "./rows.ts";

export interface LeaseSettings {
  leaseSeconds: number;
  maxAttempts: number;
}

const leaseExpiry = (seconds: number) => sql`now() + make_interval(secs => ${seconds})`;

/** One claim request: this worker wants up to `limit` jobs. */
export interface ClaimRequest {
  workerId: string;
  limit: number;
}

/** What a worker needs to do a directory: where to go, what it demands, and its recipe. */
export interface ClaimedDirectory {
  id: string;
  name: string;
  url: string;
  submissionUrl: string;
  category: string;
  requiresLogin: boolean;
  requiresCaptcha: boolean;
  requiresEmailVerification: boolean;
  requiresPhoneVerification: boolean;
  recipe: Recipe | null;
  /** How a worker got through the form last time, to follow before discovering it again. */
  learned: LearnedMapping | null;
  /** Begun by an earlier holder that never reported: the listing may already exist. */
  interrupted: boolean;
  /** The address to type into this directory's email fields. */
  formEmail: string;
}

/** A job row while a worker holds it: its lease token and expiry are set. */
export type HeldJob = typeof jobs.$inferSelect & { leaseToken: string; leaseExpiresAt: Date };

export interface ClaimedJob {
  job: HeldJob;
  customer: typeof customers.$inferSelect;
  directories: ClaimedDirectory[];
}

const jobColumns = selectColumns(jobs, "c");

/**
 * Claim jobs for many requests in ONE statement: the most urgent pending jobs (priority, then age)
 * are locked with SKIP LOCKED, so any number of servers and workers claim at once without waiting
 * on each other or getting the same job, then handed out in request order. Each job gets its own
 * lease token; the claim is logged; the customer and the pending directories come back with it.
 * Answers one list per request, in order (shorter, or empty, when the queue runs out).
 */
export async function claimJobs(
  db: Db,
  params: {
    requests: ClaimRequest[];
    leaseSeconds: number;
    /** With the campaign inbox on, directories that take it get <campaign_local>@this domain. */
    campaignDomain?: string | undefined;
  },
): Promise<ClaimedJob[][]> {
  const slotWorkers = params.requests.flatMap((r) => Array.from({ length: r.limit }, () => r.workerId));
  if (slotWorkers.length === 0) return params.requests.map(() => []);
  const rows = rowsOf<
    Record<string, unknown> & { slot: string | number; customer: unknown; directories: unknown }
  >(
    await db.execute(sql`
      with slots as (
        select s.worker_id, s.slot
        from jsonb_array_elements_text(${JSON.stringify(slotWorkers)}::jsonb) with ordinality as s(worker_id, slot)
      ),
      picked as (
        select p.id, row_number() over (order by p.priority_level, p.created_at, p.id) as slot
        from (
          select id, priority_level, created_at from ${jobs} pj
          where status = 'pending'
            -- Paused by staff: everything, or this job's every pending directory.
            and not exists (select 1 from ${claimPauses} where scope = 'all')
            and (
              not exists (select 1 from ${claimPauses})
              or exists (
                select 1 from ${jobResults} pr
                where pr.job_id = pj.id and pr.status = 'pending'
                  and pr.directory_id not in (select scope from ${claimPauses})
              )
            )
          order by priority_level, created_at
          limit ${slotWorkers.length}
          for update skip locked
        ) p
      ),
      claimed as (
        update ${jobs} as j set
          status = 'in_progress',
          worker_id = slots.worker_id,
          lease_token = gen_random_uuid(),
          lease_expires_at = ${leaseExpiry(params.leaseSeconds)},
          started_at = coalesce(j.started_at, now()),
          updated_at = now()
        from picked join slots on slots.slot = picked.slot
        where j.id = picked.id
        returning j.*, picked.slot
      ),
      pending as (
        select r.job_id, count(*)::int as n, jsonb_agg(jsonb_build_object(
          'id', d.id, 'name', d.name, 'url', d.url, 'submissionUrl', d.submission_url,
          'category', d.category, 'requiresLogin', d.requires_login,
          'requiresCaptcha', d.requires_captcha,
          'requiresEmailVerification', d.requires_email_verification,
          'requiresPhoneVerification', d.requires_phone_verification,
          'recipe', d.recipe, 'learned', d.learned, 'interrupted', r.started_at is not null,
          'signUp', ${params.campaignDomain ?? null}::text is not null and d.form_email = 'campaign',
          'formEmail', (
            select case when ${params.campaignDomain ?? null}::text is not null and d.form_email = 'campaign'
              then cu.campaign_local || '@' || ${params.campaignDomain ?? null}::text else cu.email end
            from ${customers} cu where cu.id = c.customer_id)
        ) order by d.domain_authority desc, d.id) as directories
        from claimed c
        join ${jobResults} r on r.job_id = c.id and r.status = 'pending'
        join ${directories} d on d.id = r.directory_id
        where d.id not in (select scope from ${claimPauses})
        group by r.job_id
      ),
      logged as (
        insert into ${jobEvents} (job_id, type, actor, data)
        select c.id, 'claimed', 'worker:' || c.worker_id,
          jsonb_build_object('attempt', c.attempts + 1, 'pending', coalesce(p.n, 0))
        from claimed c left join pending p on p.job_id = c.id
      )
      select ${jobColumns}, c.slot,
        (select to_jsonb(cu) from ${customers} cu where cu.id = c.customer_id) as customer,
        coalesce(p.directories, '[]'::jsonb) as directories
      from claimed c left join pending p on p.job_id = c.id
      order by c.slot`),
  );
  const bySlot = new Map<number, ClaimedJob>();
  for (const row of rows) {
    const customer = parseJson(row.customer);
    if (!customer) throw new Error(`job ${String(row.id)} has no customer row`);
    bySlot.set(Number(row.slot), {
      // The claim just set both lease columns.
      job: fromRow(jobs, row) as HeldJob,
      customer: fromRow(customers, customer as Record<string, unknown>, "snake"),
      directories: parseJson(row.directories) as ClaimedDirectory[],
    });
  }
  let offset = 0;
  return params.requests.map((request) => {
    const mine: ClaimedJob[] = [];
    for (let slot = offset + 1; slot <= offset + request.limit; slot++) {
      const claimed = bySlot.get(slot);
      if (claimed) mine.push(claimed);
    }
    offset += request.limit;
    return mine;
  });
}

/**
 * Renew the lease of a job this worker still holds, or say why it does not: a worker whose lease
 * expired, was cancelled or was handed to another worker must stop.
 */
async function holdLease(tx: Db, jobId: string, leaseToken: string, leaseSeconds: number): Promise<HeldJob> {
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
  // Matched on its lease token and renewed: both lease columns are set.
  if (held) return held as HeldJob;
  const [job] = await tx.select({ status: jobs.status }).from(jobs).where(eq(jobs.id, jobId));
  if (!job) throw new AppError("JOB_NOT_FOUND", `No job with id ${jobId}.`);
  throw new AppError(
    "LEASE_LOST",
    `This worker no longer holds job ${jobId} (it is now ${job.status}): its lease expired, it was cancelled, or another worker has it. Stop working on it and claim the next job.`,
    { status: job.status },
  );
}

/**
 * A report is taken from the lease holder, or, after a cancel, from the worker that held the job
 * then, for the directories it had started under that lease (their listings exist). A cancelled
 * job's lease columns are cleared, so that worker is known by the started marks on its results.
 */
async function holdLeaseOrCancelled(
  tx: Db,
  jobId: string,
  leaseToken: string,
  leaseSeconds: number,
): Promise<
  { cancelled: false; job: HeldJob; workerId: string | null } | { cancelled: true; workerId: string }
> {
  try {
    const job = await holdLease(tx, jobId, leaseToken, leaseSeconds);
    return { cancelled: false, job, workerId: job.workerId };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "LEASE_LOST" || error.details?.status !== "cancelled")
      throw error;
    const [started] = await tx
      .select({ n: count() })
      .from(jobResults)
      .where(
        and(
          eq(jobResults.jobId, jobId),
          eq(jobResults.startedLease, leaseToken),
          eq(jobResults.status, "pending"),
        ),
      );
    if ((started?.n ?? 0) === 0) throw error;
    const [cancel] = await tx
      .select({ workerId: sql<string | null>`${jobEvents.data}->>'workerId'` })
      .from(jobEvents)
      .where(and(eq(jobEvents.jobId, jobId), eq(jobEvents.type, "cancelled")))
      .orderBy(desc(jobEvents.id))
      .limit(1);
    return { cancelled: true, workerId: cancel?.workerId ?? "?" };
  }
}

export async function heartbeat(db: Db, params: { jobId: string; leaseToken: string; leaseSeconds: number }) {
  const job = await holdLease(db, params.jobId, params.leaseToken, params.leaseSeconds);
  return { leaseExpiresAt: job.leaseExpiresAt };
}

/**
 * Record a batch of results. Only pending results change, so a repeated report (a retry after a
 * lost response) is a no-op; a directory not planned for this job rejects the whole batch.
 */
/** What the campaign inbox adds to a result report: a campaign address in use, and how to seal a password. */
export interface InboxReporting {
  seal(password: string): { cipher: string; iv: string; tag: string };
}

export async function reportResults(
  db: Db,
  params: {
    jobId: string;
    leaseToken: string;
    results: ResultReport[];
    leaseSeconds: number;
    /** Set when the campaign inbox is on. */
    inbox?: InboxReporting | undefined;
  },
) {
  return db.transaction(async (tx) => {
    const held = await holdLeaseOrCancelled(tx, params.jobId, params.leaseToken, params.leaseSeconds);
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
    // With the inbox on, a directory whose forms got the campaign address and that answered "check
    // your email" (or made an account) has the listing pending its mail: the result is submitted,
    // awaiting that email, and the inbox's follow-up confirms it (or a sweep fails it after
    // AUTOBOLT_EMAIL_WAIT_MINUTES). Without the inbox the mail goes nowhere we see: a person's job.
    const campaign = params.inbox
      ? new Set(
          (
            await tx
              .select({ id: directories.id })
              .from(directories)
              .where(and(inArray(directories.id, ids), eq(directories.formEmail, "campaign")))
          ).map((d) => d.id),
        )
      : new Set<string>();
    const awaiting = (r: ResultReport) =>
      campaign.has(r.directoryId) &&
      r.status === "failed" &&
      (r.reason === "email_verification" || r.account !== undefined);
    const batch = params.results.map((r) => ({
      directory_id: r.directoryId,
      status: awaiting(r) ? "submitted" : r.status,
      confirmation: awaiting(r) ? "awaiting_email" : null,
      reason: r.status === "failed" && !awaiting(r) ? (r.reason ?? null) : null,
      error_message: r.errorMessage ?? null,
      screenshot_url: r.screenshotUrl ?? null,
      submitted_at: r.status === "submitted" ? (r.submittedAt ?? null) : null,
      listing_url: r.status === "submitted" || awaiting(r) ? (r.listingUrl ?? null) : null,
      metadata: r.metadata ?? {},
    }));
    const applied = rowsOf<{ directory_id: string; status: string; id: string }>(
      await tx.execute(sql`
        update ${jobResults} as r set
          status = v.status,
          reason = v.reason,
          error_message = v.error_message,
          screenshot_url = v.screenshot_url,
          submitted_at = case when v.status = 'submitted' then coalesce(v.submitted_at, now()) end,
          confirmation = v.confirmation,
          awaiting_email_since = case when v.confirmation = 'awaiting_email' then now() end,
          listing_url = coalesce(v.listing_url, r.listing_url),
          metadata = r.metadata || v.metadata,
          attempts = r.attempts + 1,
          updated_at = now()
        from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(
          directory_id text, status text, confirmation text, reason text, error_message text,
          screenshot_url text, submitted_at timestamptz, listing_url text, metadata jsonb)
        where r.job_id = ${params.jobId} and r.directory_id = v.directory_id and r.status = 'pending'
          ${held.cancelled ? sql`and r.started_lease = ${params.leaseToken}::uuid` : sql``}
        returning r.directory_id, r.status, r.id`),
    );
    await keepLearned(tx, params.jobId, applied, params.results);
    if (params.inbox) await keepAccounts(tx, params.jobId, applied, params.results, params.inbox);
    // A mail that came before this report has a follow-up waiting on it: wake the workers' polls.
    if (params.results.some(awaiting))
      await tx.execute(sql`select pg_notify('autobolt_job_pending', 'follow-up')`);
    if (applied.length > 0) {
      await recordEvent(tx, params.jobId, "results", `worker:${held.workerId}`, {
        submitted: applied.filter((a) => a.status === "submitted").length,
        failed: applied.filter((a) => a.status === "failed").length,
        directories: applied.map((a) => a.directory_id),
        ...(held.cancelled ? { afterCancel: true } : {}),
      });
    }
    if (held.cancelled) {
      // Kept what the worker had started; now tell it to stop, as a lost lease does.
      if (applied.length > 0)
        await tx.update(jobs).set({ updatedAt: sql`now()` }).where(eq(jobs.id, params.jobId));
      return {
        applied: applied.length,
        ignored: params.results.length - applied.length,
        leaseExpiresAt: new Date(),
      };
    }
    return {
      applied: applied.length,
      ignored: params.results.length - applied.length,
      leaseExpiresAt: held.job.leaseExpiresAt,
    };
  });
}

/**
 * Accounts a worker registered, kept with the applied result: the password sealed (never stored
 * or logged in the clear). A customer has one account per directory; a new one replaces it.
 */
async function keepAccounts(
  tx: Db,
  jobId: string,
  applied: { directory_id: string; id: string }[],
  reports: ResultReport[],
  inbox: InboxReporting,
) {
  const made = reports.filter((r) => r.account && applied.some((a) => a.directory_id === r.directoryId));
  if (made.length === 0) return;
  const [job] = await tx.select({ customerId: jobs.customerId }).from(jobs).where(eq(jobs.id, jobId));
  if (!job) return;
  for (const report of made) {
    const account = report.account as NonNullable<ResultReport["account"]>;
    const sealed = inbox.seal(account.password);
    const resultId = applied.find((a) => a.directory_id === report.directoryId)?.id ?? null;
    const row = {
      customerId: job.customerId,
      directoryId: report.directoryId,
      resultId,
      email: account.email,
      username: account.username ?? null,
      passwordCipher: sealed.cipher,
      passwordIv: sealed.iv,
      passwordTag: sealed.tag,
    };
    await tx
      .insert(directoryAccounts)
      .values(row)
      .onConflictDoUpdate({
        target: [directoryAccounts.customerId, directoryAccounts.directoryId],
        set: { ...row, createdAt: sql`now()`, handedOver: null },
      });
  }
}

/**
 * Each directory keeps what its applied, submitted result learned (a repeated or refused report
 * teaches nothing); the latest success wins. Rows are locked in id order first, so two jobs
 * teaching the same directories at once wait for each other instead of deadlocking.
 */
async function keepLearned(
  tx: Db,
  jobId: string,
  applied: { directory_id: string; status: string }[],
  reports: ResultReport[],
) {
  const learnedBy = new Map(reports.map((r) => [r.directoryId, r.learned]));
  const taught = applied
    .filter((a) => a.status === "submitted" && learnedBy.get(a.directory_id))
    .map((a) => ({ directory_id: a.directory_id, learned: learnedBy.get(a.directory_id) }));
  if (taught.length === 0) return;
  await tx
    .select({ id: directories.id })
    .from(directories)
    .where(
      inArray(
        directories.id,
        taught.map((t) => t.directory_id),
      ),
    )
    .orderBy(asc(directories.id))
    .for("update");
  await tx.execute(sql`
    update ${directories} as d set
      learned = v.learned, learned_at = now(), learned_from_job_id = ${jobId}
    from jsonb_to_recordset(${JSON.stringify(taught)}::jsonb) as v(directory_id text, learned jsonb)
    where d.id = v.directory_id`);
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

export interface CompletedJob {
  /**
   * `complete`: nothing was pending. `pending`: results were still pending, so the job went back
   * to the queue and the attempt counted. `failed`: that was its last attempt.
   */
  status: "complete" | "pending" | "failed";
  counts: { pending: number; submitted: number; failed: number };
}

/** One answer per item of a batch: its value, or the error that item alone met. */
export type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };

type CompleteParams = {
  leases: { jobId: string; leaseToken: string }[];
  leaseSeconds: number;
  maxAttempts: number;
};

/**
 * Why a job that a worker completed with results still pending is not done. Such a completion
 * counts an attempt like a lost lease does, so a broken worker cannot cycle one job for ever;
 * past the maximum the job fails with this reason.
 */
function givenUpReason(workerId: string | null, pending: number, attempts: number, failed: boolean) {
  const what = `worker ${workerId ?? "?"} completed it with ${pending} result${pending === 1 ? "" : "s"} still pending`;
  return failed ? `Gave up after ${attempts} attempts: ${what}` : `Attempt ${attempts}: ${what}`;
}

/**
 * Workers are done with these jobs. With nothing pending a job is complete; with results still
 * pending (a worker that gave up, or a staff retry arrived mid-run) it goes back to the queue for
 * the rest with attempts + 1, or fails past the maximum of attempts.
 *
 * Every lease still held is completed in ONE statement. A job whose row another transaction
 * changed while this one ran (a staff retry, a cancel, a late heartbeat, another completion) is
 * left out of it by the row-version check, because its pending count may be stale; it, and any
 * lease not held, takes the careful path: one transaction that locks the job first and answers
 * why a lease is gone. The same lease sent twice in one batch completes once: the later copies
 * are refused as a conflict, as they would be one after the other.
 */
export async function completeJobs(db: Db, params: CompleteParams): Promise<Settled<CompletedJob>[]> {
  const rows = rowsOf<{
    id: string;
    lease_token: string;
    status: CompletedJob["status"];
    pending: number;
    submitted: number;
    failed: number;
  }>(
    await db.execute(sql`
      with requested as (
        select distinct "jobId", "leaseToken"
        from jsonb_to_recordset(${JSON.stringify(params.leases)}::jsonb) as r("jobId" uuid, "leaseToken" uuid)
      ),
      -- Each lease looked up by its job's id (the LIMIT keeps the subquery a per-lease index
      -- lookup; a join may be planned as a scan of every in_progress entry, dead ones included).
      held as (
        select j.id, j.worker_id, j.lease_token, j.version
        from requested q cross join lateral (
          select id, worker_id, lease_token, xmin::text as version from ${jobs}
          where id = q."jobId" and lease_token = q."leaseToken"
            and status = 'in_progress' and lease_expires_at > now()
          limit 1
        ) j
      ),
      tally as (
        select h.id, h.worker_id, h.lease_token, h.version,
          (count(r.id) filter (where r.status = 'pending'))::int as pending,
          -- Pending only because staff paused their directory: not the worker's failure.
          (count(r.id) filter (where r.status = 'pending'
            and r.directory_id in (select scope from ${claimPauses})))::int as held,
          (count(r.id) filter (where r.status = 'submitted'))::int as submitted,
          (count(r.id) filter (where r.status = 'failed'))::int as failed
        from held h left join ${jobResults} r on r.job_id = h.id
        group by h.id, h.worker_id, h.lease_token, h.version
      ),
      finished as (
        update ${jobs} as j set
          status = case
            when t.pending = 0 then 'complete'
            when t.pending = t.held then 'pending'
            when j.attempts + 1 >= ${params.maxAttempts} then 'failed'
            else 'pending' end,
          attempts = case when t.pending = 0 or t.pending = t.held then j.attempts else j.attempts + 1 end,
          completed_at = case
            when t.pending = 0 then now()
            when t.pending <> t.held and j.attempts + 1 >= ${params.maxAttempts} then now() end,
          last_error = case when t.pending = 0 then j.last_error
            when t.pending = t.held then 'Waiting for ' || t.held || ' paused '
              || case when t.held = 1 then 'directory' else 'directories' end
            else
            case when j.attempts + 1 >= ${params.maxAttempts}
              then 'Gave up after ' || (j.attempts + 1) || ' attempts: '
              else 'Attempt ' || (j.attempts + 1) || ': ' end
            || 'worker ' || coalesce(t.worker_id, '?') || ' completed it with ' || t.pending
            || case when t.pending = 1 then ' result' else ' results' end || ' still pending' end,
          worker_id = null, lease_token = null, lease_expires_at = null, updated_at = now()
        from tally t
        -- Re-checked against the newest row if another transaction changed it meanwhile.
        where j.id = t.id and j.xmin::text = t.version
          and j.status = 'in_progress' and j.lease_expires_at > now()
        -- The tally comes out with the row, so nothing joins the two CTEs again: estimated at one
        -- row each, such a join is planned as a nested loop, quadratic in the batch (400 leases
        -- spent 20 ms comparing 160,000 pairs).
        returning j.id, j.status, j.attempts, j.last_error, t.worker_id, t.lease_token,
          t.pending, t.held, t.submitted, t.failed
      ),
      logged as (
        insert into ${jobEvents} (job_id, type, actor, data)
        select f.id,
          case f.status when 'complete' then 'completed' when 'failed' then 'failed' else 'released' end,
          'worker:' || f.worker_id,
          jsonb_build_object('pending', f.pending, 'submitted', f.submitted, 'failed', f.failed)
            || case when f.status = 'complete' then '{}'::jsonb
               else jsonb_build_object('attempts', f.attempts, 'reason', f.last_error, 'paused', f.held) end
        from finished f
      )
      select id, lease_token, status, pending, submitted, failed from finished`),
  );
  const done = new Map(rows.map((r) => [`${r.id} ${r.lease_token}`, r]));
  const answered = new Set<string>();
  return Promise.all(
    params.leases.map(async (lease): Promise<Settled<CompletedJob>> => {
      const key = `${lease.jobId} ${lease.leaseToken}`;
      const row = done.get(key);
      if (row && answered.has(key)) return { ok: false, error: completedMeanwhile(lease.jobId) };
      answered.add(key);
      if (row) {
        const { pending, submitted, failed } = row;
        return { ok: true, value: { status: row.status, counts: { pending, submitted, failed } } };
      }
      try {
        return { ok: true, value: await completeJobCarefully(db, { ...params, ...lease }) };
      } catch (error) {
        return { ok: false, error };
      }
    }),
  );
}

const completedMeanwhile = (jobId: string) =>
  new AppError(
    "LEASE_LOST",
    `Job ${jobId} was completed by another call with this lease a moment ago; this completion changed nothing. Claim the next job.`,
  );

export async function completeJob(
  db: Db,
  params: { jobId: string; leaseToken: string; leaseSeconds: number; maxAttempts: number },
): Promise<CompletedJob> {
  const [settled] = await completeJobs(db, { ...params, leases: [params] });
  if (!settled?.ok) throw settled?.error;
  return settled.value;
}

async function completeJobCarefully(
  db: Db,
  params: { jobId: string; leaseToken: string; leaseSeconds: number; maxAttempts: number },
): Promise<CompletedJob> {
  return db.transaction(async (tx) => {
    const job = await holdLease(tx, params.jobId, params.leaseToken, params.leaseSeconds);
    const tally = await tx
      .select({ status: jobResults.status, n: count() })
      .from(jobResults)
      .where(eq(jobResults.jobId, params.jobId))
      .groupBy(jobResults.status);
    const counts = { pending: 0, submitted: 0, failed: 0 };
    for (const t of tally) counts[t.status] = t.n;
    const [held] = await tx
      .select({ n: count() })
      .from(jobResults)
      .where(
        and(
          eq(jobResults.jobId, params.jobId),
          eq(jobResults.status, "pending"),
          inArray(jobResults.directoryId, tx.select({ scope: claimPauses.scope }).from(claimPauses)),
        ),
      );
    if (counts.pending > 0 && counts.pending === (held?.n ?? 0)) {
      // Only paused directories are left: back to the queue without an attempt, claimed again on resume.
      const reason = `Waiting for ${counts.pending} paused ${counts.pending === 1 ? "directory" : "directories"}`;
      await tx
        .update(jobs)
        .set({
          status: "pending",
          lastError: reason,
          workerId: null,
          leaseToken: null,
          leaseExpiresAt: null,
          updatedAt: sql`now()`,
        })
        .where(eq(jobs.id, params.jobId));
      await recordEvent(tx, params.jobId, "released", `worker:${job.workerId}`, {
        ...counts,
        attempts: job.attempts,
        reason,
        paused: counts.pending,
      });
      return { status: "pending", counts };
    }
    if (counts.pending === 0) {
      await tx
        .update(jobs)
        .set({
          status: "complete",
          completedAt: sql`now()`,
          workerId: null,
          leaseToken: null,
          leaseExpiresAt: null,
          updatedAt: sql`now()`,
        })
        .where(eq(jobs.id, params.jobId));
      await recordEvent(tx, params.jobId, "completed", `worker:${job.workerId}`, counts);
      return { status: "complete", counts };
    }
    const attempts = job.attempts + 1;
    const status = attempts >= params.maxAttempts ? ("failed" as const) : ("pending" as const);
    const reason = givenUpReason(job.workerId, counts.pending, attempts, status === "failed");
    await tx
      .update(jobs)
      .set({
        status,
        attempts,
        lastError: reason,
        completedAt: status === "failed" ? sql`now()` : null,
        workerId: null,
        leaseToken: null,
        leaseExpiresAt: null,
        updatedAt: sql`now()`,
      })
      .where(eq(jobs.id, params.jobId));
    await recordEvent(
      tx,
      params.jobId,
      status === "failed" ? "failed" : "released",
      `worker:${job.workerId}`,
      {
        ...counts,
        attempts,
        reason,
      },
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
