import type { AppRouter } from "@autobolt/server";
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from "@trpc/client";
import type { Logger } from "pino";
import { z } from "zod";
import { type HttpInit, httpFetch, isNetworkError } from "./http.ts";

export type ServerApi = ReturnType<typeof createServerApi>;

type LinkFetch = NonNullable<Parameters<typeof httpLink>[0]["fetch"]>;

/**
 * httpFetch as the tRPC links call it (always with a URL string and a plain init). An answer that
 * is not JSON (a proxy's 502 page) fails with its status, so it is told apart from a lost connection.
 */
const linkFetch: LinkFetch = async (input, init) => {
  const answer = await httpFetch(
    typeof input === "string" || input instanceof URL ? input : input.url,
    init as HttpInit,
  );
  return {
    ...answer,
    json: () =>
      answer.json().catch(async () => {
        const text = await answer.text();
        throw new HttpStatusError(answer.status, `HTTP ${answer.status}, not JSON: ${text.slice(0, 200)}`);
      }),
  };
};

// A claim that waits for work (waitMs > 0) goes alone, so it never holds another call's answer; a
// claim that does not wait may share a request, e.g. with the completion of the job before it.
const claims = new Set(["autobolt.jobs.next", "autobolt.jobs.nextBatch", "autobolt.followUps.next"]);
const waiting = z.object({ waitMs: z.number().positive() });
const isLongPoll = (op: { path: string; input: unknown }) =>
  claims.has(op.path) && waiting.safeParse(op.input).success;

const uploadAnswer = z.object({ url: z.string().min(1) });

/**
 * The typed client of the worker procedures, plus the screenshot upload that is plain HTTP. Calls
 * made together (the completions of a batch of jobs, several directories' reports) travel as one
 * HTTP request through tRPC's batch link.
 */
export function createServerApi(serverUrl: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}` };
  const url = `${serverUrl}/trpc`;
  const trpc = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: isLongPoll,
        true: httpLink({ url, headers, fetch: linkFetch }),
        false: httpBatchLink({ url, headers, fetch: linkFetch }),
      }),
    ],
  });
  return {
    jobs: trpc.autobolt.jobs,
    followUps: trpc.autobolt.followUps,
    async uploadScreenshot(image: Uint8Array): Promise<string> {
      const res = await httpFetch(`${serverUrl}/api/screenshots`, {
        method: "POST",
        headers: { ...headers, "content-type": "image/png" },
        body: image,
      });
      if (!res.ok) {
        const text = await res.text().catch(() => "");
        throw new HttpStatusError(
          res.status,
          `screenshot upload failed: ${res.status} ${text.slice(0, 200)}`,
        );
      }
      const answer = uploadAnswer.safeParse(await res.json().catch(() => undefined));
      if (!answer.success) throw new Error("screenshot upload answered without the proof's url");
      return answer.data.url;
    },
  };
}

/**
 * A signal for one call that aborts with `parent`. tRPC's client adds a listener to the signal a
 * call is given and never removes it, so passing a worker's long-lived stop signal to every claim
 * would pile up listeners for as long as the worker runs.
 */
export async function withCallSignal<T>(
  parent: AbortSignal,
  call: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort(parent.reason);
  if (parent.aborted) abort();
  else parent.addEventListener("abort", abort, { once: true });
  try {
    return await call(controller.signal);
  } finally {
    parent.removeEventListener("abort", abort);
  }
}

export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The lease is gone (expired, cancelled, or another worker has the job): stop, do not retry. */
export function isLeaseLost(error: unknown): boolean {
  return error instanceof TRPCClientError && error.data?.appCode === "LEASE_LOST";
}

/**
 * What a failed call met: `network`, no answer at all (refused, reset, timed out); `server`, an
 * answer saying the server is in trouble (5xx) or busy (429); `refused`, anything else: a 4xx
 * about what was sent, or an error in the worker itself. Only the first two are worth a retry.
 */
export type FailureKind = "network" | "server" | "refused";

export function failureKind(error: unknown): FailureKind {
  if (error instanceof TRPCClientError) {
    const status: unknown = error.data?.httpStatus;
    if (typeof status === "number") return statusKind(status);
    if (error.cause instanceof HttpStatusError) return statusKind(error.cause.status);
    return isNetworkError(error.cause) ? "network" : "refused";
  }
  if (error instanceof HttpStatusError) return statusKind(error.status);
  return isNetworkError(error) ? "network" : "refused";
}

function statusKind(status: number): FailureKind {
  return status >= 500 || status === 429 ? "server" : "refused";
}

/** Worth trying again: the server or the network had a moment, not a refusal of what we sent. */
export function isTransient(error: unknown): boolean {
  return failureKind(error) !== "refused";
}

export interface RetryOptions {
  log: Logger;
  /** Stop retrying when it aborts (the last error is thrown). */
  signal?: AbortSignal;
  maxDelayMs?: number;
  /** Calls in all while the server answers 5xx/429 (default 5, about 4 s of back-off): it is not getting better. */
  serverErrorAttempts?: number;
  /** Retry a lost connection only while this holds, e.g. while the job's lease is alive (default: always). */
  keepTrying?: () => boolean;
}

export const defaultServerErrorAttempts = 5;

/**
 * Call until it succeeds, backing off 250 ms → 10 s with jitter. A lost connection is retried
 * while `keepTrying` holds (a server restart is ridden out); a server that answers with errors, a
 * limited number of times; a refusal (4xx) or the worker's own error is thrown at once.
 */
export async function withRetry<T>(what: string, call: () => Promise<T>, options: RetryOptions): Promise<T> {
  let delay = 250;
  let serverErrors = 0;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const kind = failureKind(error);
      if (kind === "refused" || options.signal?.aborted) throw error;
      if (kind === "server" && ++serverErrors >= (options.serverErrorAttempts ?? defaultServerErrorAttempts))
        throw error;
      if (kind === "network" && options.keepTrying && !options.keepTrying()) throw error;
      options.log.warn(
        { what, attempt, err: (error as Error).message, retryInMs: delay },
        kind === "network" ? "server unreachable, retrying" : "server error, retrying",
      );
      await sleep(delay + Math.random() * delay * 0.2, options.signal);
      delay = Math.min(delay * 2, options.maxDelayMs ?? 10_000);
    }
  }
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
