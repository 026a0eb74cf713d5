import type { AppRouter, RouterOutputs } from "@autobolt/server";
import { QueryCache, QueryClient } from "@tanstack/react-query";
import {
  createTRPCClient,
  httpBatchLink,
  httpSubscriptionLink,
  isTRPCClientError,
  splitLink,
  TRPCClientError,
} from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

export type { RouterOutputs };
export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

export type AppError = TRPCClientError<AppRouter>;

export function isAppError(error: unknown): error is AppError {
  return isTRPCClientError<AppRouter>(error);
}

export function errorCode(error: unknown): string | undefined {
  return isAppError(error) ? error.data?.code : undefined;
}

/** Fired when any call finds the session gone; the app answers by showing the sign-in page. */
export const SESSION_EXPIRED = "autobolt:session-expired";

export function createQueryClient() {
  return new QueryClient({
    queryCache: new QueryCache({
      onError(error) {
        if (errorCode(error) === "UNAUTHORIZED") window.dispatchEvent(new Event(SESSION_EXPIRED));
      },
    }),
    defaultOptions: {
      queries: {
        // Live updates arrive through jobs.onChange; a short stale time only smooths navigation.
        staleTime: 5_000,
        // A 4xx will answer the same way again; only network and server trouble is worth retrying.
        retry: (failures, error) => {
          const status = isAppError(error) ? error.data?.httpStatus : undefined;
          if (status !== undefined && status >= 400 && status < 500) return false;
          return failures < 2;
        },
      },
    },
  });
}

export function createClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/trpc" }),
        false: httpBatchLink({ url: "/trpc" }),
      }),
    ],
  });
}

export { TRPCClientError };

/**
 * A new session (or none): drop everything cached under the old one, except who is signed in,
 * which is set directly so the screen switches at once. The me query itself stays in the cache
 * because the app's observer is attached to it.
 */
export function switchSession(queryClient: QueryClient, meKey: readonly unknown[], user: unknown) {
  const meHash = JSON.stringify(meKey);
  queryClient.removeQueries({ predicate: (query) => JSON.stringify(query.queryKey) !== meHash });
  queryClient.setQueryData(meKey, user);
}
