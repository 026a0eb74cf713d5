import type { CustomerFieldName, CustomerFields } from "@autobolt/contract";
import { findUsState } from "./states.ts";
import {
  autocompleteFields,
  consentPattern,
  fieldExclusions,
  fieldPatterns,
  marketingPattern,
  placeholderOptionPattern,
} from "./synonyms.ts";

/** What the page tells about one control; gathered in the browser by scan.ts. */
export interface FieldDescriptor {
  key: string;
  tag: "input" | "select" | "textarea" | "editable";
  type: string;
  name: string;
  id: string;
  label: string;
  ariaLabel: string;
  placeholder: string;
  autocomplete: string;
  title: string;
  nearby: string;
  required: boolean;
  visible: boolean;
  disabled: boolean;
  checked: boolean;
  value: string;
  options: Array<{ value: string; text: string }>;
}

const customerFieldNames = Object.keys(fieldPatterns) as CustomerFieldName[];

/** How much each place a hint can come from is trusted: a label is the site speaking to people. */
const sourceWeights = {
  label: 1,
  ariaLabel: 1,
  placeholder: 0.9,
  title: 0.8,
  name: 0.8,
  id: 0.6,
  nearby: 0.6,
} as const;

const unfillableTypes = new Set([
  "hidden",
  "submit",
  "button",
  "image",
  "reset",
  "file",
  "password",
  "radio",
  "checkbox",
  "range",
  "color",
  "date",
  "datetime-local",
  "month",
  "week",
  "time",
  "search",
]);

/** camelCase, snake_case, brackets and punctuation become plain lower-case words. */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

function patternScore(field: CustomerFieldName, text: string): number {
  if (!text) return 0;
  let best = 0;
  for (const [pattern, weight] of fieldPatterns[field])
    if (weight > best && pattern.test(text)) best = weight;
  return best;
}

export function isFillable(field: FieldDescriptor): boolean {
  return field.tag !== "input" || !unfillableTypes.has(field.type);
}

/** Every customer field's score for one control; the best one above the threshold is what it asks for. */
export function scoreField(field: FieldDescriptor): Record<CustomerFieldName, number> {
  const scores = Object.fromEntries(customerFieldNames.map((f) => [f, 0])) as Record<
    CustomerFieldName,
    number
  >;
  if (!isFillable(field)) return scores;
  const texts = {
    label: normalizeText(field.label),
    ariaLabel: normalizeText(field.ariaLabel),
    placeholder: normalizeText(field.placeholder),
    title: normalizeText(field.title),
    name: normalizeText(field.name),
    id: normalizeText(field.id),
    nearby: normalizeText(field.nearby),
  };
  const human = `${texts.label} ${texts.ariaLabel} ${texts.placeholder} ${texts.name}`;
  for (const customerField of customerFieldNames) {
    let score = 0;
    for (const [source, weight] of Object.entries(sourceWeights)) {
      score += weight * patternScore(customerField, texts[source as keyof typeof texts]);
    }
    const exclusion = fieldExclusions[customerField];
    if (exclusion?.test(human)) score = 0;
    scores[customerField] = score;
  }
  const autocomplete = field.autocomplete
    .toLowerCase()
    .split(/\s+/)
    .find((token) => token in autocompleteFields);
  if (autocomplete) scores[autocompleteFields[autocomplete] as CustomerFieldName] += 5;

  // The control's kind says what it can hold: an email box is never a street.
  if (field.tag === "input") {
    if (field.type === "email") scores.email += 4;
    if (field.type === "tel") scores.phone += 4;
    if (field.type === "url") scores.website += 4;
    if (field.type === "number") for (const f of ["email", "website", "businessName"] as const) scores[f] = 0;
  }
  if (field.tag === "textarea") {
    scores.description += 1;
    for (const f of ["email", "phone", "zip", "state", "city", "website", "businessName"] as const)
      scores[f] -= 2;
  }
  if (field.tag === "select") {
    for (const f of ["email", "phone", "website", "address", "zip", "businessName", "description"] as const)
      scores[f] = 0;
  }
  return scores;
}

export const matchThreshold = 1.5;

/**
 * Which customer field each control asks for. Strongest pairs win first so "Business phone" goes
 * to the phone and a later plain "Name" can still take the business name; each customer field is
 * used once, except a "confirm email" box that repeats the email.
 */
export function assignFields(fields: readonly FieldDescriptor[]): Map<string, CustomerFieldName> {
  const pairs: Array<{ key: string; field: CustomerFieldName; score: number }> = [];
  for (const field of fields) {
    const scores = scoreField(field);
    for (const customerField of customerFieldNames) {
      if (scores[customerField] >= matchThreshold)
        pairs.push({ key: field.key, field: customerField, score: scores[customerField] });
    }
  }
  pairs.sort((a, b) => b.score - a.score);
  const assigned = new Map<string, CustomerFieldName>();
  const used = new Set<CustomerFieldName>();
  for (const pair of pairs) {
    if (assigned.has(pair.key)) continue;
    const descriptor = fields.find((f) => f.key === pair.key);
    const repeat =
      pair.field === "email" &&
      /\b(confirm|repeat|re ?enter|verify|again)\b/.test(
        normalizeText(
          `${descriptor?.label} ${descriptor?.name} ${descriptor?.placeholder} ${descriptor?.ariaLabel}`,
        ),
      );
    if (used.has(pair.field) && !repeat) continue;
    assigned.set(pair.key, pair.field);
    used.add(pair.field);
  }
  return assigned;
}

function isPlaceholderOption(option: { value: string; text: string }): boolean {
  return option.value.trim() === "" || placeholderOptionPattern.test(option.text);
}

/**
 * The option to pick for a customer value: exact text or value, then (states) either spelling of
 * the state, then containment or shared words; a category with no match falls back to the first
 * real option because a listing in a near category beats no listing. Returns the option's value.
 */
export function chooseOption(
  options: ReadonlyArray<{ value: string; text: string }>,
  field: CustomerFieldName | "country",
  wanted: string | undefined,
): string | undefined {
  const real = options.filter((o) => !isPlaceholderOption(o));
  const norm = (s: string) => normalizeText(s);
  if (field === "country") {
    const us = real.find(
      (o) => /^(us|usa|united states( of america)?)$/.test(norm(o.text)) || /^(us|usa)$/i.test(o.value),
    );
    return us?.value;
  }
  if (wanted === undefined || wanted.trim() === "") return field === "category" ? real[0]?.value : undefined;
  const target = norm(wanted);
  const exact = real.find((o) => norm(o.text) === target || norm(o.value) === target);
  if (exact) return exact.value;
  if (field === "state") {
    const state = findUsState(wanted);
    if (!state) return undefined;
    const spellings = [state.abbreviation.toLowerCase(), norm(state.name)];
    return real.find((o) => spellings.includes(norm(o.text)) || spellings.includes(norm(o.value)))?.value;
  }
  const containing = real.find(
    (o) => norm(o.text).includes(target) || (norm(o.text) && target.includes(norm(o.text))),
  );
  if (containing) return containing.value;
  const words = new Set(target.split(" ").filter((w) => w.length > 2));
  const sharing = real.find((o) =>
    norm(o.text)
      .split(" ")
      .some((w) => words.has(w) || words.has(w.replace(/s$/, ""))),
  );
  if (sharing) return sharing.value;
  return field === "category" ? real[0]?.value : undefined;
}

export function isCountryField(field: FieldDescriptor): boolean {
  return /\bcountry\b/.test(
    normalizeText(`${field.label} ${field.name} ${field.id} ${field.ariaLabel} ${field.nearby}`),
  );
}

/** Agree to what a listing needs (terms, consent); never sign the customer up for marketing unless forced. */
export function shouldCheck(box: FieldDescriptor): boolean {
  const text = `${box.label} ${box.ariaLabel} ${box.nearby} ${box.name} ${box.id}`;
  if (marketingPattern.test(text)) return box.required;
  return consentPattern.test(text) || box.required;
}

/** The customer's value for a field, as text a form can take. */
export function customerValue(customer: CustomerFields, field: CustomerFieldName): string | undefined {
  const value = customer[field];
  return value === undefined || value === "" ? undefined : value;
}

export type ButtonKind = "submit" | "next" | "ignore" | "other";

const ignoredButton =
  /^(back|previous|prev|cancel|reset|clear|search|go|sign in|log in|login|subscribe|close|preview|upload|add (another|more|photo|image)|remove|delete)\b/i;
const nextButton = /^(next|continue|proceed|next step|save (and|&) continue)\b|[→»>]$/i;
const submitButton =
  /\b(submit|send|add (my |your |a )?(listing|business|company|entry)|create|save|register|publish|list (my|your) business|get listed|finish|complete|done|post|sign ?up|request|claim)\b/i;

export function classifyButton(text: string): ButtonKind {
  const clean = text.replace(/\s+/g, " ").trim();
  if (ignoredButton.test(clean)) return "ignore";
  if (nextButton.test(clean)) return "next";
  if (submitButton.test(clean)) return "submit";
  return "other";
}
