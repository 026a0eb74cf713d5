import { eq } from "drizzle-orm";
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

/** A proof's content type without its bytes: whether a reported screenshot was uploaded. */
export async function findProofContentType(db: Db, id: string): Promise<ProofContentType | undefined> {
  const [row] = await db.select({ contentType: proofs.contentType }).from(proofs).where(eq(proofs.id, id));
  return row?.contentType;
}

export async function findProof(db: Db, id: string) {
  const [row] = await db
    .select({ contentType: proofs.contentType, bytes: proofs.bytes })
    .from(proofs)
    .where(eq(proofs.id, id));
  return row;
}
