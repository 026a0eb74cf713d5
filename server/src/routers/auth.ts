import { changePasswordInput, signInInput } from "@autobolt/contract";
import { createSession, deleteSession, findStaffForSignIn, setStaffPassword } from "@autobolt/db";
import { TRPCError } from "@trpc/server";
import { clearedSessionCookie, sessionCookie } from "../auth/cookies.ts";
import { hashPassword, verifyPassword } from "../auth/password.ts";
import { refuseCommonPassword } from "../auth/password-policy.ts";
import { admitSignIn } from "../auth/throttle.ts";
import { newSecret, sha256 } from "../auth/tokens.ts";
import { createTRPCRouter, publicProcedure, staffProcedure } from "../trpc.ts";

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

  /**
   * The signed-in member sets a new password, proving the current one (counted like a sign-in, so
   * a borrowed session cannot guess it); their other sessions end.
   */
  changePassword: staffProcedure
    .input(
      changePasswordInput.superRefine(
        refuseCommonPassword("newPassword", (input) => [input.currentPassword]),
      ),
    )
    .mutation(async ({ ctx, input }) => {
      const admitted = await admitSignIn(ctx, ctx.user.email);
      const user = await findStaffForSignIn(ctx.db, ctx.user.email);
      if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "The current password is not right." });
      }
      await admitted.succeeded();
      await setStaffPassword(ctx.db, {
        id: user.id,
        passwordHash: await hashPassword(input.newPassword),
        keepSessionTokenHash: ctx.sessionTokenHash,
      });
      ctx.log.info({ staff: user.email }, "staff password changed");
      return { changed: true };
    }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionTokenHash) await deleteSession(ctx.db, ctx.sessionTokenHash);
    ctx.setCookie(clearedSessionCookie(ctx.config.cookieSecure));
    return { signedOut: true };
  }),
});
