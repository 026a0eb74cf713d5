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
 * which of address, city, ZIP and phone the page gets wrong. A page showing another phone is a
 * mismatch, never "live".
 */
export function compareNap(nap: Nap, pageText: string): { present: boolean; mismatches: NapMismatch[] } {
  const page = fold(pageText);
  const normalizedPage = ` ${normalizeAddress(pageText)} `;
  const present = ` ${normalizeBusinessName(pageText)} `.includes(
    ` ${normalizeBusinessName(nap.businessName)} `,
  );
  const mismatches: NapMismatch[] = [];
  const phone = normalizePhone(nap.phone);
  const shownPhones = phonesIn(pageText);
  if (phone && !shownPhones.includes(phone))
    mismatches.push({
      field: "phone",
      expected: nap.phone,
      found: shownPhones.map(displayPhone).join(", ") || "no phone",
    });
  const street = normalizeAddress(nap.address);
  if (street && !normalizedPage.includes(` ${street} `))
    mismatches.push({ field: "address", expected: nap.address, found: lineNear(pageText, nap.address) });
  const city = fold(nap.city);
  if (city && !` ${page} `.includes(` ${city} `))
    mismatches.push({ field: "city", expected: nap.city, found: lineNear(pageText, nap.address) });
  const zip = normalizeZip(nap.zip);
  if (zip && !new RegExp(`(^|[^0-9A-Z])${zip}([^0-9A-Z]|$)`, "i").test(pageText.toUpperCase()))
    mismatches.push({ field: "zip", expected: nap.zip, found: lineNear(pageText, nap.address) });
  return { present, mismatches };
}

/** The page's line most like an address (a number then words), for staff to read what it shows. */
function lineNear(text: string, address: string): string {
  const number = /^\s*(\d+)/.exec(address)?.[1];
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const line =
    (number && lines.find((l) => l.includes(number))) ?? lines.find((l) => /^\d+\s+\w+/.test(l)) ?? "";
  return line.slice(0, 200) || "not shown";
}
