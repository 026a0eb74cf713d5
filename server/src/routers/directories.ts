import {
  csvImportInput,
  directoryFields,
  directorySlug,
  pageInput,
  searchTerm,
  storableDateTime,
} from "@autobolt/contract";
import {
  adoptLearned,
  createDirectory,
  deleteDirectory,
  forgetLearned,
  getDirectory,
  listDirectories,
  listPackages,
  updateDirectory,
  upsertDirectories,
} from "@autobolt/db";
import { z } from "zod";
import { parseCatalogCsv } from "../catalog/csv-import.ts";
import { adminProcedure, createTRPCRouter, staffProcedure } from "../trpc.ts";

const byId = z.object({ id: directorySlug });

export const directoriesRouter = createTRPCRouter({
  list: staffProcedure
    .input(z.object({ search: searchTerm, active: z.boolean().optional(), ...pageInput }))
    .query(({ ctx, input }) => listDirectories(ctx.db, input)),

  byId: staffProcedure.input(byId).query(({ ctx, input }) => getDirectory(ctx.db, input.id)),

  /** Package presets; a custom size up to the active catalog is allowed too. */
  packages: staffProcedure.query(({ ctx }) => listPackages(ctx.db)),

  create: adminProcedure.input(directoryFields).mutation(({ ctx, input }) => createDirectory(ctx.db, input)),

  update: adminProcedure
    .input(byId.extend({ fields: directoryFields.omit({ id: true }).partial() }))
    .mutation(({ ctx, input }) => updateDirectory(ctx.db, input.id, input.fields)),

  setActive: adminProcedure
    .input(byId.extend({ active: z.boolean() }))
    .mutation(({ ctx, input }) => updateDirectory(ctx.db, input.id, { active: input.active })),

  delete: adminProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteDirectory(ctx.db, input.id);
    return { deleted: input.id };
  }),

  /**
   * Turn what a worker learned into the directory's recipe. Pass the `learnedAt` the page showed,
   * so a mapping a worker replaced meanwhile is refused instead of adopted unseen.
   */
  adoptLearned: adminProcedure
    .input(byId.extend({ learnedAt: storableDateTime().optional() }))
    .mutation(({ ctx, input }) => adoptLearned(ctx.db, input)),

  forgetLearned: adminProcedure.input(byId).mutation(({ ctx, input }) => forgetLearned(ctx.db, input.id)),

  /**
   * Import a catalog CSV (id,name,url,submission_url,category[,domain_authority,requires_*,active,
   * notes,recipe,listing_search,form_email]). Rows are matched by id: new ones are added, existing ones updated.
   */
  importCsv: adminProcedure.input(csvImportInput).mutation(async ({ ctx, input }) => {
    const { rows, errors } = parseCatalogCsv(input.csv);
    const rowErrors = errors.filter((e) => e.line > 1 || !e.message.startsWith("Ignored"));
    if (input.mode === "all-or-nothing" && rowErrors.length > 0) {
      return { created: 0, updated: 0, errors, written: false };
    }
    const { created, updated } = await upsertDirectories(ctx.db, rows);
    return { created, updated, errors, written: rows.length > 0 };
  }),
});
