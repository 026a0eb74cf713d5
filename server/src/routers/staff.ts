import { staffAccountInput } from "@autobolt/contract";
import { createStaffUser, listStaffUsers, setStaffActive, updateStaffUser } from "@autobolt/db";
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

  /** Change a role or the active flag; the last active admin keeps both (LAST_ADMIN otherwise). */
  update: adminProcedure
    .input(
      z
        .object({ id: z.uuid(), role: z.enum(["admin", "staff"]).optional(), active: z.boolean().optional() })
        .refine((v) => v.role !== undefined || v.active !== undefined, {
          message: "Send a role or an active flag to change",
        }),
    )
    .mutation(({ ctx, input }) => updateStaffUser(ctx.db, input.id, input)),
});
