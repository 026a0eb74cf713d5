import type { AppRouter } from "@autobolt/server";
import { createTRPCClient, httpBatchLink, httpLink, splitLink, TRPCClientError } from "@trpc/client";
import type { Logger } from "pino";
import { type HttpInit, httpFetch, isNetworkError } from "./http.ts";

export type ServerApi = ReturnType<typeof createServerApi>;

type LinkFetch = NonNullable<Parameters<typeof httpLink>[0]["fetch"]>;

/** httpFetch as the tRPC links call it (always with a URL string and a plain init). */
const linkFetch: LinkFetch = (input, init) =>
  httpFetch(typeof input === "string" || input instanceof URL ? input : input.url, init as HttpInit);

// A claim that waits for work (waitMs > 0) goes alone, so it never holds another call's answer; a
// claim that does not wait may share a request, e.g. with the completion of the job before it.
const claims = new Set(["autobolt.jobs.next", "autobolt.jobs.nextBatch"]);
const isLongPoll = (op: { path: string; input: unknown }) =>
  claims.has(op.path) && ((op.input as { waitMs?: number } | undefined)?.waitMs ?? 0) > 0;

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
      return ((await res.json()) as { url: string }).url;
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

/** Worth trying again: the server or the network had a moment, not a refusal of what we sent. */
export function isTransient(error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status = error.data?.httpStatus as number | undefined;
    // No status means the request never got an answer (connection refused, reset, DNS).
    return status === undefined || status >= 500 || status === 429;
  }
  if (error instanceof HttpStatusError) return error.status >= 500 || error.status === 429;
  return isNetworkError(error);
}

/**
 * Call until it succeeds, backing off 250 ms → 10 s with jitter while the failure is transient;
 * a refusal (4xx) is thrown at once. Gives up when the signal aborts.
 */
export async function withRetry<T>(
  what: string,
  call: () => Promise<T>,
  options: { log: Logger; signal?: AbortSignal; maxDelayMs?: number },
): Promise<T> {
  let delay = 250;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isTransient(error) || options.signal?.aborted) throw error;
      options.log.warn(
        { what, attempt, err: (error as Error).message, retryInMs: delay },
        "server unreachable, retrying",
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
