import { z } from "zod";
import { customerFields } from "./customer.ts";
import { jobStatus, priorityLevel } from "./job.ts";
import { newPassword } from "./password.ts";
import { storableString } from "./storable.ts";

/** A preset by id, or a custom number of directories (up to the active catalog). */
export const packageChoice = z.union([
  z.object({ id: storableString().min(1).max(50) }),
  z.object({ size: z.number().int().min(1, "At least 1 directory").max(10_000) }),
]);
export type PackageChoice = z.infer<typeof packageChoice>;

export const createCustomerInput = z.object({
  customer: customerFields,
  package: packageChoice,
  priorityLevel: priorityLevel.default(3),
  /** Plan what the catalog has when the package is larger, instead of refusing it. */
  allowPartial: z.boolean().default(false),
});
export type CreateCustomerInput = z.input<typeof createCustomerInput>;

export const pageInput = {
  limit: z.number().int().min(1).max(200).default(25),
  offset: z.number().int().min(0).max(10_000_000).default(0),
};

export const searchTerm = storableString().trim().max(200).optional();

export const queueInput = z.object({
  status: z.array(jobStatus).max(5).optional(),
  /** Only jobs with a result that needs a person. */
  needsPerson: z.boolean().optional(),
  search: searchTerm,
  sort: z.enum(["createdAt", "updatedAt", "priorityLevel", "businessName", "status"]).default("createdAt"),
  direction: z.enum(["asc", "desc"]).default("desc"),
  ...pageInput,
});
export type QueueInput = z.input<typeof queueInput>;

export const signInInput = z.object({
  email: z.email("Enter your email address").max(254),
  password: z.string().min(1, "Enter your password").max(200),
});

export const staffAccountInput = z.object({
  email: z.email().max(254),
  name: storableString().trim().min(1).max(100),
  password: newPassword,
  role: z.enum(["admin", "staff"]).default("staff"),
});

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Enter your current password").max(200),
  newPassword,
});

/** The catalog CSV import's documented limits: 5 MB of text and 50,000 directory rows. */
export const CSV_IMPORT_MAX_CHARS = 5_000_000;
export const CSV_IMPORT_MAX_ROWS = 50_000;

export const csvImportInput = z.object({
  csv: storableString()
    .min(1, "The file is empty")
    .max(CSV_IMPORT_MAX_CHARS, "CSV files are limited to 5 MB"),
  /** `valid-rows`: keep every good row and report the bad ones; `all-or-nothing`: write nothing if any row is bad. */
  mode: z.enum(["valid-rows", "all-or-nothing"]).default("valid-rows"),
});
