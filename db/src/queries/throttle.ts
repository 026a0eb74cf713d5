import { eq, lt, sql } from "drizzle-orm";
import type { Db } from "../client.ts";
import { signInThrottle } from "../schema/index.ts";
import { rowsOf } from "./rows.ts";

export interface CountedAttempt {
  /** Attempts counted in the current window, this one included. */
  attempts: number;
  /** Seconds until the current window ends (at least 1). */
  retryAfterSeconds: number;
}

/**
 * Count one sign-in attempt against `key` in one statement (so concurrent attempts, from any
 * process, each get their own number); a window older than `windowSeconds` starts over at 1.
 */
export async function countSignInAttempt(
  db: Db,
  key: string,
  windowSeconds: number,
): Promise<CountedAttempt> {
  const expired = sql`t.window_started_at <= now() - make_interval(secs => ${windowSeconds})`;
  const [row] = rowsOf<{ attempts: number; retry_after: number }>(
    await db.execute(sql`
      insert into sign_in_throttle as t (key, attempts, window_started_at)
      values (${key}, 1, now())
      on conflict (key) do update set
        attempts = case when ${expired} then 1 else t.attempts + 1 end,
        window_started_at = case when ${expired} then now() else t.window_started_at end
      returning t.attempts,
        greatest(1, ceil(extract(epoch from
          t.window_started_at + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after
    `),
  );
  if (!row) throw new Error("counting a sign-in attempt returned no row");
  return { attempts: Number(row.attempts), retryAfterSeconds: Number(row.retry_after) };
}

/** Give back one counted attempt (a sign-in from this address succeeded). */
export async function releaseSignInAttempt(db: Db, key: string): Promise<void> {
  await db
    .update(signInThrottle)
    .set({ attempts: sql`greatest(${signInThrottle.attempts} - 1, 0)` })
    .where(eq(signInThrottle.key, key));
}

/** Forget every attempt counted against `key` (the account signed in). */
export async function clearSignInAttempts(db: Db, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

/** Remove counters whose window ended: they would start over anyway. */
export async function deleteStaleSignInAttempts(db: Db, windowSeconds: number): Promise<void> {
  await db
    .delete(signInThrottle)
    .where(lt(signInThrottle.windowStartedAt, sql`now() - make_interval(secs => ${windowSeconds})`));
}
