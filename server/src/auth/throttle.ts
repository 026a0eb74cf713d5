import { AppError, clearSignInAttempts, countSignInAttempt, releaseSignInAttempt } from "@autobolt/db";
import type { InnerContext } from "../trpc.ts";

/**
 * Sign-in throttling, counted in PostgreSQL so every server process sees the same numbers. Each
 * attempt is counted before its password is checked, in one atomic statement, so the 50 calls of
 * one batched request (which run at once) each take their own number: at most `addressLimit`
 * attempts per client address and `accountLimit` per account get a password check in a window.
 * A success gives its address slot back and clears the account's count, so what remains counted
 * is failures.
 */
export async function admitSignIn(
  ctx: Pick<InnerContext, "db" | "config" | "clientAddress" | "setHeader" | "log">,
  email: string,
): Promise<{ succeeded(): Promise<void> }> {
  const { windowSeconds, accountLimit, addressLimit } = ctx.config.signIn;
  const addressKey = `address:${ctx.clientAddress ?? "unknown"}`;
  const accountKey = `account:${email.toLowerCase()}`;

  const byAddress = await countSignInAttempt(ctx.db, addressKey, windowSeconds);
  if (byAddress.attempts > addressLimit)
    refuse(ctx, "from this address", addressLimit, byAddress.retryAfterSeconds);
  const byAccount = await countSignInAttempt(ctx.db, accountKey, windowSeconds);
  if (byAccount.attempts > accountLimit)
    refuse(ctx, "for this account", accountLimit, byAccount.retryAfterSeconds);

  return {
    async succeeded() {
      await clearSignInAttempts(ctx.db, accountKey);
      await releaseSignInAttempt(ctx.db, addressKey);
    },
  };
}

function refuse(
  ctx: Pick<InnerContext, "config" | "setHeader" | "log">,
  scope: string,
  limit: number,
  retryAfterSeconds: number,
): never {
  ctx.setHeader("retry-after", String(retryAfterSeconds));
  ctx.log.warn({ scope, retryAfterSeconds }, "sign-in throttled");
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const windowMinutes = Math.round(ctx.config.signIn.windowSeconds / 60);
  throw new AppError(
    "TOO_MANY_ATTEMPTS",
    `Too many sign-in attempts ${scope} (${limit} per ${windowMinutes} minutes). Try again in ${minutes} minute${minutes === 1 ? "" : "s"} (Retry-After: ${retryAfterSeconds} seconds).`,
    { retryAfterSeconds },
  );
}
