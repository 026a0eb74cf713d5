import { relations, sql } from "drizzle-orm";
import { boolean, check, index, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const staffUsers = pgTable(
  "staff_users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    role: text({ enum: ["admin", "staff"] })
      .notNull()
      .default("staff"),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("staff_users_email_key").on(sql`lower(${t.email})`),
    check("staff_users_role_check", sql`${t.role} in ('admin', 'staff')`),
  ],
);

/** A session row is keyed by the SHA-256 of the cookie token, so a leaked table grants no access. */
export const staffSessions = pgTable(
  "staff_sessions",
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => staffUsers.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt)],
);

export const staffUsersRelations = relations(staffUsers, ({ many }) => ({
  sessions: many(staffSessions),
}));

export const staffSessionsRelations = relations(staffSessions, ({ one }) => ({
  user: one(staffUsers, { fields: [staffSessions.userId], references: [staffUsers.id] }),
}));
