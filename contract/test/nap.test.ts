import { describe, expect, test } from "vitest";
import {
  compareNap,
  customerFields,
  normalizeAddress,
  normalizeBusinessName,
  normalizePhone,
  normalizeZip,
} from "../src/index.ts";

const nap = {
  businessName: "Bluebird Plumbing & Heating LLC",
  address: "1200 Barton Springs Road, Suite 4",
  city: "Austin",
  zip: "78704",
  phone: "(512) 555-0142",
};

describe("[NAP]: names, addresses and phones normalised the way directories write them", () => {
  test("phones compare by number, whatever the punctuation; no number is undefined", () => {
    for (const phone of ["(512) 555-0142", "+1 512 555 0142", "512.555.0142", "1-512-555-0142"])
      expect(normalizePhone(phone)).toBe("+15125550142");
    expect(normalizePhone("555-0142")).toBeUndefined();
    expect(normalizePhone("call us")).toBeUndefined();
  });

  test("business names drop case, punctuation, '&' vs 'and' and legal forms", () => {
    expect(normalizeBusinessName("BLUEBIRD PLUMBING AND HEATING, Inc.")).toBe(
      normalizeBusinessName("Bluebird Plumbing & Heating LLC"),
    );
  });

  test("addresses compare with USPS abbreviations and suite forms", () => {
    expect(normalizeAddress("1200 Barton Springs Road, Suite 4")).toBe(
      normalizeAddress("1200 barton springs rd #4"),
    );
    expect(normalizeAddress("12 North Main Street")).toBe("12 n main st");
    expect(normalizeZip("78704-1234")).toBe("78704");
  });

  test("a listing showing the business right is present with no mismatch", () => {
    const page =
      "BLUEBIRD PLUMBING AND HEATING\n1200 Barton Springs Rd #4\nAustin, TX 78704\nPhone: +1 512-555-0142";
    expect(compareNap(nap, page)).toEqual({ present: true, mismatches: [] });
  });

  test("another phone on the page is a mismatch naming the field and what the page shows", () => {
    const page =
      "Bluebird Plumbing & Heating\n1200 Barton Springs Road, Suite 4\nAustin, TX 78704\nPhone: (512) 555-0143";
    expect(compareNap(nap, page)).toMatchObject({
      present: true,
      mismatches: [{ field: "phone", expected: "(512) 555-0142", found: "(512) 555-0143" }],
    });
  });

  test("details the page leaves out are no mismatch; a different ZIP, street or city is", () => {
    expect(compareNap(nap, "Bluebird Plumbing & Heating").mismatches).toEqual([]);
    expect(
      compareNap(
        nap,
        "Bluebird Plumbing & Heating\n99 Elm Street\nRound Rock, TX 78664\nPhone: (512) 555-0142",
      ).mismatches,
    ).toEqual([
      { field: "address", expected: nap.address, found: "99 Elm Street" },
      { field: "city", expected: "Austin", found: "Round Rock" },
      { field: "zip", expected: "78704", found: "78664" },
    ]);
  });

  test("a page without the business's name is not the listing", () => {
    expect(compareNap(nap, "Harbor Pine Dental\n99 Elm St\nAustin, TX 78704").present).toBe(false);
  });
});

describe("[CUSTOMER FORM]: phone, ZIP and website checked before a job is planned", () => {
  const valid = {
    businessName: "Bluebird",
    email: "owner@bluebird.test",
    phone: "(512) 555-0142",
    address: "1200 Barton Springs Rd",
    city: "Austin",
    state: "TX",
    zip: "78704",
    website: "https://bluebird.test",
  };
  const problems = (fields: Record<string, string>) =>
    customerFields
      .safeParse({ ...valid, ...fields })
      .error?.issues.map((i) => [i.path.join("."), i.message]) ?? [];

  test("a valid customer passes; a UK number and a Canadian postal code are valid too", () => {
    expect(problems({})).toEqual([]);
    expect(problems({ phone: "+44 20 7946 0958", zip: "K1A 0B1" })).toEqual([]);
  });

  test("a phone that cannot ring, a 4-digit ZIP and a website without a domain are each named", () => {
    expect(problems({ phone: "555-0142" })).toEqual([["phone", expect.stringMatching(/valid phone number/)]]);
    expect(problems({ zip: "7870" })).toEqual([["zip", expect.stringMatching(/5-digit ZIP/)]]);
    expect(problems({ website: "https://bluebird" })).toEqual([
      ["website", expect.stringMatching(/website/)],
    ]);
  });
});
