import { staffAccountInput } from "@autobolt/contract";
import { createStaffUser, listStaffUsers, setStaffActive } from "@autobolt/db";
import { z } from "zod";
import { hashPassword } from "../auth/password.ts";
import { adminProcedure, createTRPCRouter } from "../trpc.ts";

export const staffRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listStaffUsers(ctx.db)),

  create: adminProcedure.input(staffAccountInput).mutation(async ({ ctx, input }) =>
    createStaffUser(ctx.db, {
      email: input.email,
      name: input.name,
      role: input.role,
      passwordHash: await hashPassword(input.password),
    }),
  ),

  setActive: adminProcedure
    .input(z.object({ id: z.uuid(), active: z.boolean() }))
    .mutation(({ ctx, input }) => setStaffActive(ctx.db, input.id, input.active)),
});
