import type { ServerResponse } from "node:http";
import { getJobDetail, handedOverAccounts, openReportLink } from "@autobolt/db";
import { sha256 } from "../auth/tokens.ts";
import { open } from "../inbox/secret.ts";
import { issuedProof } from "../proofs/issued.ts";
import type { Services } from "../trpc.ts";
import type { RouteHandler } from "./server.ts";

const PAGE = /^\/r\/([A-Za-z0-9_-]{20,100})$/;
const PROOF = /^\/r\/([A-Za-z0-9_-]{20,100})\/proofs\/([0-9a-f-]{36})$/;

type Detail = Awaited<ReturnType<typeof getJobDetail>>;
type Result = Detail["results"][number];

/*
 * The report a customer opens from a link staff sent: no staff login, one job, read-only. It says
 * where the business is listed and shows the proof, and leaves out what is internal (failure
 * reasons, error messages, workers, staff notes). Proof images are served through the same link,
 * and only the ones of that job's results.
 */
export function customerReportRoutes(services: Services): RouteHandler {
  return async (req, res, url) => {
    if (req.method !== "GET") return false;
    const page = PAGE.exec(url.pathname);
    const proof = page ? undefined : PROOF.exec(url.pathname);
    if (!page && !proof) return false;
    const token = (page ?? proof)?.[1] as string;
    const link = await openReportLink(services.database.db, sha256(token));
    if (link.state !== "open") {
      sendPage(res, link.state === "unknown" ? 404 : 410, closedPage(services.config.agencyName, link.state));
      return true;
    }
    const detail = await getJobDetail(services.database.db, link.jobId);
    if (page) {
      const logins = await handedOverLogins(services, link.jobId, detail);
      sendPage(res, 200, reportPage(services.config.agencyName, token, detail, logins));
      return true;
    }
    const result = detail.results.find((r) => r.id === proof?.[2]);
    const issued = result && shownProof(result);
    const stored = issued && (await services.proofs.get(issued.id));
    if (!stored) {
      sendPage(res, 404, closedPage(services.config.agencyName, "unknown"));
      return true;
    }
    res.writeHead(200, {
      "content-type": stored.contentType,
      "content-length": stored.bytes.length,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    });
    res.end(stored.bytes);
    return true;
  };
}

/** The proof a customer may see: a person's upload first, else the worker's screenshot. */
function shownProof(result: Result) {
  if (result.status !== "submitted") return undefined;
  return issuedProof(result.resolutionProofUrl ?? "") ?? issuedProof(result.screenshotUrl ?? "");
}

/** How a directory stands, in the customer's words: no internal reasons. */
function customerStatus(result: Result): string | undefined {
  if (result.status === "submitted") return result.liveState === "live" ? "Live" : "Submitted";
  // Replaced directories were swapped for another in the package; the other one is listed.
  if (result.resolution === "replaced") return undefined;
  if (result.resolution === "skipped") return "Not submitted";
  return "In progress";
}

/** A listing URL a person or worker recorded, only as a web link. */
function liveLink(reference: string | null): string | undefined {
  if (!reference) return undefined;
  try {
    const url = new URL(reference);
    return url.protocol === "https:" || url.protocol === "http:" ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

const dateFormat = new Intl.DateTimeFormat("en-US", { year: "numeric", month: "short", day: "numeric" });

interface Login {
  directoryName: string;
  email: string;
  username: string | null;
  password: string;
}

/** The directory accounts staff chose to hand over, opened for this page only. */
async function handedOverLogins(services: Services, jobId: string, detail: Detail): Promise<Login[]> {
  const key = services.secretKey;
  if (!key) return [];
  const names = new Map(detail.results.map((r) => [r.directoryId, r.directoryName]));
  const accounts = await handedOverAccounts(services.database.db, jobId);
  return accounts.flatMap((a) => {
    try {
      return [
        {
          directoryName: names.get(a.directoryId) ?? a.directoryId,
          email: a.email,
          username: a.username,
          password: open(key, a),
        },
      ];
    } catch {
      // Sealed under another key: left out rather than failing the customer's page.
      services.log.warn({ directoryId: a.directoryId }, "a handed-over account could not be opened");
      return [];
    }
  });
}

function loginsSection(logins: Login[]): string {
  if (logins.length === 0) return "";
  const rows = logins.map(
    (l) =>
      `<tr><td>${escapeHtml(l.directoryName)}</td><td>${escapeHtml(l.username ?? l.email)}</td><td><code>${escapeHtml(l.password)}</code></td></tr>`,
  );
  return `<section><h2>Your directory logins</h2><p>We made these accounts for your business; keep them somewhere safe.</p>
<table><thead><tr><th>Directory</th><th>Login</th><th>Password</th></tr></thead><tbody>${rows.join("\n")}</tbody></table></section>`;
}

function reportPage(agency: string, token: string, detail: Detail, logins: Login[] = []): string {
  const rows = detail.results.flatMap((r) => {
    const status = customerStatus(r);
    if (!status) return [];
    const link = liveLink(r.listingUrl ?? r.listingReference);
    const proof = shownProof(r);
    return [
      `<tr><td>${escapeHtml(r.directoryName)}</td><td>${status}</td><td>${
        r.status === "submitted" && r.submittedAt ? dateFormat.format(r.submittedAt) : "—"
      }</td><td>${link ? `<a href="${escapeHtml(link)}" rel="noopener noreferrer">View listing</a>` : "—"}</td><td>${
        proof
          ? `<a href="/r/${token}/proofs/${r.id}"><img src="/r/${token}/proofs/${r.id}" alt="Proof for ${escapeHtml(r.directoryName)}" loading="lazy"></a>`
          : "—"
      }</td></tr>`,
    ];
  });
  const submitted = detail.results.filter((r) => r.status === "submitted").length;
  const shown = rows.length;
  return layout(
    `${agency} · ${detail.customer.businessName}`,
    `<header><p class="agency">${escapeHtml(agency)}</p><h1>Directory listings for ${escapeHtml(detail.customer.businessName)}</h1>
<p>${submitted} of ${shown} directories submitted · report of ${dateFormat.format(new Date())}</p></header>
<table><thead><tr><th>Directory</th><th>Status</th><th>Date</th><th>Listing</th><th>Proof</th></tr></thead>
<tbody>${rows.join("\n")}</tbody></table>
${loginsSection(logins)}
<footer><p>This page is read-only and was shared with you by ${escapeHtml(agency)}.</p></footer>`,
  );
}

function closedPage(agency: string, state: "revoked" | "expired" | "unknown"): string {
  const why =
    state === "revoked"
      ? "This report link was withdrawn."
      : state === "expired"
        ? "This report link has expired."
        : "There is no report at this address.";
  return layout(
    agency,
    `<header><p class="agency">${escapeHtml(agency)}</p><h1>${why}</h1>
<p>Ask ${escapeHtml(agency)} for a new link.</p></header>`,
  );
}

function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;color:#1c2430;background:#f6f7f9}
main{max-width:60rem;margin:0 auto;background:#fff;border:1px solid #e2e6ec;border-radius:10px;padding:1.5rem}
.agency{font-weight:700;color:#4f46e5;margin:0}h1{font-size:1.4rem;margin:.25rem 0}
table{width:100%;border-collapse:collapse;margin-top:1rem}th,td{text-align:left;padding:.5rem;border-bottom:1px solid #e2e6ec;vertical-align:top}
th{font-size:.75rem;text-transform:uppercase;color:#5b6472}img{max-width:120px;border:1px solid #e2e6ec;border-radius:4px}
footer{color:#5b6472;font-size:.85rem;margin-top:1rem}
@media (max-width:640px){thead{display:none}tr{display:block;border-bottom:1px solid #e2e6ec;padding:.5rem 0}td{display:block;border:0;padding:.15rem 0}}
</style></head><body><main>${body}</main></body></html>`;
}

function sendPage(res: ServerResponse, status: number, html: string) {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "referrer-policy": "no-referrer",
    "x-robots-tag": "noindex",
    "x-content-type-options": "nosniff",
    "content-security-policy":
      "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  });
  res.end(html);
}
