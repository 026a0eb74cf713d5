import { eq, inArray } from "drizzle-orm";
import type { Db } from "../client.ts";
import { proofs } from "../schema/index.ts";

export type ProofContentType = (typeof proofs.$inferSelect)["contentType"];

/** Keep a proof's bytes; the same id twice keeps the first (a retried upload or a lazy copy race). */
export async function insertProof(
  db: Db,
  params: { id: string; contentType: ProofContentType; bytes: Buffer },
) {
  await db
    .insert(proofs)
    .values({ ...params, size: params.bytes.length })
    .onConflictDoNothing();
}

/** Proofs' content types without their bytes: which reported screenshots were uploaded. */
export async function findProofContentTypes(db: Db, ids: string[]): Promise<Map<string, ProofContentType>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: proofs.id, contentType: proofs.contentType })
    .from(proofs)
    .where(inArray(proofs.id, ids));
  return new Map(rows.map((row) => [row.id, row.contentType]));
}

export async function findProof(db: Db, id: string) {
  const [row] = await db
    .select({ contentType: proofs.contentType, bytes: proofs.bytes })
    .from(proofs)
    .where(eq(proofs.id, id));
  return row;
}
