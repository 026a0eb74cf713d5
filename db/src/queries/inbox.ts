import type { FollowUpOutcome, NapMismatch } from "@autobolt/contract";
import { and, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import {
  customers,
  directories,
  directoryAccounts,
  followUps,
  inboxMessages,
  jobResults,
  jobs,
} from "../schema/index.ts";
import { recordEvent } from "./events.ts";
import { rowsOf } from "./rows.ts";

export function findCustomerByCampaignLocal(db: Db, local: string) {
  return db
    .select({ id: customers.id })
    .from(customers)
    .where(eq(customers.campaignLocal, local))
    .then((rows) => rows[0]);
}

/** A customer's results a mail may confirm, with their directories' addresses, newest first. */
export function mailCandidates(db: Db, customerId: string) {
  return db
    .select({
      resultId: jobResults.id,
      jobId: jobResults.jobId,
      directoryId: directories.id,
      name: directories.name,
      url: directories.url,
      submissionUrl: directories.submissionUrl,
      confirmation: jobResults.confirmation,
    })
    .from(jobResults)
    .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
    .innerJoin(directories, eq(directories.id, jobResults.directoryId))
    .where(eq(jobs.customerId, customerId))
    .orderBy(desc(jobResults.updatedAt));
}

export interface IncomingMessage {
  customerId: string | null;
  recipient: string;
  messageKey: string;
  fromAddress: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  size: number;
  resultId: string | null;
  directoryId: string | null;
  link: string | null;
}

/**
 * Store a message and queue its follow-up, or neither when this mail was already stored (another
 * server received it, or a relay sent it twice): the unique (recipient, message key) decides, and
 * the follow-up is unique per message and per open result, so a link is never followed twice.
 */
export async function storeMessage(
  db: Db,
  message: IncomingMessage & { jobId: string | null },
): Promise<{ messageId: string | null; followUpId: string | null }> {
  return db.transaction(async (tx) => {
    const { jobId, ...row } = message;
    const [stored] = await tx
      .insert(inboxMessages)
      .values(row)
      .onConflictDoNothing()
      .returning({ id: inboxMessages.id });
    if (!stored) return { messageId: null, followUpId: null };
    if (!row.resultId || !row.link || !jobId) return { messageId: stored.id, followUpId: null };
    const [queued] = rowsOf<{ id: string }>(
      await tx.execute(sql`
        insert into ${followUps} (kind, job_id, result_id, message_id, link)
        values ('confirm_email', ${jobId}, ${row.resultId}, ${stored.id}, ${row.link})
        on conflict do nothing
        returning id`),
    );
    // Waiting workers listen on the job channel; a follow-up wakes them the same way.
    if (queued) await tx.execute(sql`select pg_notify('autobolt_job_pending', 'follow-up')`);
    return { messageId: stored.id, followUpId: queued?.id ?? null };
  });
}

/** A follow-up as a worker receives it: the task, its mail, the result's directory and customer. */
export interface ClaimedFollowUpRow {
  id: string;
  kind: "confirm_email" | "recheck_listing";
  leaseToken: string;
  leaseExpiresAt: Date;
  attempts: number;
  jobId: string;
  resultId: string;
  link: string;
  message: { id: string; from: string; subject: string; receivedAt: Date } | null;
  directoryId: string;
  customerId: string;
  /** A re-check of a listing with no known page: the directory's listing search is to be run. */
  searchable: boolean;
  account: { email: string; username: string | null; cipher: string; iv: string; tag: string } | null;
}

/** Claim the oldest pending follow-up (SKIP LOCKED, like jobs), with a fresh lease. */
export async function claimFollowUp(
  db: Db,
  params: { workerId: string; leaseSeconds: number },
): Promise<ClaimedFollowUpRow | undefined> {
  const [row] = rowsOf<Record<string, unknown>>(
    await db.execute(sql`
      with picked as (
        -- Only once the worker that submitted has reported the result as waiting for its mail:
        -- the mail often arrives first, before the account it confirms is stored, and a mail for a
        -- result that is not waiting (a welcome, a newsletter) confirms nothing.
        select f.id from ${followUps} f
        join ${jobResults} r on r.id = f.result_id
          and (f.kind = 'recheck_listing' or r.confirmation = 'awaiting_email')
        where f.status = 'pending'
        order by f.created_at limit 1 for update of f skip locked
      )
      update ${followUps} f set status = 'in_progress', worker_id = ${params.workerId},
        lease_token = gen_random_uuid(),
        lease_expires_at = now() + make_interval(secs => ${params.leaseSeconds}), updated_at = now()
      from picked where f.id = picked.id
      returning f.id, f.kind, f.lease_token, f.lease_expires_at, f.attempts, f.job_id, f.result_id,
        f.link, f.message_id`),
  );
  if (!row) return undefined;
  const [context] = await db
    .select({
      from: inboxMessages.fromAddress,
      subject: inboxMessages.subject,
      receivedAt: inboxMessages.receivedAt,
      directoryId: jobResults.directoryId,
      customerId: jobs.customerId,
      listingUrl: jobResults.listingUrl,
    })
    .from(jobResults)
    .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
    .leftJoin(inboxMessages, eq(inboxMessages.id, sql`${row.message_id ?? null}::uuid`))
    .where(eq(jobResults.id, sql`${row.result_id}::uuid`));
  if (!context) throw new Error(`follow-up ${String(row.id)} lost its result`);
  const [account] = await db
    .select()
    .from(directoryAccounts)
    .where(
      and(
        eq(directoryAccounts.customerId, context.customerId),
        eq(directoryAccounts.directoryId, context.directoryId),
      ),
    );
  return {
    id: String(row.id),
    kind: row.kind === "recheck_listing" ? "recheck_listing" : "confirm_email",
    leaseToken: String(row.lease_token),
    leaseExpiresAt: new Date(String(row.lease_expires_at)),
    attempts: Number(row.attempts),
    jobId: String(row.job_id),
    resultId: String(row.result_id),
    link: String(row.link),
    message:
      row.message_id && context.from !== null && context.subject !== null && context.receivedAt !== null
        ? {
            id: String(row.message_id),
            from: context.from,
            subject: context.subject,
            receivedAt: context.receivedAt,
          }
        : null,
    directoryId: context.directoryId,
    customerId: context.customerId,
    // A re-check searches the directory only while the listing has no known page.
    searchable: row.kind === "recheck_listing" && !context.listingUrl,
    account: account
      ? {
          email: account.email,
          username: account.username,
          cipher: account.passwordCipher,
          iv: account.passwordIv,
          tag: account.passwordTag,
        }
      : null,
  };
}

async function holdFollowUp(tx: Db, params: { followUpId: string; leaseToken: string }) {
  const [held] = await tx
    .select()
    .from(followUps)
    .where(
      and(
        eq(followUps.id, params.followUpId),
        eq(followUps.leaseToken, params.leaseToken),
        eq(followUps.status, "in_progress"),
        sql`${followUps.leaseExpiresAt} > now()`,
      ),
    )
    .for("update");
  if (!held)
    throw new AppError(
      "LEASE_LOST",
      `This worker no longer holds follow-up ${params.followUpId} (its lease expired or it was reported already).`,
    );
  return held;
}

/** A follow-up claimed for a worker that hung up before receiving it: back to the queue, no attempt counted. */
export async function releaseFollowUp(db: Db, params: { followUpId: string; leaseToken: string }) {
  await db
    .update(followUps)
    .set({ status: "pending", workerId: null, leaseToken: null, leaseExpiresAt: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(followUps.id, params.followUpId),
        eq(followUps.leaseToken, params.leaseToken),
        eq(followUps.status, "in_progress"),
      ),
    );
}

export async function heartbeatFollowUp(
  db: Db,
  params: { followUpId: string; leaseToken: string; leaseSeconds: number },
) {
  return db.transaction(async (tx) => {
    await holdFollowUp(tx, params);
    const [row] = await tx
      .update(followUps)
      .set({
        leaseExpiresAt: sql`now() + make_interval(secs => ${params.leaseSeconds})`,
        updatedAt: sql`now()`,
      })
      .where(eq(followUps.id, params.followUpId))
      .returning({ leaseExpiresAt: followUps.leaseExpiresAt });
    return { leaseExpiresAt: row?.leaseExpiresAt as Date };
  });
}

/**
 * What the worker's browser proved: `confirmed` (the result is confirmed), `link_failed` (the
 * result becomes a failure for a person, with the mail beside it), or `retry` (back to the queue,
 * an attempt counted; past the limit it is a link failure). Exactly one report per lease counts.
 */
/** What a worker reports of a follow-up, with the limits the server applies to it. */
export interface FollowUpReport {
  outcome: FollowUpOutcome;
  errorMessage?: string | undefined;
  finalUrl?: string | undefined;
  screenshotUrl?: string | undefined;
  mismatches?: NapMismatch[] | undefined;
  /** The listing's page, found by the directory's listing search: kept on a result that had none. */
  listingUrl?: string | undefined;
  maxAttempts: number;
  /** How many re-checks a listing gets (AUTOBOLT_RECHECK_DAYS): not found at the last one is gone. */
  recheckCount: number;
}

export async function reportFollowUp(
  db: Db,
  params: FollowUpReport & { followUpId: string; leaseToken: string },
): Promise<{ status: "done" | "requeued" | "failed" }> {
  return db.transaction(async (tx) => {
    const held = await holdFollowUp(tx, params);
    if (held.kind === "recheck_listing") return reportRecheck(tx, held, params);
    if (params.outcome !== "confirmed" && params.outcome !== "link_failed" && params.outcome !== "retry")
      throw new AppError("FOLLOW_UP_OUTCOME", `A confirmation link's outcome cannot be "${params.outcome}".`);
    const attempts = held.attempts + 1;
    const gaveUp = params.outcome === "retry" && attempts >= params.maxAttempts;
    const finalOutcome: "confirmed" | "link_failed" | "retry" =
      params.outcome === "retry" ? (gaveUp ? "link_failed" : "retry") : params.outcome;
    const clearLease = releasedLease();
    if (finalOutcome === "retry") {
      await tx
        .update(followUps)
        .set({ ...clearLease, status: "pending", attempts, error: params.errorMessage ?? null })
        .where(eq(followUps.id, held.id));
      return { status: "requeued" as const };
    }
    await tx
      .update(followUps)
      .set({
        ...clearLease,
        status: finalOutcome === "confirmed" ? "done" : "failed",
        attempts,
        outcome: finalOutcome,
        error: params.errorMessage ?? (gaveUp ? "The link's site kept failing." : null),
        finalUrl: params.finalUrl ?? null,
        screenshotUrl: params.screenshotUrl ?? null,
      })
      .where(eq(followUps.id, held.id));
    if (finalOutcome === "confirmed") {
      await tx
        .update(jobResults)
        .set({
          status: "submitted",
          reason: null,
          // What the site said while waiting ("check your email") is no longer an error.
          errorMessage: null,
          confirmation: "confirmed",
          confirmedAt: sql`now()`,
          submittedAt: sql`coalesce(${jobResults.submittedAt}, now())`,
          ...(params.screenshotUrl ? { screenshotUrl: params.screenshotUrl } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(jobResults.id, held.resultId));
    } else {
      await tx
        .update(jobResults)
        .set({
          status: "failed",
          reason: "email_verification",
          confirmation: "link_failed",
          errorMessage:
            `The confirmation link did not confirm: ${params.errorMessage ?? "the page proved nothing"}`.slice(
              0,
              4000,
            ),
          updatedAt: sql`now()`,
        })
        .where(eq(jobResults.id, held.resultId));
    }
    await recordEvent(
      tx,
      held.jobId,
      finalOutcome === "confirmed" ? "email_confirmed" : "email_link_failed",
      `worker:${held.workerId ?? "?"}`,
      {
        resultId: held.resultId,
        messageId: held.messageId,
        ...(params.finalUrl ? { finalUrl: params.finalUrl } : {}),
        ...(params.errorMessage ? { error: params.errorMessage.slice(0, 500) } : {}),
      },
    );
    await tx.update(jobs).set({ updatedAt: sql`now()` }).where(eq(jobs.id, held.jobId));
    return { status: finalOutcome === "confirmed" ? ("done" as const) : ("failed" as const) };
  });
}

type HeldFollowUp = typeof followUps.$inferSelect;

/** A follow-up's lease let go of, whatever became of it. */
const releasedLease = () =>
  ({ workerId: null, leaseToken: null, leaseExpiresAt: null, updatedAt: sql`now()` }) as const;

/**
 * A listing re-check's answer: live (and since when), a mismatch with the fields named, or not
 * found — `not_yet` while re-checks remain, `gone` at the last. A site down past the attempts
 * leaves the listing's state as it was; the next scheduled re-check looks again.
 */
async function reportRecheck(
  tx: Db,
  held: HeldFollowUp,
  params: FollowUpReport,
): Promise<{ status: "done" | "requeued" | "failed" }> {
  const attempts = held.attempts + 1;
  const settled = releasedLease();
  const { outcome } = params;
  if (outcome !== "live" && outcome !== "mismatch" && outcome !== "not_found" && outcome !== "retry")
    throw new AppError("FOLLOW_UP_OUTCOME", `A listing re-check's outcome cannot be "${outcome}".`);
  if (outcome === "retry") {
    const gaveUp = attempts >= params.maxAttempts;
    await tx
      .update(followUps)
      .set({
        ...settled,
        status: gaveUp ? "failed" : "pending",
        attempts,
        outcome: gaveUp ? "retry" : null,
        error: params.errorMessage ?? null,
      })
      .where(eq(followUps.id, held.id));
    if (gaveUp)
      await tx
        .update(jobResults)
        .set({ rechecks: sql`${jobResults.rechecks} + 1`, liveCheckedAt: sql`now()` })
        .where(eq(jobResults.id, held.resultId));
    return { status: gaveUp ? "failed" : "requeued" };
  }
  await tx
    .update(followUps)
    .set({
      ...settled,
      status: "done",
      attempts,
      outcome,
      error: params.errorMessage ?? null,
      finalUrl: params.finalUrl ?? null,
      screenshotUrl: params.screenshotUrl ?? null,
    })
    .where(eq(followUps.id, held.id));
  const [result] = await tx
    .update(jobResults)
    .set({
      rechecks: sql`${jobResults.rechecks} + 1`,
      liveCheckedAt: sql`now()`,
      liveState:
        outcome === "live"
          ? "live"
          : outcome === "mismatch"
            ? "mismatch"
            : sql`case when ${jobResults.rechecks} + 1 >= ${params.recheckCount} then 'gone' else 'not_yet' end`,
      // "Live" is the business shown right; a mismatch keeps when it was last right, not found clears it.
      liveSince:
        outcome === "live"
          ? sql`coalesce(${jobResults.liveSince}, now())`
          : outcome === "mismatch"
            ? sql`${jobResults.liveSince}`
            : null,
      napMismatch: outcome === "mismatch" ? (params.mismatches ?? []) : null,
      ...(params.listingUrl && outcome !== "not_found"
        ? { listingUrl: sql`coalesce(${jobResults.listingUrl}, ${params.listingUrl})` }
        : {}),
      updatedAt: sql`now()`,
    })
    .where(eq(jobResults.id, held.resultId))
    .returning({ liveState: jobResults.liveState, directoryId: jobResults.directoryId });
  await recordEvent(tx, held.jobId, "listing_checked", `worker:${held.workerId ?? "?"}`, {
    resultId: held.resultId,
    directoryId: result?.directoryId,
    state: result?.liveState,
    ...(params.mismatches?.length ? { fields: params.mismatches.map((m) => m.field) } : {}),
    ...(params.listingUrl && outcome !== "not_found" ? { foundBySearch: params.listingUrl } : {}),
  });
  await tx.update(jobs).set({ updatedAt: sql`now()` }).where(eq(jobs.id, held.jobId));
  return { status: "done" };
}

/**
 * Queue the re-checks that are due: a submitted listing with a page (or on a directory with a
 * listing search, to find its page) is looked at when it reaches each age of `days`
 * (AUTOBOLT_RECHECK_DAYS) after its submission, until it is live or gone. One open task per
 * result (the unique index), so several servers scheduling at once queue it once.
 */
export async function scheduleRechecks(db: Db, days: number[]): Promise<number> {
  if (days.length === 0) return 0;
  const queued = rowsOf<{ id: string }>(
    await db.execute(sql`
      insert into ${followUps} (kind, job_id, result_id, link)
      select 'recheck_listing', r.job_id, r.id, coalesce(r.listing_url, d.url)
      from ${jobResults} r
      join ${directories} d on d.id = r.directory_id
      where r.status = 'submitted' and (r.listing_url is not null or d.listing_search is not null)
        and (r.live_state is null or r.live_state in ('not_yet', 'mismatch'))
        and r.rechecks < ${days.length}
        and r.submitted_at + make_interval(secs => (${`{${days.join(",")}}`}::float8[])[r.rechecks + 1] * 86400) <= now()
        and not exists (select 1 from ${followUps} f where f.result_id = r.id and f.status in ('pending', 'in_progress'))
      order by r.submitted_at
      limit 500
      on conflict do nothing
      returning id`),
  );
  if (queued.length > 0) await db.execute(sql`select pg_notify('autobolt_job_pending', 'follow-up')`);
  return queued.length;
}

/** A staff member's "re-check now": a listing check queued at once, whatever the schedule says. */
export async function recheckNow(db: Db, params: { resultId: string; actor: string }) {
  return db.transaction(async (tx) => {
    const [result] = await tx
      .select({
        id: jobResults.id,
        jobId: jobResults.jobId,
        status: jobResults.status,
        listingUrl: jobResults.listingUrl,
        directoryId: jobResults.directoryId,
        directoryUrl: directories.url,
        searchable: sql<boolean>`${directories.listingSearch} is not null`,
      })
      .from(jobResults)
      .innerJoin(directories, eq(directories.id, jobResults.directoryId))
      .where(eq(jobResults.id, params.resultId));
    if (!result) throw new AppError("RESULT_NOT_FOUND", `No result with id ${params.resultId}.`);
    if (result.status !== "submitted" || (!result.listingUrl && !result.searchable))
      throw new AppError(
        "NO_LISTING_TO_CHECK",
        "Only a submitted result with a listing link (or on a directory with a listing search) can be re-checked; add the listing link by hand first.",
      );
    const [queued] = await tx
      .insert(followUps)
      .values({
        kind: "recheck_listing",
        jobId: result.jobId,
        resultId: result.id,
        link: result.listingUrl ?? result.directoryUrl,
      })
      .onConflictDoNothing()
      .returning({ id: followUps.id });
    if (queued) {
      await recordEvent(tx, result.jobId, "recheck_requested", params.actor, {
        resultId: result.id,
        directoryId: result.directoryId,
      });
      await tx.execute(sql`select pg_notify('autobolt_job_pending', 'follow-up')`);
    }
    return { queued: queued !== undefined };
  });
}

/** Follow-ups whose worker went silent go back to the queue (an attempt counted) or fail. */
export async function reapFollowUps(db: Db, maxAttempts: number) {
  await db.execute(sql`
    update ${followUps} set
      status = case when attempts + 1 >= ${maxAttempts} then 'failed' else 'pending' end,
      outcome = case when attempts + 1 >= ${maxAttempts} then 'link_failed' end,
      error = case when attempts + 1 >= ${maxAttempts} then 'Workers kept losing this follow-up.' else error end,
      attempts = attempts + 1, worker_id = null, lease_token = null, lease_expires_at = null, updated_at = now()
    where status = 'in_progress' and lease_expires_at < now()`);
}

/**
 * Results that waited longer than `minutes` for their mail: a failure for a person, reason
 * email_verification, confirmation no_mail. Answers the jobs touched.
 */
export async function sweepAwaitingEmail(db: Db, minutes: number) {
  return db.transaction(async (tx) => {
    const swept = await tx
      .update(jobResults)
      .set({
        status: "failed",
        reason: "email_verification",
        confirmation: "no_mail",
        errorMessage: `No confirmation email arrived within ${minutes} minutes of the submission.`,
        submittedAt: null,
        updatedAt: sql`now()`,
      })
      .where(
        and(
          eq(jobResults.confirmation, "awaiting_email"),
          lt(jobResults.awaitingEmailSince, sql`now() - make_interval(mins => ${minutes})`),
          // A link already being followed is left to finish.
          sql`not exists (select 1 from ${followUps} f where f.result_id = ${jobResults.id} and f.status in ('pending', 'in_progress'))`,
        ),
      )
      .returning({ id: jobResults.id, jobId: jobResults.jobId, directoryId: jobResults.directoryId });
    for (const r of swept)
      await recordEvent(tx, r.jobId, "email_link_failed", "system:inbox", { resultId: r.id, noMail: true });
    if (swept.length > 0)
      await tx
        .update(jobs)
        .set({ updatedAt: sql`now()` })
        .where(inArray(jobs.id, [...new Set(swept.map((r) => r.jobId))]));
    return swept;
  });
}

/** A customer's (or a job's) mail, newest first: text only, with what it matched and its follow-up. */
export function listInbox(
  db: Db,
  params: { customerId?: string | undefined; jobId?: string | undefined; limit: number },
) {
  return db
    .select({
      id: inboxMessages.id,
      recipient: inboxMessages.recipient,
      from: inboxMessages.fromAddress,
      subject: inboxMessages.subject,
      receivedAt: inboxMessages.receivedAt,
      textBody: inboxMessages.textBody,
      link: inboxMessages.link,
      resultId: inboxMessages.resultId,
      directoryId: inboxMessages.directoryId,
      directoryName: directories.name,
      jobId: jobResults.jobId,
      followUpStatus: followUps.status,
      followUpOutcome: followUps.outcome,
      followUpError: followUps.error,
      followedAt: followUps.updatedAt,
    })
    .from(inboxMessages)
    .leftJoin(directories, eq(directories.id, inboxMessages.directoryId))
    .leftJoin(jobResults, eq(jobResults.id, inboxMessages.resultId))
    .leftJoin(followUps, eq(followUps.messageId, inboxMessages.id))
    .where(
      and(
        params.customerId ? eq(inboxMessages.customerId, params.customerId) : undefined,
        params.jobId ? eq(jobResults.jobId, params.jobId) : undefined,
        params.customerId || params.jobId ? undefined : isNotNull(inboxMessages.id),
      ),
    )
    .orderBy(desc(inboxMessages.receivedAt))
    .limit(params.limit);
}

/** A result's account, without its password. */
export function accountForResult(db: Db, resultId: string) {
  return db
    .select({
      id: directoryAccounts.id,
      email: directoryAccounts.email,
      username: directoryAccounts.username,
      createdAt: directoryAccounts.createdAt,
      handedOver: directoryAccounts.handedOver,
      directoryId: directoryAccounts.directoryId,
    })
    .from(directoryAccounts)
    .innerJoin(jobResults, eq(jobResults.id, resultId))
    .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
    .where(
      and(
        eq(directoryAccounts.customerId, jobs.customerId),
        eq(directoryAccounts.directoryId, jobResults.directoryId),
      ),
    )
    .then((rows) => rows[0] ?? null);
}

/** The sealed password of an account, for a staff reveal (logged by the caller). */
export async function sealedAccount(db: Db, accountId: string) {
  const [row] = await db
    .select({
      id: directoryAccounts.id,
      email: directoryAccounts.email,
      username: directoryAccounts.username,
      cipher: directoryAccounts.passwordCipher,
      iv: directoryAccounts.passwordIv,
      tag: directoryAccounts.passwordTag,
      resultId: directoryAccounts.resultId,
      directoryId: directoryAccounts.directoryId,
      jobId: jobResults.jobId,
    })
    .from(directoryAccounts)
    .leftJoin(jobResults, eq(jobResults.id, directoryAccounts.resultId))
    .where(eq(directoryAccounts.id, accountId));
  if (!row) throw new AppError("ACCOUNT_NOT_FOUND", `No directory account with id ${accountId}.`);
  return row;
}

export async function setAccountHandedOver(db: Db, params: { accountId: string; handOver: boolean }) {
  const [row] = await db
    .update(directoryAccounts)
    .set({ handedOver: params.handOver ? sql`now()` : null })
    .where(eq(directoryAccounts.id, params.accountId))
    .returning({ id: directoryAccounts.id, handedOver: directoryAccounts.handedOver });
  if (!row) throw new AppError("ACCOUNT_NOT_FOUND", `No directory account with id ${params.accountId}.`);
  return row;
}

/** Accounts staff chose to hand over, for a job's customer report. */
export function handedOverAccounts(db: Db, jobId: string) {
  return db
    .select({
      directoryId: directoryAccounts.directoryId,
      email: directoryAccounts.email,
      username: directoryAccounts.username,
      cipher: directoryAccounts.passwordCipher,
      iv: directoryAccounts.passwordIv,
      tag: directoryAccounts.passwordTag,
    })
    .from(directoryAccounts)
    .innerJoin(jobs, eq(jobs.customerId, directoryAccounts.customerId))
    .innerJoin(
      jobResults,
      and(eq(jobResults.jobId, jobs.id), eq(jobResults.directoryId, directoryAccounts.directoryId)),
    )
    .where(and(eq(jobs.id, jobId), isNotNull(directoryAccounts.handedOver)));
}
