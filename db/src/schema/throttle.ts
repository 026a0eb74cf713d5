import { index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Sign-in attempts counted per key (`account:<email>` or `address:<ip>`) in a fixed window. Kept in
 * PostgreSQL so every server process counts against the same numbers.
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    key: text().primaryKey(),
    attempts: integer().notNull(),
    windowStartedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.windowStartedAt)],
);
