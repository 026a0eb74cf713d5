import {
  createCustomerInput,
  customerFields,
  packageChoice,
  pageInput,
  priorityLevel,
  searchTerm,
} from "@autobolt/contract";
import {
  createCustomerWithJob,
  createJobForCustomer,
  getCustomerWithJobs,
  listCustomers,
  updateCustomer,
} from "@autobolt/db";
import { z } from "zod";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

export const customersRouter = createTRPCRouter({
  list: staffProcedure
    .input(z.object({ search: searchTerm, ...pageInput }))
    .query(({ ctx, input }) => listCustomers(ctx.db, input)),

  byId: staffProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => getCustomerWithJobs(ctx.db, input.id)),

  /** A new customer with a package: the customer, a pending job and its planned directories. */
  create: staffProcedure
    .input(createCustomerInput)
    .mutation(({ ctx, input }) => createCustomerWithJob(ctx.db, { ...input, actor: ctx.actor })),

  update: staffProcedure
    .input(z.object({ id: z.uuid(), fields: customerFields.partial() }))
    .mutation(({ ctx, input }) => updateCustomer(ctx.db, input.id, input.fields)),

  /** Another package for an existing customer; directories they already have are skipped. */
  addPackage: staffProcedure
    .input(
      z.object({ customerId: z.uuid(), package: packageChoice, priorityLevel: priorityLevel.default(3) }),
    )
    .mutation(({ ctx, input }) => createJobForCustomer(ctx.db, { ...input, actor: ctx.actor })),
});
