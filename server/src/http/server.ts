import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";

import { CSV_IMPORT_MAX_CHARS } from "@autobolt/contract";
import { ping } from "@autobolt/db";
import { nodeHTTPRequestHandler } from "@trpc/server/adapters/node-http";
import { appRouter } from "../root.ts";
import type { Services } from "../trpc.ts";
import { contextFromRequest } from "./context.ts";
import { crossSiteOrNotJson, malformedPath } from "./guards.ts";
import { sendJson } from "./respond.ts";
import { handleRest, matchRestRoute } from "./rest.ts";

/**
 * The catalog import alone takes a body above the general limit: its CSV may be 5 MB of text, and
 * as a JSON string each character is at most 3 bytes (UTF-8, or an escape such as \" or \n).
 * Only a call to that procedure alone gets it (a batch of several calls keeps the general limit).
 */
const CSV_IMPORT_PATH = "directories.importCsv";
const csvImportBodyBytes = 3 * CSV_IMPORT_MAX_CHARS + 64 * 1024;

function trpcBodyLimit(path: string, generalLimit: number): number {
  return path === CSV_IMPORT_PATH ? Math.max(generalLimit, csvImportBodyBytes) : generalLimit;
}

export type RouteHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
) => Promise<boolean> | boolean;

/**
 * One HTTP server for everything: /trpc, the worker REST mirrors, /healthz, and whatever extra
 * handlers the caller mounts (console files, screenshots). Each handler answers true if it took
 * the request.
 */
export function createHttpServer(services: Services, extraRoutes: RouteHandler[] = []): Server {
  const server = createServer(async (req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? "/", "http://localhost");
    } catch {
      sendJson(res, 400, { error: { code: "BAD_REQUEST", message: "The request's URL cannot be parsed." } });
      return;
    }
    // Per-request logging costs a listener and an object on the hottest path: only when asked for.
    if (services.log.isLevelEnabled("debug")) {
      const started = performance.now();
      res.on("finish", () => {
        services.log.debug(
          {
            method: req.method,
            path: url.pathname,
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
          },
          "request",
        );
      });
    }
    try {
      const refusal = malformedPath(url) ?? crossSiteOrNotJson(req, url);
      if (refusal) {
        // The body is not read: drain it so the connection can answer and be reused.
        req.resume();
        sendJson(res, refusal.status, { error: { code: refusal.code, message: refusal.message } });
        return;
      }
      if (url.pathname.startsWith("/trpc/")) {
        const path = url.pathname.slice("/trpc/".length);
        await nodeHTTPRequestHandler({
          router: appRouter,
          req,
          res,
          path,
          maxBodySize: trpcBodyLimit(path, services.config.maxBodyBytes),
          createContext: ({ req, res }) => contextFromRequest(services, req, res),
          onError: ({ error, path }) => {
            if (error.code === "INTERNAL_SERVER_ERROR")
              services.log.error({ err: error, path }, "procedure failed");
          },
        });
        return;
      }
      const restCall = matchRestRoute(req.method ?? "GET", url.pathname);
      if (restCall) return await handleRest(services, restCall, req, res, url);
      if (url.pathname === "/healthz") return await health(services, res);
      for (const route of extraRoutes) {
        if (await route(req, res, url)) return;
      }
      sendJson(res, 404, { error: { code: "NOT_FOUND", message: `Nothing at ${url.pathname}` } });
    } catch (error) {
      services.log.error({ err: error, path: url.pathname }, "request failed");
      if (!res.headersSent)
        sendJson(res, 500, {
          error: {
            code: "INTERNAL_SERVER_ERROR",
            message: "Something went wrong on the server; it has been logged.",
          },
        });
      else res.end();
    }
  });
  // Long-polls wait up to 30 s; keep idle sockets a little longer so workers reuse connections.
  server.keepAliveTimeout = 35_000;
  server.headersTimeout = 40_000;
  return server;
}

async function health(services: Services, res: ServerResponse): Promise<void> {
  try {
    await ping(services.database.db);
    sendJson(res, 200, { ok: true, database: services.database.kind });
  } catch (error) {
    services.log.error({ err: error }, "health check: database unreachable");
    sendJson(res, 503, { ok: false, database: services.database.kind, error: "database unreachable" });
  }
}
