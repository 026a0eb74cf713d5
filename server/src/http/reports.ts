import { AppError, getJobDetail } from "@autobolt/db";
import { stringify } from "csv-stringify/sync";
import { PROOF_FILE_NAME } from "../proofs/issued.ts";
import type { Services } from "../trpc.ts";
import { contextFromRequest } from "./context.ts";
import { sendJson } from "./respond.ts";
import type { RouteHandler } from "./server.ts";

const REPORT_PATH = /^\/reports\/jobs\/([0-9a-f-]{36})\.csv$/;

/**
 * A spreadsheet program runs a cell that starts with = + - @ as a formula; a business name is
 * customer-typed text, so such cells are prefixed to stay text.
 */
export function spreadsheetSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The customer report as CSV: one row per directory with its status, date and proof. */
export function reportRoutes(services: Services): RouteHandler {
  return async (req, res, url) => {
    const match = REPORT_PATH.exec(url.pathname);
    if (!match || req.method !== "GET") return false;
    const ctx = await contextFromRequest(services, req, res);
    if (!ctx.user) {
      sendJson(res, 401, { error: { code: "UNAUTHORIZED", message: "Sign in to download reports." } });
      return true;
    }
    let detail: Awaited<ReturnType<typeof getJobDetail>>;
    try {
      detail = await getJobDetail(ctx.db, match[1] as string);
    } catch (error) {
      if (error instanceof AppError && error.code === "JOB_NOT_FOUND") {
        sendJson(res, 404, { error: { code: "NOT_FOUND", message: error.message } });
        return true;
      }
      throw error;
    }
    const origin = requestOrigin(req.headers.host);
    const rows = detail.results.map((r) => [
      detail.customer.businessName,
      r.directoryName,
      r.directoryId,
      r.status,
      isoOrBlank(r.submittedAt),
      r.reason ?? "",
      r.errorMessage ?? "",
      proofLink(r.screenshotUrl, origin),
      r.listingUrl ?? r.listingReference ?? "",
      r.liveState ?? "",
      isoOrBlank(r.liveCheckedAt),
    ]);
    const csv = stringify(
      [
        [
          "business",
          "directory",
          "directory_id",
          "status",
          "submitted_at",
          "reason",
          "error",
          "proof",
          "listing",
          "live_state",
          "live_checked_at",
        ],
        ...rows,
      ].map((row) => row.map(spreadsheetSafe)),
    );
    const fileName = `autobolt-report-${slug(detail.customer.businessName)}-${detail.job.id.slice(0, 8)}.csv`;
    res.writeHead(200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${fileName}"`,
      "cache-control": "no-store",
    });
    res.end(`\uFEFF${csv}`);
    return true;
  };
}

/*
 * A report is built from whatever the database holds, including values written before today's
 * checks: a cell that cannot be rendered is left blank rather than failing the whole download.
 */

function requestOrigin(host: string | undefined): string {
  try {
    return new URL(`http://${host ?? "localhost"}`).origin;
  } catch {
    return "http://localhost";
  }
}

function isoOrBlank(moment: Date | null): string {
  return moment && !Number.isNaN(moment.getTime()) ? moment.toISOString() : "";
}

/** A proof the server issued, as a full link; any other stored value is no proof of ours. */
function proofLink(screenshotUrl: string | null, origin: string): string {
  if (!screenshotUrl?.startsWith("/screenshots/")) return "";
  return PROOF_FILE_NAME.test(screenshotUrl.slice("/screenshots/".length)) ? `${origin}${screenshotUrl}` : "";
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "customer"
  );
}
