import { z } from "zod";
import { listingSearch, recipe } from "./recipe.ts";
import { storableString, storableUrl } from "./storable.ts";

export const directorySlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,62}$/,
    "Use 1 to 63 lowercase letters, digits and dashes, e.g. yelp or bing-places",
  );

/** Which address a directory's forms get: the customer's campaign address, or their own. */
export const formEmailChoice = z.enum(["campaign", "customer"]);
export type FormEmailChoice = z.infer<typeof formEmailChoice>;

/** A directory account the worker made: sent once with the result, stored only encrypted. */
export const directoryAccountReport = z.object({
  email: z.email().max(254),
  username: storableString().max(200).optional(),
  password: storableString().min(12).max(200),
});
export type DirectoryAccountReport = z.infer<typeof directoryAccountReport>;

const webAddress = storableUrl();

/** A directory of the catalog as staff edit it; the CSV import validates each row with it too. */
export const directoryFields = z.object({
  id: directorySlug,
  name: storableString().trim().min(1, "Required").max(200),
  url: webAddress,
  submissionUrl: webAddress,
  category: storableString().trim().max(100).default("general"),
  domainAuthority: z.number().int().min(0).max(100).default(0),
  requiresLogin: z.boolean().default(false),
  requiresCaptcha: z.boolean().default(false),
  requiresEmailVerification: z.boolean().default(false),
  requiresPhoneVerification: z.boolean().default(false),
  active: z.boolean().default(true),
  recipe: recipe.nullable().default(null),
  /** For re-checks when the confirmation gave no listing link: how to find the listing by searching. */
  listingSearch: listingSearch.nullable().default(null),
  notes: storableString().trim().max(4000).default(""),
  /** The campaign address (when the inbox is on) or the customer's own. */
  formEmail: formEmailChoice.default("campaign"),
});
export type DirectoryFields = z.infer<typeof directoryFields>;
export type DirectoryInput = z.input<typeof directoryFields>;
