import type { FormEmailChoice, LearnedMapping, Recipe } from "@autobolt/contract";
import { relations } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { jobResults, jobs } from "./jobs.ts";

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
    // For re-checks of a listing whose confirmation gave no link: how to find it by searching.
    listingSearch: jsonb().$type<Recipe>(),
    notes: text().notNull().default(""),
    /** Which address its forms get: the campaign address (when the inbox is on) or the customer's own. */
    formEmail: text().$type<FormEmailChoice>().notNull().default("campaign"),
    // How a worker last got through the form by itself (latest success wins), when, and in which
    // job: followed on the next visit, shown to staff, and what "use as recipe" turns into a recipe.
    learned: jsonb().$type<LearnedMapping>(),
    learnedAt: timestamp({ withTimezone: true }),
    // Only a pointer for staff: it never keeps a job from being deleted.
    learnedFromJobId: uuid().references(() => jobs.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Planning walks active directories strongest first.
  (t) => [index().on(t.active, t.domainAuthority.desc())],
);

export const directoriesRelations = relations(directories, ({ one, many }) => ({
  learnedFromJob: one(jobs, { fields: [directories.learnedFromJobId], references: [jobs.id] }),
  results: many(jobResults),
}));

/** Package presets (Starter 25 … Enterprise 500); one table so sales can change them without a deploy. */
export const packages = pgTable("packages", {
  id: text().primaryKey(),
  name: text().notNull(),
  size: integer().notNull(),
  sortOrder: integer().notNull().default(0),
});
