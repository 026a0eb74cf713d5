import type { ResultReport } from "@autobolt/contract";
import type { ProofStore } from "./store.ts";

/** The only shape the screenshot upload answers: `/screenshots/<uuid>.png` or `.jpg`. */
export const PROOF_FILE_NAME = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(png|jpg)$/;

export function proofUrl(id: string, extension: "png" | "jpg"): string {
  return `/screenshots/${id}.${extension}`;
}

export interface RefusedScreenshot {
  directoryId: string;
  message: string;
}

/**
 * Keep a result's screenshotUrl only when it is one the upload issued and its proof is stored.
 * Any other (another site, `javascript:`, a made-up id) is dropped from that result alone: what
 * the worker did on the directory is still true, and one bad address must not cost the batch.
 */
export async function keepIssuedScreenshots(
  proofs: ProofStore,
  results: ResultReport[],
): Promise<{ results: ResultReport[]; refused: RefusedScreenshot[] }> {
  const refused: RefusedScreenshot[] = [];
  const checked = await Promise.all(
    results.map(async (result) => {
      if (result.screenshotUrl === undefined) return result;
      const problem = await screenshotProblem(proofs, result.screenshotUrl);
      if (!problem) return result;
      refused.push({ directoryId: result.directoryId, message: problem });
      const { screenshotUrl: _dropped, ...rest } = result;
      return rest;
    }),
  );
  return { results: checked, refused };
}

async function screenshotProblem(proofs: ProofStore, url: string): Promise<string | undefined> {
  const name = url.startsWith("/screenshots/") ? url.slice("/screenshots/".length) : undefined;
  const [, id, extension] = (name !== undefined && PROOF_FILE_NAME.exec(name)) || [];
  if (!id)
    return "screenshotUrl must be the url POST /api/screenshots answered (/screenshots/<id>.png or .jpg); the result was kept without it.";
  const contentType = await proofs.contentTypeOf(id);
  if (contentType !== (extension === "png" ? "image/png" : "image/jpeg"))
    return "screenshotUrl names no uploaded screenshot; the result was kept without it.";
  return undefined;
}
