import type { Database, Db } from "@autobolt/db";
import { AppError, appErrorCodes } from "@autobolt/db";
import { initTRPC, TRPCError } from "@trpc/server";
import type { Logger } from "pino";
import { ZodError, z } from "zod";
import type { JobBus } from "./bus.ts";
import type { ServerConfig } from "./config.ts";
import type { LeaseBatches } from "./lease-batches.ts";
import type { ProofStore } from "./proofs/store.ts";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: "admin" | "staff";
}

export interface Services {
  database: Database;
  bus: JobBus;
  /** Claims and completions, gathered into one statement across concurrent requests. */
  leases: LeaseBatches;
  /** Proof screenshots, where every server process can read them. */
  proofs: ProofStore;
  config: ServerConfig;
  log: Logger;
  /** The worker key in force (from the environment or generated for the embedded default). */
  apiKey: string;
  /** When this process last recorded each worker as seen (a write-saving cache, not state). */
  workerPresence: Map<string, number>;
  /** Seals directory-account passwords; set when the campaign inbox is on. */
  secretKey: Buffer | undefined;
}

export interface InnerContext extends Services {
  db: Db;
  /** The signed-in staff member, if the request carried a live session cookie. */
  user: SessionUser | undefined;
  sessionTokenHash: string | undefined;
  /** True when the request carried the worker API key. */
  isWorker: boolean;
  /** Sets a response cookie (sign-in and sign-out); a no-op for direct callers. */
  setCookie: (cookie: string) => void;
  /** Sets a response header (Retry-After on a throttled sign-in); a no-op for direct callers. */
  setHeader: (name: string, value: string) => void;
  /** The caller's network address, which sign-in throttling counts against. */
  clientAddress: string | undefined;
}

/** The context without HTTP: tests build it directly and call procedures through createCaller. */
export function createInnerContext(
  services: Services,
  auth: Partial<
    Pick<InnerContext, "user" | "sessionTokenHash" | "isWorker" | "setCookie" | "setHeader" | "clientAddress">
  > = {},
): InnerContext {
  return {
    ...services,
    db: services.database.db,
    user: auth.user,
    sessionTokenHash: auth.sessionTokenHash,
    isWorker: auth.isWorker ?? false,
    setCookie: auth.setCookie ?? (() => {}),
    setHeader: auth.setHeader ?? (() => {}),
    clientAddress: auth.clientAddress,
  };
}

const t = initTRPC.context<InnerContext>().create({
  // Live views over SSE: a ping keeps proxies from closing quiet streams, and the client
  // reconnects (and refetches) when pings stop.
  sse: { ping: { enabled: true, intervalMs: 10_000 }, client: { reconnectAfterInactivityMs: 25_000 } },
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    return {
      ...shape,
      // Internal failures keep their details in the server log, not in the answer.
      message:
        error.code === "INTERNAL_SERVER_ERROR"
          ? "Something went wrong on the server; it has been logged."
          : shape.message,
      data: {
        ...shape.data,
        stack: undefined,
        appCode: cause instanceof AppError ? cause.code : undefined,
        fieldErrors: cause instanceof ZodError ? z.flattenError(cause).fieldErrors : undefined,
        formErrors: cause instanceof ZodError ? z.flattenError(cause).formErrors : undefined,
      },
    };
  },
});

export const createTRPCRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors here, in one place, with the status their code maps to. */
const mapAppErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    throw new TRPCError({ code: appErrorCodes[cause.code], message: cause.message, cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapAppErrors);

export const staffProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) {
    throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  }
  return next({ ctx: { ...ctx, user: ctx.user, actor: `staff:${ctx.user.email}` } });
});

export const adminProcedure = staffProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "Only an admin can do this." });
  }
  return next();
});

export const workerProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.isWorker) {
    throw new TRPCError({
      code: "UNAUTHORIZED",
      message: "A worker call needs the API key: send Authorization: Bearer $AUTOBOLT_API_KEY.",
    });
  }
  return next();
});
