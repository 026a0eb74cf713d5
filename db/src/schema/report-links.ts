import { relations } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { jobs } from "./jobs.ts";

/**
 * A link a customer opens without a staff login: read-only, for one job, until it expires or staff
 * revoke it. Only the token's SHA-256 is kept, so the table alone opens nothing.
 */
export const reportLinks = pgTable(
  "report_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    tokenHash: text().notNull().unique(),
    createdBy: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: text(),
    lastOpenedAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("report_links_job_idx").on(t.jobId, t.createdAt)],
);

export const reportLinksRelations = relations(reportLinks, ({ one }) => ({
  job: one(jobs, { fields: [reportLinks.jobId], references: [jobs.id] }),
}));
