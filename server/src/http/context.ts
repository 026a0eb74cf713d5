import type { IncomingMessage, ServerResponse } from "node:http";
import { findSessionUser } from "@autobolt/db";
import { readCookie, SESSION_COOKIE } from "../auth/cookies.ts";
import { apiKeyFromHeaders, secretsMatch, sha256 } from "../auth/tokens.ts";
import { createInnerContext, type InnerContext, type Services } from "../trpc.ts";

/** Who is calling: a worker (API key) and/or a staff member (session cookie). */
export async function contextFromRequest(
  services: Services,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<InnerContext> {
  const apiKey = apiKeyFromHeaders(req.headers);
  const isWorker = apiKey !== undefined && secretsMatch(apiKey, services.apiKey);
  const token = readCookie(req.headers.cookie, SESSION_COOKIE);
  const sessionTokenHash = token ? sha256(token) : undefined;
  const user = sessionTokenHash ? await findSessionUser(services.database.db, sessionTokenHash) : undefined;
  return createInnerContext(services, {
    isWorker,
    sessionTokenHash,
    user: user ? { id: user.id, email: user.email, name: user.name, role: user.role } : undefined,
    setCookie: (cookie) => res.appendHeader("set-cookie", cookie),
    setHeader: (name, value) => res.setHeader(name, value),
    clientAddress: clientAddress(req, services.config.trustProxy),
  });
}

/**
 * The address the connection came from; behind a proxy the operator trusts (AUTOBOLT_TRUST_PROXY),
 * the last X-Forwarded-For entry, the one that proxy appended (earlier entries are the client's
 * own say and can be forged).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = req.headers["x-forwarded-for"];
  if (trustProxy && typeof forwarded === "string") {
    const last = forwarded.split(",").at(-1)?.trim();
    if (last) return last;
  }
  return req.socket.remoteAddress;
}
