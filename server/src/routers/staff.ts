import { staffAccountInput } from "@autobolt/contract";
import { createStaffUser, listStaffUsers, setStaffActive } from "@autobolt/db";
import { z } from "zod";
import { hashPassword } from "../auth/password.ts";
import { refuseCommonPassword } from "../auth/password-policy.ts";
import { adminProcedure, createTRPCRouter } from "../trpc.ts";

const createStaffInput = staffAccountInput.superRefine(
  refuseCommonPassword("password", (input) => [input.email, input.name]),
);

export const staffRouter = createTRPCRouter({
  list: adminProcedure.query(({ ctx }) => listStaffUsers(ctx.db)),

  create: adminProcedure.input(createStaffInput).mutation(async ({ ctx, input }) =>
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
