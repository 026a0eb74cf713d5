import type { IncomingMessage } from "node:http";
import { SESSION_COOKIE } from "../auth/cookies.ts";

export interface Refusal {
  status: 400 | 403 | 415;
  code: "BAD_REQUEST" | "FORBIDDEN" | "UNSUPPORTED_MEDIA_TYPE";
  message: string;
}

/** The media type of a request, lower-cased, without parameters (`application/json`). */
export function mediaType(req: IncomingMessage): string | undefined {
  const header = req.headers["content-type"];
  return header?.split(";", 1)[0]?.trim().toLowerCase() || undefined;
}

/** A path with a `%` that is not an escape (`/%zz`) names nothing: the caller made a mistake. */
export function malformedPath(url: URL): Refusal | undefined {
  try {
    decodeURIComponent(url.pathname);
    return undefined;
  } catch {
    return {
      status: 400,
      code: "BAD_REQUEST",
      message: "The URL's path has a % that is not followed by two hex digits; encode it as %25.",
    };
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * A request that may change something, refused when it could have been sent by another site in
 * the name of a signed-in staff member. A browser sends the session cookie with a plain form post
 * or a `text/plain` fetch from any page of the same site (SameSite=Lax stops only other sites), and
 * those need no CORS preflight; a JSON body does. So every tRPC mutation must be JSON, and a
 * request carrying the session cookie must come from the console's own origin (Sec-Fetch-Site,
 * or Origin against Host for a browser without it).
 */
export function crossSiteOrNotJson(req: IncomingMessage, url: URL): Refusal | undefined {
  if (SAFE_METHODS.has(req.method ?? "GET")) return undefined;
  if (url.pathname.startsWith("/trpc/") && mediaType(req) !== "application/json") {
    return {
      status: 415,
      code: "UNSUPPORTED_MEDIA_TYPE",
      message: "tRPC calls that change something take a JSON body: send Content-Type: application/json.",
    };
  }
  if (!carriesSessionCookie(req)) return undefined;
  const fetchSite = req.headers["sec-fetch-site"];
  const sameOrigin =
    typeof fetchSite === "string"
      ? fetchSite === "same-origin" || fetchSite === "none"
      : originMatchesHost(req.headers.origin, req.headers.host);
  if (sameOrigin) return undefined;
  return {
    status: 403,
    code: "FORBIDDEN",
    message: "A signed-in request from another site is refused: use the AutoBolt console itself.",
  };
}

function carriesSessionCookie(req: IncomingMessage): boolean {
  return (req.headers.cookie ?? "").split(";").some((part) => part.trim().startsWith(`${SESSION_COOKIE}=`));
}

/** No Origin (a script or an old browser's same-origin call) is fine; one naming another host is not. */
function originMatchesHost(origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
