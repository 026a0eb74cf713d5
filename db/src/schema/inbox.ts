import type { FollowUpKind } from "@autobolt/contract";
import { relations, sql } from "drizzle-orm";
import { index, integer, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { customers } from "./customers.ts";
import { directories } from "./directories.ts";
import { jobResults, jobs } from "./jobs.ts";

/**
 * Mail received for campaign addresses (over SMTP or fetched by IMAP). A message is stored once
 * per recipient: the Message-ID (or a digest of the message when it has none) is unique, so two
 * servers receiving the same mail keep one row and queue one follow-up.
 */
export const inboxMessages = pgTable(
  "inbox_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid().references(() => customers.id, { onDelete: "cascade" }),
    recipient: text().notNull(),
    messageKey: text().notNull(),
    fromAddress: text().notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    /** Kept as sent, for a person to check; never put in a page (the console shows text only). */
    htmlBody: text(),
    size: integer().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The result this mail confirms, matched by the sender's and the links' domains. */
    resultId: uuid().references(() => jobResults.id, { onDelete: "set null" }),
    directoryId: text().references(() => directories.id, { onDelete: "set null" }),
    link: text(),
  },
  (t) => [
    unique("inbox_messages_recipient_key").on(t.recipient, t.messageKey),
    index("inbox_messages_customer_idx").on(t.customerId, t.receivedAt),
    index("inbox_messages_result_idx").on(t.resultId),
  ],
);

/**
 * Work after a submission that a worker does through the API, leased like jobs: open a
 * confirmation link (and, with an account, sign in and submit). One per message, and never two
 * open for one result.
 */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: text().$type<FollowUpKind>().notNull(),
    jobId: uuid()
      .notNull()
      .references(() => jobs.id, { onDelete: "cascade" }),
    resultId: uuid()
      .notNull()
      .references(() => jobResults.id, { onDelete: "cascade" }),
    // The mail whose link this follows; null for a listing re-check.
    messageId: uuid().references(() => inboxMessages.id, { onDelete: "cascade" }),
    link: text().notNull(),
    status: text().$type<"pending" | "in_progress" | "done" | "failed">().notNull().default("pending"),
    attempts: integer().notNull().default(0),
    workerId: text(),
    leaseToken: uuid(),
    leaseExpiresAt: timestamp({ withTimezone: true }),
    outcome: text(),
    error: text(),
    finalUrl: text(),
    screenshotUrl: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("follow_ups_message_key").on(t.messageId),
    index("follow_ups_claim_idx").on(t.createdAt).where(sql`${t.status} = 'pending'`),
    // Two mails for one result (a resend, two servers) never open its link twice at once.
    uniqueIndex("follow_ups_open_result_idx")
      .on(t.resultId)
      .where(sql`${t.status} in ('pending', 'in_progress')`),
    index("follow_ups_result_idx").on(t.resultId),
  ],
);

/**
 * Accounts a worker registered on directories with the campaign address. The password is stored
 * only encrypted (AES-256-GCM with AUTOBOLT_SECRET_KEY): ciphertext, IV and tag, base64.
 */
export const directoryAccounts = pgTable(
  "directory_accounts",
  {
    id: uuid().primaryKey().defaultRandom(),
    customerId: uuid()
      .notNull()
      .references(() => customers.id, { onDelete: "cascade" }),
    directoryId: text()
      .notNull()
      .references(() => directories.id),
    resultId: uuid().references(() => jobResults.id, { onDelete: "set null" }),
    email: text().notNull(),
    username: text(),
    passwordCipher: text().notNull(),
    passwordIv: text().notNull(),
    passwordTag: text().notNull(),
    /** Shown in the customer's report when staff choose to hand the login over. */
    handedOver: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("directory_accounts_customer_directory_key").on(t.customerId, t.directoryId),
    index().on(t.resultId),
  ],
);

export const inboxMessagesRelations = relations(inboxMessages, ({ one }) => ({
  customer: one(customers, { fields: [inboxMessages.customerId], references: [customers.id] }),
  result: one(jobResults, { fields: [inboxMessages.resultId], references: [jobResults.id] }),
}));

export const followUpsRelations = relations(followUps, ({ one }) => ({
  result: one(jobResults, { fields: [followUps.resultId], references: [jobResults.id] }),
  message: one(inboxMessages, { fields: [followUps.messageId], references: [inboxMessages.id] }),
}));

export const directoryAccountsRelations = relations(directoryAccounts, ({ one }) => ({
  customer: one(customers, { fields: [directoryAccounts.customerId], references: [customers.id] }),
  result: one(jobResults, { fields: [directoryAccounts.resultId], references: [jobResults.id] }),
}));
