import { type DirectoryFields, recipe, recipeFromLearned } from "@autobolt/contract";
import { and, asc, count, desc, eq, getTableColumns, ilike, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { directories, jobResults, jobs, packages } from "../schema/index.ts";

// A page of the catalog leaves each learned mapping out (up to 48 steps each): the list only says
// when one was learned; the directory's own page shows it.
const { learned: _learned, ...listedColumns } = getTableColumns(directories);

export interface ListDirectoriesParams {
  search?: string | undefined;
  active?: boolean | undefined;
  limit: number;
  offset: number;
}

/** The catalog with each directory's record so far: how many submissions went through or failed. */
export async function listDirectories(db: Db, params: ListDirectoriesParams) {
  const where = and(
    params.active === undefined ? undefined : eq(directories.active, params.active),
    params.search
      ? or(
          ilike(directories.name, `%${escapeLike(params.search)}%`),
          ilike(directories.id, `%${escapeLike(params.search)}%`),
          ilike(directories.category, `%${escapeLike(params.search)}%`),
        )
      : undefined,
  );
  // Counted per directory on the page only (index on directory_id, status), never the whole table.
  const resultCount = (status: "submitted" | "failed") =>
    sql<number>`(select count(*) from job_results r where r.directory_id = directories.id and r.status = ${status})`.mapWith(
      Number,
    );
  const [items, [total]] = await Promise.all([
    db
      .select({
        directory: listedColumns,
        submitted: resultCount("submitted"),
        failed: resultCount("failed"),
      })
      .from(directories)
      .where(where)
      .orderBy(desc(directories.domainAuthority), asc(directories.id))
      .limit(params.limit)
      .offset(params.offset),
    db.select({ n: count() }).from(directories).where(where),
  ]);
  return {
    items: items.map(({ directory, submitted, failed }) => ({
      ...directory,
      submitted,
      failed,
      successRate: submitted + failed === 0 ? null : submitted / (submitted + failed),
    })),
    total: total?.n ?? 0,
  };
}

/** A directory with its learned mapping and the business of the job that taught it. */
export async function getDirectory(db: Db, id: string) {
  const [row] = await db
    .select({ ...getTableColumns(directories), learnedFromBusinessName: jobs.businessName })
    .from(directories)
    .leftJoin(jobs, eq(jobs.id, directories.learnedFromJobId))
    .where(eq(directories.id, id));
  if (!row) throw new AppError("DIRECTORY_NOT_FOUND", `No directory with id "${id}" in the catalog.`);
  return row;
}

/**
 * Make the directory's learned mapping its recipe (replacing any recipe it had); the mapping stays
 * until forgotten. With `learnedAt`, only the mapping learned then is adopted: one a worker
 * replaced since staff looked at it is refused rather than adopted unseen.
 */
export async function adoptLearned(db: Db, params: { id: string; learnedAt?: string | undefined }) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ learned: directories.learned, learnedAt: directories.learnedAt })
      .from(directories)
      .where(eq(directories.id, params.id))
      .for("update");
    if (!row)
      throw new AppError("DIRECTORY_NOT_FOUND", `No directory with id "${params.id}" in the catalog.`);
    if (!row.learned || !row.learnedAt) {
      throw new AppError(
        "NOTHING_LEARNED",
        `Directory "${params.id}" has no learned mapping: it is learned when a worker submits to it without a recipe.`,
      );
    }
    if (params.learnedAt && new Date(params.learnedAt).getTime() !== row.learnedAt.getTime()) {
      throw new AppError(
        "LEARNED_CHANGED",
        `A worker learned a newer mapping for "${params.id}" since this page was loaded; reload and review it first.`,
      );
    }
    await tx
      .update(directories)
      .set({ recipe: recipe.parse(recipeFromLearned(row.learned)), updatedAt: sql`now()` })
      .where(eq(directories.id, params.id));
    return getDirectory(tx, params.id);
  });
}

/** Drop the learned mapping: the next worker discovers the form again (and may learn it anew). */
export async function forgetLearned(db: Db, id: string) {
  const [row] = await db
    .update(directories)
    .set({ learned: null, learnedAt: null, learnedFromJobId: null })
    .where(eq(directories.id, id))
    .returning({ id: directories.id });
  if (!row) throw new AppError("DIRECTORY_NOT_FOUND", `No directory with id "${id}" in the catalog.`);
  return getDirectory(db, id);
}

export async function createDirectory(db: Db, fields: DirectoryFields) {
  const [row] = await db.insert(directories).values(fields).onConflictDoNothing().returning();
  if (!row) {
    throw new AppError(
      "DIRECTORY_EXISTS",
      `A directory with id "${fields.id}" already exists; edit it instead.`,
    );
  }
  return row;
}

export async function updateDirectory(db: Db, id: string, fields: Partial<Omit<DirectoryFields, "id">>) {
  const [row] = await db
    .update(directories)
    .set({ ...fields, updatedAt: sql`now()` })
    .where(eq(directories.id, id))
    .returning();
  if (!row) throw new AppError("DIRECTORY_NOT_FOUND", `No directory with id "${id}" in the catalog.`);
  return row;
}

/** A directory that results refer to is kept for their history: disable it instead. */
export async function deleteDirectory(db: Db, id: string) {
  const [used] = await db.select({ n: count() }).from(jobResults).where(eq(jobResults.directoryId, id));
  if (used && used.n > 0) {
    throw new AppError(
      "DIRECTORY_IN_USE",
      `Directory "${id}" has ${used.n} submission results; disable it instead of deleting it.`,
    );
  }
  const [row] = await db.delete(directories).where(eq(directories.id, id)).returning({ id: directories.id });
  if (!row) throw new AppError("DIRECTORY_NOT_FOUND", `No directory with id "${id}" in the catalog.`);
}

/**
 * A statement carries at most 65,535 parameters (13 per directory row), and PGlite overflows its
 * stack on far fewer in one statement: 1,000 rows a statement stays well inside both.
 */
const UPSERT_CHUNK_ROWS = 1_000;

/**
 * Insert new directories and update existing ones by id, a chunk of rows per statement, all in one
 * transaction: a large import is written whole or not at all.
 */
export async function upsertDirectories(db: Db, rows: DirectoryFields[]) {
  if (rows.length === 0) return { created: 0, updated: 0 };
  if (rows.length <= UPSERT_CHUNK_ROWS) return upsertChunk(db, rows);
  return db.transaction(async (tx) => {
    const total = { created: 0, updated: 0 };
    for (let start = 0; start < rows.length; start += UPSERT_CHUNK_ROWS) {
      const { created, updated } = await upsertChunk(tx, rows.slice(start, start + UPSERT_CHUNK_ROWS));
      total.created += created;
      total.updated += updated;
    }
    return total;
  });
}

async function upsertChunk(db: Db, rows: DirectoryFields[]) {
  const result = await db
    .insert(directories)
    .values(rows)
    .onConflictDoUpdate({
      target: directories.id,
      set: {
        name: sql`excluded.name`,
        url: sql`excluded.url`,
        submissionUrl: sql`excluded.submission_url`,
        category: sql`excluded.category`,
        domainAuthority: sql`excluded.domain_authority`,
        requiresLogin: sql`excluded.requires_login`,
        requiresCaptcha: sql`excluded.requires_captcha`,
        requiresEmailVerification: sql`excluded.requires_email_verification`,
        requiresPhoneVerification: sql`excluded.requires_phone_verification`,
        active: sql`excluded.active`,
        recipe: sql`excluded.recipe`,
        listingSearch: sql`excluded.listing_search`,
        formEmail: sql`excluded.form_email`,
        notes: sql`excluded.notes`,
        updatedAt: sql`now()`,
      },
    })
    // xmax is 0 for a freshly inserted row and set for one the conflict clause updated.
    .returning({ inserted: sql<boolean>`(xmax = 0)` });
  const created = result.filter((r) => r.inserted).length;
  return { created, updated: result.length - created };
}

export async function countActiveDirectories(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(directories).where(eq(directories.active, true));
  return row?.n ?? 0;
}

export function listPackages(db: Db) {
  return db.select().from(packages).orderBy(asc(packages.sortOrder));
}

export function escapeLike(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
