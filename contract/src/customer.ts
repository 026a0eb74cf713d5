import { z } from "zod";
import { isValidPhone } from "./nap.ts";
import { storableString, storableUrl } from "./storable.ts";

const text = (max: number) =>
  storableString().trim().min(1, "Required").max(max, `At most ${max} characters`);

/** The business details a directory listing is built from; the console form and the server share it. */
export const customerFields = z.object({
  businessName: text(200),
  email: z.email("Enter a valid email address").max(254),
  phone: z
    .string()
    .trim()
    .min(7, "Enter a phone number with at least 7 digits")
    .max(40)
    .regex(/^[+0-9 ().-]+$/, "Use digits, spaces and + ( ) . - only")
    // Directories show it and listings are compared by it: it must be a number that can ring.
    .refine(isValidPhone, "Enter a valid phone number (with the area code; +country code outside the US)"),
  website: storableUrl()
    .refine(
      (url) => /\.[a-z]{2,}$/i.test(new URL(url).hostname),
      "Enter the business's website, e.g. https://example.com",
    )
    .optional(),
  address: text(200),
  city: text(100),
  state: text(60),
  zip: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9 -]{1,9}$/, "Enter a postal code of 2 to 10 letters or digits")
    // A code of digits only is a US ZIP: five digits, or ZIP+4.
    .refine(
      (zip) => !/^[\d -]+$/.test(zip) || /^\d{5}(-\d{4})?$/.test(zip),
      "Enter a 5-digit ZIP code (or ZIP+4)",
    ),
  description: storableString().trim().max(2000).optional(),
  category: storableString().trim().max(100).optional(),
});
export type CustomerFields = z.infer<typeof customerFields>;

/** Names a recipe may use to refer to a customer value. */
export const customerFieldName = z.enum([
  "businessName",
  "email",
  "phone",
  "website",
  "address",
  "city",
  "state",
  "zip",
  "description",
  "category",
]);
export type CustomerFieldName = z.infer<typeof customerFieldName>;
