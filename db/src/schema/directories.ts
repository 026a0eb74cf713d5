import type { Recipe } from "@autobolt/contract";
import { boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** The catalog packages draw from; the id is a stable slug that results and CSV imports refer to. */
export const directories = pgTable(
  "directories",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    url: text().notNull(),
    submissionUrl: text().notNull(),
    category: text().notNull().default("general"),
    domainAuthority: integer().notNull().default(0),
    requiresLogin: boolean().notNull().default(false),
    requiresCaptcha: boolean().notNull().default(false),
    requiresEmailVerification: boolean().notNull().default(false),
    requiresPhoneVerification: boolean().notNull().default(false),
    active: boolean().notNull().default(true),
    recipe: jsonb().$type<Recipe>(),
    notes: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Planning walks active directories strongest first.
  (t) => [index().on(t.active, t.domainAuthority.desc())],
);

/** Package presets (Starter 25 … Enterprise 500); one table so sales can change them without a deploy. */
export const packages = pgTable("packages", {
  id: text().primaryKey(),
  name: text().notNull(),
  size: integer().notNull(),
  sortOrder: integer().notNull().default(0),
});
