import { asc, eq, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { claimPauses, directories } from "../schema/index.ts";

/** Every pause in force: `all`, then directories by id. */
export function listPauses(db: Db) {
  return db
    .select({
      scope: claimPauses.scope,
      pausedBy: claimPauses.pausedBy,
      pausedAt: claimPauses.pausedAt,
      reason: claimPauses.reason,
      directoryName: directories.name,
    })
    .from(claimPauses)
    .leftJoin(directories, eq(directories.id, claimPauses.scope))
    .orderBy(asc(claimPauses.scope));
}

/**
 * Stop claims: `all` of them, or one directory's (its jobs are still claimed for their other
 * directories). Pausing twice keeps the first pause's author and time.
 */
export async function pauseClaims(
  db: Db,
  params: { scope: string; by: string; reason?: string | undefined },
) {
  if (params.scope !== "all") {
    const [directory] = await db
      .select({ id: directories.id })
      .from(directories)
      .where(eq(directories.id, params.scope));
    if (!directory) throw new AppError("DIRECTORY_NOT_FOUND", `No directory with id ${params.scope}.`);
  }
  await db
    .insert(claimPauses)
    .values({ scope: params.scope, pausedBy: params.by, reason: params.reason ?? null })
    .onConflictDoNothing();
}

/** Claims go on; answers whether there was such a pause. */
export async function resumeClaims(db: Db, scope: string): Promise<{ resumed: boolean }> {
  const removed = await db.delete(claimPauses).where(eq(claimPauses.scope, scope)).returning();
  // Long-polling workers on every server wake as they would for a new job.
  if (removed.length > 0) await db.execute(sql`select pg_notify('autobolt_job_pending', 'resumed')`);
  return { resumed: removed.length > 0 };
}
