import type { PackageChoice } from "@autobolt/contract";
import { and, count, desc, eq, isNull, ne, notExists, or, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { directories, jobResults, jobs, packages } from "../schema/index.ts";
import { type Actor, recordEvent } from "./events.ts";

export async function resolvePackage(db: Db, choice: PackageChoice): Promise<{ name: string; size: number }> {
  if ("size" in choice) return { name: "Custom", size: choice.size };
  const [preset] = await db.select().from(packages).where(eq(packages.id, choice.id));
  if (!preset)
    throw new AppError("UNKNOWN_PACKAGE", `No package "${choice.id}"; choose one of the listed packages.`);
  return { name: preset.name, size: preset.size };
}

/**
 * Active directories this customer has no citation on: none submitted (by a worker or by hand, in
 * any job, cancelled ones included: the listing exists), none pending (in flight), and no failure
 * still open in the needs-attention queue. A skipped or replaced failure frees the directory for
 * a later package.
 */
function availableDirectories(db: Db, customerId: string) {
  const alreadyHas = db
    .select({ one: sql`1` })
    .from(jobResults)
    .innerJoin(jobs, eq(jobs.id, jobResults.jobId))
    .where(
      and(
        eq(jobs.customerId, customerId),
        eq(jobResults.directoryId, directories.id),
        or(ne(jobResults.status, "failed"), isNull(jobResults.resolution)),
      ),
    );
  return and(eq(directories.active, true), notExists(alreadyHas));
}

/** How many directories a package could draw from: the active catalog, and what this customer has left of it. */
export async function availableDirectoryCount(db: Db, params: { customerId?: string | undefined }) {
  const [[active], [forCustomer]] = await Promise.all([
    db.select({ n: count() }).from(directories).where(eq(directories.active, true)),
    params.customerId
      ? db.select({ n: count() }).from(directories).where(availableDirectories(db, params.customerId))
      : Promise.resolve([undefined]),
  ]);
  const activeCount = active?.n ?? 0;
  return { active: activeCount, available: forCustomer?.n ?? activeCount };
}

export interface PlanJobParams {
  customerId: string;
  businessName: string;
  email: string;
  package: PackageChoice;
  priorityLevel: number;
  /** Plan what is available when the package is larger, instead of refusing it. */
  allowPartial?: boolean | undefined;
  actor: Actor;
}

/**
 * Create a pending job and its pending results, strongest directories first. Call inside a
 * transaction: a package larger than what is available throws and leaves nothing behind.
 */
export async function planJob(tx: Db, params: PlanJobParams) {
  const pkg = await resolvePackage(tx, params.package);
  const [available] = await tx
    .select({ n: count() })
    .from(directories)
    .where(availableDirectories(tx, params.customerId));
  const availableCount = available?.n ?? 0;
  const partial = params.allowPartial === true && availableCount > 0 && availableCount < pkg.size;
  if (availableCount < pkg.size && !partial) {
    throw new AppError(
      "PACKAGE_TOO_LARGE",
      `The ${pkg.name} package needs ${pkg.size} directories but only ${availableCount} active directories are available for this customer. Choose a smaller package or add directories to the catalog.`,
      { requested: pkg.size, available: availableCount },
    );
  }
  const [job] = await tx
    .insert(jobs)
    .values({
      customerId: params.customerId,
      packageSize: partial ? availableCount : pkg.size,
      priorityLevel: params.priorityLevel,
      businessName: params.businessName,
      email: params.email,
      metadata: partial
        ? { package: pkg.name, requestedSize: pkg.size, partial: true }
        : { package: pkg.name },
    })
    .returning();
  if (!job) throw new Error("insert into jobs returned no row");
  const planned = tx
    .select({ id: directories.id, name: directories.name })
    .from(directories)
    .where(availableDirectories(tx, params.customerId))
    .orderBy(desc(directories.domainAuthority), directories.id)
    .limit(partial ? availableCount : pkg.size);
  // Named columns: everything else on job_results takes its default.
  await tx.execute(sql`
    insert into ${jobResults} (job_id, directory_id, directory_name)
    select ${job.id}::uuid, planned.id, planned.name from (${planned}) as planned`);
  await recordEvent(tx, job.id, "created", params.actor, {
    package: pkg.name,
    size: job.packageSize,
    ...(partial ? { requestedSize: pkg.size } : {}),
  });
  return job;
}
