import type {
  ConfirmationState,
  FailureReason,
  JobEventType,
  JobStatus,
  LiveState,
  NapMismatch,
  ResultResolution,
  ResultStatus,
} from "@autobolt/contract";
import { relations, sql } from "drizzle-orm";
import {
  bigint,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { customers } from "./customers.ts";
import { directories } from "./directories.ts";

/**
 * Besides what is declared here, hand-written migrations give jobs parts drizzle-kit does not
 * model (so `drizzle-kit push` alone would leave them out): the NOTIFY triggers that wake idle
 * workers and live consoles (0005), the job_count total and its triggers behind the queue's tab
 * counts (0004), and autovacuum settings that re-analyze the table after 1,000 changes so claims
 * keep their index plan (0007; a real PostgreSQL only, as PGlite runs no autovacuum).
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id),
    status: text().$type<JobStatus>().notNull().default("pending"),
    packageSize: integer().notNull(),
    priorityLevel: integer().notNull().default(3),
    businessName: text().notNull(),
    email: text().notNull(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    completedAt: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Lease: who holds the job and until when. A fresh token per claim lets a stale worker be told
    // apart from the current one even when both use the same worker name.
    attempts: integer().notNull().default(0),
    workerId: text(),
    leaseToken: uuid(),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    lastError: text(),
  },
  (t) => [
    check(
      "jobs_status_check",
      sql`${t.status} in ('pending', 'in_progress', 'complete', 'failed', 'cancelled')`,
    ),
    check("jobs_priority_check", sql`${t.priorityLevel} between 1 and 5`),
    check("jobs_package_size_check", sql`${t.packageSize} > 0`),
    // The claim reads the best pending job: a tiny partial index that stays hot. Every claim and
    // completion writes an entry in each of the table's other indexes (a status change is never a
    // HOT update), so each one here earns its place; the reaper, for one, finds the few
    // in_progress jobs through jobs_status_created_idx rather than an index of its own.
    index("jobs_claim_idx").on(t.priorityLevel, t.createdAt).where(sql`${t.status} = 'pending'`),
    // The staff queue picks a page of ids from (sort column, created_at, id) alone, without
    // reading rows, for every sort the console offers; the first also serves a status tab.
    index("jobs_status_created_idx").on(t.status, t.createdAt, t.id),
    index("jobs_created_idx").on(t.createdAt, t.id),
    index("jobs_updated_idx").on(t.updatedAt, t.createdAt, t.id),
    index("jobs_priority_idx").on(t.priorityLevel, t.createdAt, t.id),
    index("jobs_business_name_idx").on(t.businessName, t.createdAt, t.id),
    // The queue's tabs: an index-only count of each status but complete (the job_count total of
    // migration 0004 minus these), over a deduplicated index a tenth the size of the others.
    index("jobs_status_idx").on(t.status),
    // Search by any part of a business name or an email (ILIKE '%…%').
    index("jobs_business_name_trgm_idx").using("gin", t.businessName.op("gin_trgm_ops")),
    index("jobs_email_trgm_idx").using("gin", t.email.op("gin_trgm_ops")),
    index("jobs_customer_idx").on(t.customerId),
  ],
);

export const jobResults = pgTable(
  "job_results",
  {
    id: uuid().primaryKey().defaultRandom(),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    directoryId: text()
      .notNull()
      .references(() => directories.id),
    directoryName: text().notNull(),
    status: text().$type<ResultStatus>().notNull().default("pending"),
    reason: text().$type<FailureReason>(),
    submittedAt: timestamp({ withTimezone: true }),
    screenshotUrl: text(),
    errorMessage: text(),
    metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    attempts: integer().notNull().default(0),
    // Set when a worker begins submitting: if that worker dies before reporting, the next one
    // sees the directory may already have the listing and hands it to a person instead of
    // submitting a duplicate.
    startedAt: timestamp({ withTimezone: true }),
    startedLease: uuid(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // Where the citation stands beyond the seed's status, set by a person (or by a cancel):
    // `resolved_by_hand` (status submitted, with the listing and a proof), `skipped` and `replaced`
    // (status failed: finished, never retried). Null while the worker's outcome stands; a failed
    // result with no resolution is open work for a person.
    resolution: text().$type<ResultResolution>(),
    resolvedBy: text(),
    resolvedAt: timestamp({ withTimezone: true }),
    /** The listing a person found or made: its URL, or the directory's reference for it. */
    listingReference: text(),
    resolutionNote: text(),
    /** Proof a person uploaded (a /screenshots/… URL in the proof store). */
    resolutionProofUrl: text(),
    /** On a replaced result: the result planned in its place (same job). */
    replacedById: uuid(),
    // The needs-attention work queue: who is on it (a staff email) and their note.
    assignedTo: text(),
    assignedAt: timestamp({ withTimezone: true }),
    attentionNote: text(),
    // The campaign inbox: where the result stands with the directory's confirmation email.
    confirmation: text().$type<ConfirmationState>(),
    awaitingEmailSince: timestamp({ withTimezone: true }),
    confirmedAt: timestamp({ withTimezone: true }),
    // Live listings: the listing's page the worker found, and what its re-checks saw there.
    listingUrl: text(),
    liveState: text().$type<LiveState>(),
    liveCheckedAt: timestamp({ withTimezone: true }),
    liveSince: timestamp({ withTimezone: true }),
    napMismatch: jsonb().$type<NapMismatch[]>(),
    rechecks: integer().notNull().default(0),
  },
  (t) => [
    unique("job_results_job_directory_key").on(t.jobId, t.directoryId),
    check("job_results_status_check", sql`${t.status} in ('pending', 'submitted', 'failed')`),
    check(
      "job_results_resolution_check",
      sql`${t.resolution} is null
        or (${t.resolution} = 'resolved_by_hand' and ${t.status} = 'submitted')
        or (${t.resolution} in ('skipped', 'replaced') and ${t.status} = 'failed')`,
    ),
    // Progress and the queue's outcome are counted per job, status and resolution; this makes
    // them an index-only scan.
    index("job_results_job_status_idx").on(t.jobId, t.status, t.resolution),
    // Needs-attention lists open failures (no resolution yet) by reason across jobs.
    index("job_results_failed_idx")
      .on(t.reason, t.updatedAt)
      .where(sql`${t.status} = 'failed' and ${t.resolution} is null`),
    // The work queue's first page across reasons, newest first, read in index order.
    index("job_results_open_recent_idx")
      .on(t.updatedAt, t.id)
      .where(sql`${t.status} = 'failed' and ${t.resolution} is null`),
    // "Assigned to me": one person's open items, however large the whole queue grows.
    index("job_results_open_assigned_idx")
      .on(t.assignedTo, t.updatedAt)
      .where(sql`${t.status} = 'failed' and ${t.resolution} is null and ${t.assignedTo} is not null`),
    // The queue's "needs a person" tab: jobs with an open failure, counted from this alone.
    index("job_results_open_failures_idx")
      .on(t.jobId)
      .where(sql`${t.status} = 'failed' and ${t.resolution} is null`),
    index("job_results_directory_idx").on(t.directoryId, t.status),
    // The re-check scheduler's look-up: submitted listings not yet settled (with a page, or on a
    // directory that can be searched).
    index("job_results_recheck_idx")
      .on(t.submittedAt)
      .where(
        sql`${t.status} = 'submitted' and (${t.liveState} is null or ${t.liveState} in ('not_yet', 'mismatch'))`,
      ),
    // The sweeper's look-up: results still waiting for their mail, oldest first.
    index("job_results_awaiting_email_idx")
      .on(t.awaitingEmailSince)
      .where(sql`${t.confirmation} = 'awaiting_email'`),
    // Submissions per hour over the last days.
    index("job_results_submitted_idx").on(t.submittedAt).where(sql`${t.status} = 'submitted'`),
  ],
);

/** Append-only history of a job: who did what, when. */
export const jobEvents = pgTable(
  "job_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    type: text().$type<JobEventType>().notNull(),
    actor: text().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("job_events_job_idx").on(t.jobId, t.id),
    // Throughput per worker: recent result reports by actor (claims and completions, two events
    // per job, stay out of it).
    index("job_events_actor_idx").on(t.actor, t.createdAt).where(sql`${t.type} = 'results'`),
  ],
);

export const jobsRelations = relations(jobs, ({ one, many }) => ({
  customer: one(customers, { fields: [jobs.customerId], references: [customers.id] }),
  results: many(jobResults),
  events: many(jobEvents),
}));

export const jobResultsRelations = relations(jobResults, ({ one }) => ({
  job: one(jobs, { fields: [jobResults.jobId], references: [jobs.id] }),
  directory: one(directories, { fields: [jobResults.directoryId], references: [directories.id] }),
}));

export const jobEventsRelations = relations(jobEvents, ({ one }) => ({
  job: one(jobs, { fields: [jobEvents.jobId], references: [jobs.id] }),
}));
