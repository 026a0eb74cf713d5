import { type Column, relations, type SQL, sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { jobs } from "./jobs.ts";

/**
 * How two customers' contact details are compared: an email by its lower-case text; a phone by its
 * last ten digits (so +1 (512) 555-0100 and 512.555.0100 match); a website by its host without
 * scheme, `www.` or path. Expressions over immutable functions, so each has an index.
 */
export const normalisedEmail = (email: Column | SQL) => sql`lower(trim(${email}))`;
export const normalisedPhone = (phone: Column | SQL) =>
  sql`right(regexp_replace(${phone}, '[^0-9]', '', 'g'), 10)`;
export const normalisedWebsite = (website: Column | SQL) =>
  sql`split_part(regexp_replace(lower(trim(${website})), '^[a-z]+://(www[.])?', ''), '/', 1)`;

export const customers = pgTable(
  "customers",
  {
    id: uuid().primaryKey().defaultRandom(),
    businessName: text().notNull(),
    email: text().notNull(),
    phone: text().notNull(),
    website: text(),
    address: text().notNull(),
    city: text().notNull(),
    state: text().notNull(),
    zip: text().notNull(),
    description: text(),
    category: text(),
    /**
     * The local part of the customer's campaign address (<local>@AUTOBOLT_INBOX_DOMAIN): unique and
     * unguessable, so mail to it is theirs alone. Set on create from the name and random letters;
     * the default covers rows made any other way.
     */
    campaignLocal: text().notNull().unique().default(sql`substr(md5(gen_random_uuid()::text), 1, 16)`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.createdAt),
    // Duplicate detection looks customers up by these normalised forms (see customerKeys).
    index("customers_email_norm_idx").on(normalisedEmail(t.email)),
    index("customers_phone_norm_idx").on(normalisedPhone(t.phone)),
    index("customers_website_norm_idx").on(normalisedWebsite(t.website)),
  ],
);

export const customersRelations = relations(customers, ({ many }) => ({
  jobs: many(jobs),
}));
