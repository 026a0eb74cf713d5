import type { ResultReport } from "@autobolt/contract";
import type { ProofStore } from "./store.ts";

/** The only shape the screenshot upload answers: `/screenshots/<uuid>.png` or `.jpg`. */
export const PROOF_FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(png|jpg)$/;

export function proofUrl(id: string, extension: "png" | "jpg"): string {
  return `/screenshots/${id}.${extension}`;
}

/** The proof id and its content type an issued URL names, or undefined for any other value. */
export function issuedProof(
  url: string,
): { id: string; contentType: "image/png" | "image/jpeg" } | undefined {
  if (!url.startsWith("/screenshots/")) return undefined;
  const [, id, extension] = PROOF_FILE_NAME.exec(url.slice("/screenshots/".length)) ?? [];
  if (!id) return undefined;
  return { id, contentType: extension === "png" ? "image/png" : "image/jpeg" };
}

export interface RefusedScreenshot {
  directoryId: string;
  message: string;
}

/**
 * Keep a result's screenshotUrl only when it is one the upload issued and its proof is stored
 * (one look-up for the whole batch). Any other (another site, `javascript:`, a made-up id) is
 * dropped from that result alone: what the worker did on the directory is still true, and one bad
 * address must not cost the batch.
 */
export async function keepIssuedScreenshots(
  proofs: ProofStore,
  results: ResultReport[],
): Promise<{ results: ResultReport[]; refused: RefusedScreenshot[] }> {
  const named = results.flatMap((r) => {
    const proof = r.screenshotUrl === undefined ? undefined : issuedProof(r.screenshotUrl);
    return proof ? [proof.id] : [];
  });
  const stored = await proofs.contentTypesOf(named);
  const refused: RefusedScreenshot[] = [];
  const checked = results.map((result) => {
    if (result.screenshotUrl === undefined) return result;
    const proof = issuedProof(result.screenshotUrl);
    const problem = !proof
      ? "screenshotUrl must be the url POST /api/screenshots answered (/screenshots/<id>.png or .jpg); the result was kept without it."
      : stored.get(proof.id) !== proof.contentType
        ? "screenshotUrl names no uploaded screenshot; the result was kept without it."
        : undefined;
    if (!problem) return result;
    refused.push({ directoryId: result.directoryId, message: problem });
    const { screenshotUrl: _dropped, ...rest } = result;
    return rest;
  });
  return { results: checked, refused };
}
