import type { AppRouter } from "@autobolt/server";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import type { Logger } from "pino";

export type ServerApi = ReturnType<typeof createServerApi>;

/** The typed client of the worker procedures, plus the screenshot upload that is plain HTTP. */
export function createServerApi(serverUrl: string, apiKey: string) {
  const headers = { authorization: `Bearer ${apiKey}` };
  const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${serverUrl}/trpc`, headers })] });
  return {
    jobs: trpc.autobolt.jobs,
    async uploadScreenshot(image: Uint8Array): Promise<string> {
      const res = await fetch(`${serverUrl}/api/screenshots`, {
        method: "POST",
        headers: { ...headers, "content-type": "image/png" },
        body: new Uint8Array(image),
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
  return error instanceof TypeError; // fetch's network failure
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
