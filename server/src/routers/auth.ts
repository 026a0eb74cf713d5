import { signInInput } from "@autobolt/contract";
import { createSession, deleteSession, findStaffForSignIn } from "@autobolt/db";
import { TRPCError } from "@trpc/server";
import { clearedSessionCookie, sessionCookie } from "../auth/cookies.ts";
import { verifyPassword } from "../auth/password.ts";
import { admitSignIn } from "../auth/throttle.ts";
import { newSecret, sha256 } from "../auth/tokens.ts";
import { createTRPCRouter, publicProcedure } from "../trpc.ts";

export const authRouter = createTRPCRouter({
  /** Who is signed in, or null: the console asks this first. */
  me: publicProcedure.query(({ ctx }) => ctx.user ?? null),

  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const admitted = await admitSignIn(ctx, input.email);
    const user = await findStaffForSignIn(ctx.db, input.email);
    if (!(await verifyPassword(user?.passwordHash, input.password)) || !user) {
      throw new TRPCError({
        code: "UNAUTHORIZED",
        message: "That email and password do not match an account.",
      });
    }
    await admitted.succeeded();
    const token = newSecret();
    const maxAgeSeconds = ctx.config.sessionHours * 3600;
    await createSession(ctx.db, {
      tokenHash: sha256(token),
      userId: user.id,
      expiresAt: new Date(Date.now() + maxAgeSeconds * 1000),
    });
    ctx.setCookie(sessionCookie(token, { maxAgeSeconds, secure: ctx.config.cookieSecure }));
    ctx.log.info({ staff: user.email }, "staff signed in");
    return { id: user.id, email: user.email, name: user.name, role: user.role };
  }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
    ctx.setCookie(clearedSessionCookie(ctx.config.cookieSecure));
    return { signedOut: true };
  }),
});
