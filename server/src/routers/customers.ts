import {
  availableDirectoriesInput,
  createCustomerInput,
  customerFields,
  duplicateLookupInput,
  packageChoice,
  pageInput,
  priorityLevel,
  searchTerm,
} from "@autobolt/contract";
import {
  availableDirectoryCount,
  createCustomerWithJob,
  createJobForCustomer,
  findDuplicateCustomers,
  getCustomerWithJobs,
  listCustomerCitations,
  listCustomers,
  updateCustomer,
} from "@autobolt/db";
import { z } from "zod";
import { campaignAddress } from "../inbox/receive.ts";
import { createTRPCRouter, staffProcedure } from "../trpc.ts";

export const customersRouter = createTRPCRouter({
  list: staffProcedure
    .input(z.object({ search: searchTerm, ...pageInput }))
    .query(({ ctx, input }) => listCustomers(ctx.db, input)),

  byId: staffProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const customer = await getCustomerWithJobs(ctx.db, input.id);
    const domain = ctx.config.inbox.domain;
    // The address directory forms get when the inbox is on; null when it is off.
    return { ...customer, campaignAddress: campaignAddress(customer.campaignLocal, domain) };
  }),

  /** Every citation the customer has, across all their jobs. */
  citations: staffProcedure
    .input(z.object({ id: z.uuid() }))
    .query(({ ctx, input }) => listCustomerCitations(ctx.db, input.id)),

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
      z.object({
        customerId: z.uuid(),
        package: packageChoice,
        priorityLevel: priorityLevel.default(3),
        allowPartial: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => createJobForCustomer(ctx.db, { ...input, actor: ctx.actor })),

  /** Existing customers with this email, phone or website (normalised): offer them a package instead. */
  duplicates: staffProcedure
    .input(duplicateLookupInput)
    .query(({ ctx, input }) => findDuplicateCustomers(ctx.db, input)),

  /** How many directories a package can draw from: the active catalog, and what a customer has left. */
  availableDirectories: staffProcedure
    .input(availableDirectoriesInput)
    .query(({ ctx, input }) => availableDirectoryCount(ctx.db, { customerId: input?.customerId })),
});
