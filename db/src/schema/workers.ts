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
