import { index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Workers that have asked for jobs: what staff see as connected, idle or busy. */
export const workers = pgTable(
  "workers",
  {
    id: text().primaryKey(),
    firstSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.lastSeenAt)],
);

/**
 * Claiming paused by staff: the row `all` stops every claim; a directory's id keeps that directory
 * from being handed out. Kept in the database, so every server process sees it at once and
 * workers need no restart.
 */
export const claimPauses = pgTable("claim_pauses", {
  scope: text().primaryKey(),
  pausedBy: text().notNull(),
  pausedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  reason: text(),
});
