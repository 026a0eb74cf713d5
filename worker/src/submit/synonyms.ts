import type { CustomerFieldName } from "@autobolt/contract";

/** A pattern and how strongly a match says "this is that field" (3 sure, 1 a hint). */
export type WeightedPattern = readonly [RegExp, number];

/** Matched against normalised text: lower case, camelCase and punctuation split into words. */
export const fieldPatterns: Record<CustomerFieldName, readonly WeightedPattern[]> = {
  businessName: [
    [
      /\b(business|company|organi[sz]ation|firm|store|shop|practice|listing|venue|brand|biz)( legal)? ?(name|title)\b/,
      3,
    ],
    [/\bname of (the |your )?(business|company|organi[sz]ation|listing)\b/, 3],
    [/\b(company|organi[sz]ation|business|bizname|org)\b/, 2],
    [/^(name|title)$/, 1.5],
    [/\b(name|title)\b/, 0.5],
  ],
  email: [[/\be ?mail\b/, 3]],
  phone: [
    [/\b(phone|telephone|tel|mobile|cell|phone number|contact number)\b/, 3],
    [/\b(ph|tel no|phone no)\b/, 2],
  ],
  website: [
    [/\b(website|web site|homepage|home page|web address|url|site url|web)\b/, 3],
    [/\b(site|www)\b/, 2],
  ],
  address: [
    [/\b(street( address)?|address line 1|address 1|address1|addr1|line 1|line1)\b/, 3],
    [/\b(address|addr)\b/, 2],
  ],
  city: [[/\b(city|town|locality|suburb|municipality)\b/, 3]],
  state: [[/\b(state|province|region)\b/, 3]],
  zip: [[/\b(zip|postal|post code|postcode|zip code|zipcode)\b/, 3]],
  description: [
    [/\b(description|describe|about|summary|overview|bio|tell (us|customers))\b/, 3],
    [/\b(details|services)\b/, 1.5],
  ],
  category: [
    [/\b(category|categories|industry|business type|type of business|sector|niche)\b/, 3],
    [/\btrade\b/, 1.5],
  ],
};

/** Text that rules a field out however well the rest matches (an email address is no street). */
export const fieldExclusions: Partial<Record<CustomerFieldName, RegExp>> = {
  businessName:
    /\b(first|last|full|contact|your|user|owner|person|sur|middle|legal representative) ?name\b|\busername\b/,
  address: /\b(e ?mail|web|ip|line 2|address 2|address2|line2|apt|apartment|suite|unit|billing)\b/,
  phone: /\bfax\b/,
  website: /\b(facebook|twitter|instagram|linkedin|youtube|social|tiktok)\b/,
  description: /\bhear about\b/,
  state: /\b(country|county)\b/,
};

/** The HTML autocomplete tokens that name a customer field outright. */
export const autocompleteFields: Record<string, CustomerFieldName> = {
  organization: "businessName",
  email: "email",
  tel: "phone",
  "tel-national": "phone",
  url: "website",
  "street-address": "address",
  "address-line1": "address",
  "address-level2": "city",
  "address-level1": "state",
  "postal-code": "zip",
};

export const consentPattern =
  /\b(agree|terms|consent|accept|privacy|policy|conditions|i confirm|certify|authori[sz]e)\b/i;
export const marketingPattern =
  /\b(newsletter|marketing|offers?|promotions?|promotional|subscribe|updates|partners?|special deals)\b/i;
export const placeholderOptionPattern = /^\s*$|select|choose|pick|please|^-+|none/i;
