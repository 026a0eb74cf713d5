import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../client.ts";
import { AppError } from "../errors.ts";
import { reportLinks } from "../schema/index.ts";

export function createReportLink(
  db: Db,
  params: { jobId: string; tokenHash: string; createdBy: string; expiresAt: Date },
) {
  return db
    .insert(reportLinks)
    .values(params)
    .returning({
      id: reportLinks.id,
      jobId: reportLinks.jobId,
      createdAt: reportLinks.createdAt,
      expiresAt: reportLinks.expiresAt,
    })
    .then((rows) => rows[0] as NonNullable<(typeof rows)[0]>);
}

/** A job's links, newest first, without their tokens (only hashes are kept). */
export function listReportLinks(db: Db, jobId: string) {
  return db
    .select({
      id: reportLinks.id,
      createdBy: reportLinks.createdBy,
      createdAt: reportLinks.createdAt,
      expiresAt: reportLinks.expiresAt,
      revokedAt: reportLinks.revokedAt,
      revokedBy: reportLinks.revokedBy,
      lastOpenedAt: reportLinks.lastOpenedAt,
    })
    .from(reportLinks)
    .where(eq(reportLinks.jobId, jobId))
    .orderBy(desc(reportLinks.createdAt));
}

export async function revokeReportLink(db: Db, params: { id: string; by: string }) {
  const [row] = await db
    .update(reportLinks)
    .set({ revokedAt: new Date(), revokedBy: params.by })
    .where(and(eq(reportLinks.id, params.id), isNull(reportLinks.revokedAt)))
    .returning({ id: reportLinks.id, jobId: reportLinks.jobId });
  if (row) return row;
  const [existing] = await db
    .select({ id: reportLinks.id })
    .from(reportLinks)
    .where(eq(reportLinks.id, params.id));
  if (!existing) throw new AppError("REPORT_LINK_NOT_FOUND", `No report link with id ${params.id}.`);
  throw new AppError("REPORT_LINK_REVOKED", "This link was already revoked.");
}

/**
 * What a token opens: its job while the link stands, or why it does not (revoked, expired). An
 * opening is recorded, so staff can see whether the customer looked.
 */
export async function openReportLink(
  db: Db,
  tokenHash: string,
): Promise<{ state: "open"; jobId: string } | { state: "revoked" | "expired" | "unknown" }> {
  const [link] = await db.select().from(reportLinks).where(eq(reportLinks.tokenHash, tokenHash));
  if (!link) return { state: "unknown" };
  if (link.revokedAt) return { state: "revoked" };
  if (link.expiresAt.getTime() <= Date.now()) return { state: "expired" };
  await db.update(reportLinks).set({ lastOpenedAt: new Date() }).where(eq(reportLinks.id, link.id));
  return { state: "open", jobId: link.jobId };
}
