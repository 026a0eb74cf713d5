import { isValidPhoneNumber, parsePhoneNumberFromString } from "libphonenumber-js";

/*
 * Name, address and phone as directories show them, normalised for comparison: a listing that
 * reads "Bluebird Plumbing & Heating" at "1200 Barton Springs Road, Ste 4" with "512.555.0142" is
 * the same business as "BLUEBIRD PLUMBING AND HEATING LLC", "1200 Barton Springs Rd #4",
 * "+1 (512) 555-0142". Phones by libphonenumber-js; names and addresses by the rules below.
 */

/** Numbers without a country code are read as US numbers, the customers this agency serves. */
export const defaultPhoneCountry = "US" as const;

export function isValidPhone(phone: string): boolean {
  return isValidPhoneNumber(phone, defaultPhoneCountry);
}

/** E.164 (`+15125550142`), or undefined when it is no phone number. */
export function normalizePhone(phone: string): string | undefined {
  const parsed = parsePhoneNumberFromString(phone, defaultPhoneCountry);
  return parsed?.isValid() ? parsed.number : undefined;
}

/** A normalised number as staff read it: national for US numbers, international otherwise. */
export function displayPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === defaultPhoneCountry ? parsed.formatNational() : parsed.formatInternational();
}

/** Every phone number written in a text (a listing page), normalised. */
export function phonesIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\+?\d[\d\s().-]{6,20}\d/g)) {
    const phone = normalizePhone(match[0]);
    if (phone) found.add(phone);
  }
  return [...found];
}

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9#]+/g, " ")
    .trim();

/** Legal forms and filler that directories add or drop: "LLC", "Inc.", "The". */
const NAME_NOISE =
  /\b(the|llc|l l c|inc|incorporated|co|company|corp|corporation|ltd|limited|pllc|lp|llp)\b/g;

export function normalizeBusinessName(name: string): string {
  return fold(name).replace(NAME_NOISE, " ").replace(/\s+/g, " ").trim();
}

/** USPS-style abbreviations, so "Street" and "St" compare equal. */
const ADDRESS_WORDS: Record<string, string> = {
  street: "st",
  avenue: "ave",
  av: "ave",
  road: "rd",
  boulevard: "blvd",
  drive: "dr",
  lane: "ln",
  court: "ct",
  place: "pl",
  parkway: "pkwy",
  highway: "hwy",
  terrace: "ter",
  circle: "cir",
  square: "sq",
  suite: "ste",
  apartment: "apt",
  building: "bldg",
  floor: "fl",
  north: "n",
  south: "s",
  east: "e",
  west: "w",
  northeast: "ne",
  northwest: "nw",
  southeast: "se",
  southwest: "sw",
};

export function normalizeAddress(address: string): string {
  return fold(address)
    .replace(/#\s*/g, " ste ")
    .split(/\s+/)
    .map((word) => ADDRESS_WORDS[word] ?? word)
    .join(" ")
    .replace(/\bunit\b/g, "ste")
    .trim();
}

export function normalizeZip(zip: string): string {
  const digits = zip.replace(/\s+/g, "").toUpperCase();
  // ZIP+4 compares by its five-digit ZIP.
  return /^\d{5}-?\d{4}$/.test(digits) ? digits.slice(0, 5) : digits;
}

/**
 * What re-checks saw of a submitted listing: `not_yet` (not there so far), `live` (there, right
 * name, address and phone), `mismatch` (there, some detail wrong), `gone` (never there by the last
 * re-check, or gone since).
 */
export const liveStates = ["not_yet", "live", "mismatch", "gone"] as const;
export type LiveState = (typeof liveStates)[number];

export type NapField = "businessName" | "address" | "phone" | "zip" | "city";

export interface NapMismatch {
  field: NapField;
  /** What the customer's record says. */
  expected: string;
  /** What the page shows instead (or that it shows none). */
  found: string;
}

export interface Nap {
  businessName: string;
  address: string;
  city: string;
  zip: string;
  phone: string;
}

/**
 * Compare a listing page's text with the business: is the business there at all (its name), and
 * which details the page shows *differently* — another phone (never "live"), a street address,
 * a "City, ST" or a ZIP that is not the business's. A detail the page leaves out is no mismatch:
 * many directories show no phone or ZIP publicly.
 */
export function compareNap(nap: Nap, pageText: string): { present: boolean; mismatches: NapMismatch[] } {
  const page = ` ${fold(pageText)} `;
  const present = ` ${normalizeBusinessName(pageText)} `.includes(
    ` ${normalizeBusinessName(nap.businessName)} `,
  );
  const mismatches: NapMismatch[] = [];
  const phone = normalizePhone(nap.phone);
  const shownPhones = phonesIn(pageText);
  if (phone && shownPhones.length > 0 && !shownPhones.includes(phone))
    mismatches.push({ field: "phone", expected: nap.phone, found: shownPhones.map(displayPhone).join(", ") });
  const street = normalizeAddress(nap.address);
  const lines = pageText
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (street && !` ${normalizeAddress(pageText)} `.includes(` ${street} `)) {
    // An address line of the page's own: a house number, then a street word (never a phone).
    const shown = lines.find((l) => /^\d{1,6}\s+[A-Za-z]/.test(l) && phonesIn(l).length === 0);
    if (shown) mismatches.push({ field: "address", expected: nap.address, found: shown.slice(0, 200) });
  }
  const city = fold(nap.city);
  const cityLine = /(^|\n)\s*([^\n,]{2,60}),\s*[A-Z]{2}\b/.exec(pageText);
  if (city && !page.includes(` ${city} `) && cityLine)
    mismatches.push({ field: "city", expected: nap.city, found: (cityLine[2] ?? "").trim() });
  const zip = normalizeZip(nap.zip);
  if (/^\d{5}$/.test(zip)) {
    // ZIP-shaped numbers of the page that are no part of a phone number or the street address.
    const withoutPhones = lines
      .filter((l) => phonesIn(l).length === 0 && !/^\d{1,6}\s+[A-Za-z]/.test(l))
      .join("\n");
    const zips = [...withoutPhones.matchAll(/(?<![\d-])(\d{5})(?:-\d{4})?(?![\d-])/g)].map(
      (m) => m[1] as string,
    );
    if (zips.length > 0 && !zips.includes(zip))
      mismatches.push({ field: "zip", expected: nap.zip, found: [...new Set(zips)].join(", ") });
  }
  return { present, mismatches };
}
