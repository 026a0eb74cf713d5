import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "@autobolt/db";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError, z } from "zod";
import { createCaller } from "../root.ts";
import type { Services } from "../trpc.ts";
import { BodyError, readJsonBody } from "./body.ts";
import { contextFromRequest } from "./context.ts";
import { sendJson } from "./respond.ts";

/**
 * The worker procedures at the seed's plain-HTTP paths, for workers that are not TypeScript. The
 * body is exactly the tRPC input; a GET (next, next-batch) takes its input from the query string.
 */
export const restRoutes = {
  "GET /api/autobolt/jobs/next": "next",
  "POST /api/autobolt/jobs/next": "next",
  "GET /api/autobolt/jobs/next-batch": "nextBatch",
  "POST /api/autobolt/jobs/next-batch": "nextBatch",
  "POST /api/autobolt/jobs/start": "start",
  "POST /api/autobolt/jobs/update": "update",
  "POST /api/autobolt/jobs/complete": "complete",
  "POST /api/autobolt/jobs/complete-batch": "completeBatch",
  "POST /api/autobolt/jobs/heartbeat": "heartbeat",
  "POST /api/autobolt/jobs/release": "release",
} as const satisfies Record<string, keyof ReturnType<typeof createCaller>["autobolt"]["jobs"]>;

/** The campaign inbox's follow-up tasks, the same way: the body is the tRPC input. */
export const followUpRestRoutes = {
  "POST /api/autobolt/follow-ups/next": "next",
  "POST /api/autobolt/follow-ups/heartbeat": "heartbeat",
  "POST /api/autobolt/follow-ups/report": "report",
} as const satisfies Record<string, keyof ReturnType<typeof createCaller>["autobolt"]["followUps"]>;

type WorkerCall =
  | { group: "jobs"; call: (typeof restRoutes)[keyof typeof restRoutes] }
  | { group: "followUps"; call: (typeof followUpRestRoutes)[keyof typeof followUpRestRoutes] };

export function matchRestRoute(method: string, pathname: string): WorkerCall | undefined {
  const key = `${method} ${pathname}`;
  const job = (restRoutes as Record<string, (typeof restRoutes)[keyof typeof restRoutes]>)[key];
  if (job) return { group: "jobs", call: job };
  const followUp = (
    followUpRestRoutes as Record<string, (typeof followUpRestRoutes)[keyof typeof followUpRestRoutes]>
  )[key];
  return followUp ? { group: "followUps", call: followUp } : undefined;
}

export async function handleRest(
  services: Services,
  call: WorkerCall,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const abort = new AbortController();
  res.on("close", () => {
    if (!res.writableFinished) abort.abort();
  });
  try {
    const input =
      req.method === "GET" ? queryInput(url) : await readJsonBody(req, services.config.maxBodyBytes);
    const ctx = await contextFromRequest(services, req, res);
    const caller = createCaller(ctx, { signal: abort.signal });
    const result =
      call.group === "jobs"
        ? await caller.autobolt.jobs[call.call](input as never)
        : await caller.autobolt.followUps[call.call](input as never);
    // Nothing to do answers 204, for jobs and follow-ups alike.
    if (
      call.call === "next" &&
      (("job" in result && result.job === null) || ("followUp" in result && result.followUp === null))
    ) {
      res.writeHead(204).end();
      return;
    }
    sendJson(res, 200, result);
  } catch (error) {
    sendError(services, res, error);
  }
}

function queryInput(url: URL): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const workerId = url.searchParams.get("workerId");
  const waitMs = url.searchParams.get("waitMs");
  const limit = url.searchParams.get("limit");
  if (workerId !== null) input.workerId = workerId;
  if (waitMs !== null) input.waitMs = Number(waitMs);
  if (limit !== null) input.limit = Number(limit);
  return input;
}

/** The same answer a tRPC caller gets, as plain JSON: code, domain code, message, field errors. */
function sendError(services: Services, res: ServerResponse, error: unknown): void {
  if (error instanceof BodyError) {
    sendJson(res, error.status, { error: { code: "BAD_REQUEST", message: error.message } });
    return;
  }
  const trpcError =
    error instanceof TRPCError ? error : new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error });
  const status = getHTTPStatusCodeFromError(trpcError);
  const cause = trpcError.cause;
  if (status >= 500) {
    services.log.error({ err: cause ?? trpcError }, "worker REST call failed");
    sendJson(res, status, {
      error: { code: trpcError.code, message: "Something went wrong on the server; it has been logged." },
    });
    return;
  }
  sendJson(res, status, {
    error: {
      code: trpcError.code,
      ...(cause instanceof AppError ? { appCode: cause.code } : {}),
      message:
        cause instanceof ZodError
          ? "The request body does not match the expected fields."
          : trpcError.message,
      ...(cause instanceof ZodError ? z.flattenError(cause) : {}),
    },
  });
}
