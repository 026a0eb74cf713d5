import type { CustomerFieldName, CustomerFields } from "@autobolt/contract";
import type { Assignment } from "./classify.ts";
import { type FieldClass, normalizeText, otherOption, placeholderOption, tradeOf } from "./lexicon.ts";
import type { Control } from "./scan.ts";
import { findUsState } from "./states.ts";

/** The customer's value for a field, as text a form can take. */
export function customerValue(customer: CustomerFields, field: CustomerFieldName): string | undefined {
  const value = customer[field];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** The customer's country as far as their details tell: a US state means the United States. */
export function isUsCustomer(customer: CustomerFields): boolean {
  return findUsState(customer.state) !== undefined;
}

/** A street address as number and street: "1200 Barton Springs Rd" → 1200, "Barton Springs Rd". */
export function splitStreet(address: string): { number: string; street: string } | undefined {
  const leading = address.match(/^\s*(\d+[A-Za-z]?(?:[-/]\d+[A-Za-z]?)?)\s*,?\s+(.+)$/);
  if (leading?.[1] && leading[2]) return { number: leading[1], street: leading[2].trim() };
  const trailing = address.match(/^(.+?)\s*,?\s+(\d+[A-Za-z]?(?:[-/]\d+[A-Za-z]?)?)\s*$/);
  if (trailing?.[1] && trailing[2]) return { number: trailing[2], street: trailing[1].trim() };
  return undefined;
}

/** A phone's national digits and country code; a US number written with its leading 1 loses it. */
export function phoneDigits(phone: string, us: boolean): { national: string; country: string } {
  const digits = phone.replace(/\D/g, "");
  if (us && digits.length === 11 && digits.startsWith("1"))
    return { national: digits.slice(1), country: "1" };
  if (phone.trim().startsWith("+") && !us) return { national: digits, country: "" };
  return { national: digits, country: us ? "1" : "" };
}

/** The usual way a phone number is split when the boxes do not say how long each part is. */
export const phoneSplits: Readonly<Record<number, readonly number[]>> = {
  2: [3, 7],
  3: [3, 3, 4],
  4: [1, 3, 3, 4],
};

/** One box's share of a phone split over several: area code, exchange, line (a country code first when 11 digits). */
export function phonePart(
  customer: CustomerFields,
  part: { index: number; count: number; sizes?: readonly number[] },
): string | undefined {
  const { national, country } = phoneDigits(customer.phone, isUsCustomer(customer));
  const sizes = part.sizes ?? phoneSplits[part.count] ?? [national.length];
  const total = sizes.reduce((a, b) => a + b, 0);
  const digits = total > national.length ? `${country}${national}`.slice(-total) : national;
  const start = sizes.slice(0, part.index).reduce((a, b) => a + b, 0);
  return digits.slice(start, start + (sizes[part.index] ?? 0)) || undefined;
}

/** The ways a phone can be written, the customer's own first. */
function phoneCandidates(phone: string, us: boolean): string[] {
  const { national: n, country } = phoneDigits(phone, us);
  if (n.length !== 10) return [phone, n];
  const [a, b, c] = [n.slice(0, 3), n.slice(3, 6), n.slice(6)];
  return [
    phone,
    `(${a}) ${b}-${c}`,
    `${a}-${b}-${c}`,
    `${a}.${b}.${c}`,
    `${a} ${b} ${c}`,
    n,
    `+${country} ${a}-${b}-${c}`,
    `+${country} (${a}) ${b}-${c}`,
    `+${country} ${a} ${b} ${c}`,
    `+${country}${n}`,
    `${country}${n}`,
  ];
}

/** The digits-and-punctuation shape of a sample: "(555) 555-5555" → "(999) 999-9999". */
const shape = (s: string) => s.replace(/\d/g, "9").replace(/[xX#_]/g, "9");

function patternAccepts(pattern: string, value: string): boolean {
  if (!pattern) return true;
  try {
    return new RegExp(`^(?:${pattern})$`, "v").test(value);
  } catch {
    try {
      return new RegExp(`^(?:${pattern})$`).test(value);
    } catch {
      return true;
    }
  }
}

/** Whether the control would take this value as it is: its length limit and its pattern. */
export function fits(control: Control, value: string): boolean {
  if (control.maxLength > 0 && value.length > control.maxLength) return false;
  return patternAccepts(control.pattern, value);
}

function truncate(value: string, max: number): string {
  if (max <= 0 || value.length <= max) return value;
  const cut = value.slice(0, max);
  const space = cut.lastIndexOf(" ");
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trim();
}

/** A date a required date box can take when the customer's details hold none: New Year a year ago. */
export function placeholderDate(control: Control, now = new Date()): string {
  const year = now.getUTCFullYear() - 1;
  const date = `${year}-01-01`;
  if (control.type === "month") return `${year}-01`;
  if (control.type === "time") return "09:00";
  if (control.type === "datetime-local") return `${date}T09:00`;
  if (control.type === "week") return `${year}-W02`;
  return control.min && control.min > date ? control.min : date;
}

/**
 * The text to put in a control for a field, shaped to what the control takes: a phone in the
 * format its placeholder or pattern shows and short enough for its limit, a state as two letters
 * where the box holds two, one part of a split value.
 */
export function valueFor(
  control: Control,
  assignment: Assignment,
  customer: CustomerFields,
  options: { splitStreet: boolean },
): string | undefined {
  const us = isUsCustomer(customer);
  switch (assignment.cls) {
    case "phone": {
      if (assignment.part) return phonePart(customer, assignment.part);
      const candidates = phoneCandidates(customer.phone, us);
      const sample = control.placeholder.replace(/^[^\d(+]*/, "");
      if (/\d/.test(sample)) {
        const same = candidates.find((c) => shape(c) === shape(sample) && fits(control, c));
        if (same) return same;
      }
      return (
        candidates.find((c) => fits(control, c)) ?? candidates.find((c) => c.length <= control.maxLength)
      );
    }
    case "state": {
      const state = findUsState(customer.state);
      const short =
        (control.maxLength > 0 && control.maxLength < 4) || /^[A-Z]{2}$/.test(control.placeholder.trim());
      return state && short ? state.abbreviation : customer.state.trim();
    }
    case "zip": {
      const zip = customer.zip.trim();
      return fits(control, zip) || control.maxLength <= 0
        ? zip
        : zip.replace(/\D/g, "").slice(0, control.maxLength);
    }
    case "country":
      return us ? "United States" : undefined;
    case "houseNumber":
      return splitStreet(customer.address)?.number;
    case "address": {
      const parts = options.splitStreet ? splitStreet(customer.address) : undefined;
      return truncate(parts?.street ?? customer.address.trim(), control.maxLength);
    }
    case "businessName":
    case "email":
    case "website":
    case "city":
    case "description":
    case "category": {
      const value = customerValue(customer, assignment.cls);
      return value === undefined ? undefined : truncate(value, control.maxLength);
    }
    default:
      return undefined;
  }
}

export interface Option {
  value: string;
  text: string;
  disabled?: boolean;
}

function isPlaceholder(option: Option): boolean {
  return option.value.trim() === "" || placeholderOption.test(normalizeText(option.text));
}

/** Word stems shared: "plumbing" and "Plumbers", "dentist" and "Dentistry". */
function shareStem(a: string, b: string): boolean {
  const words = (s: string) => s.split(" ").filter((w) => w.length >= 4);
  return words(a).some((x) =>
    words(b).some((y) => x.slice(0, 5) === y.slice(0, 5) && Math.min(x.length, y.length) >= 5),
  );
}

const unitedStates =
  /^(us|usa|u s a|u s|united states( of america)?|estados unidos( de america)?|etats unis( d amerique)?|vereinigte staaten( von amerika)?|stati uniti( d america)?|eua|estados unidos da america)$/;

/**
 * The option to pick for a value: exact text or value, then (states) either spelling, then
 * containment or a shared word stem. For a category with no match: "Other" if offered, else the
 * first real option, because a listing in a near category beats no listing. Answers the option.
 */
export function chooseOption(
  options: readonly Option[],
  cls: FieldClass | "required",
  wanted: string | undefined,
): Option | undefined {
  const real = options.filter((o) => !o.disabled && !isPlaceholder(o));
  const norm = normalizeText;
  const fallback = () => real.find((o) => otherOption.test(norm(o.text))) ?? real[0];
  if (cls === "country") {
    return real.find((o) => unitedStates.test(norm(o.text)) || /^(us|usa)$/i.test(o.value.trim()));
  }
  if (cls === "required") return fallback();
  if (cls === "referral") return real.find((o) => neutralReferral.test(norm(o.text))) ?? fallback();
  if (wanted === undefined || wanted.trim() === "") return cls === "category" ? fallback() : undefined;
  const target = norm(wanted);
  const exact = real.find((o) => norm(o.text) === target || norm(o.value) === target);
  if (exact) return exact;
  if (cls === "state") {
    const state = findUsState(wanted);
    if (!state) return undefined;
    const name = norm(state.name);
    const abbr = state.abbreviation.toLowerCase();
    return (
      real.find((o) => [abbr, name].includes(norm(o.text)) || [abbr, name].includes(norm(o.value))) ??
      real.find((o) => norm(o.text).includes(name) || norm(o.text).split(" ").includes(abbr))
    );
  }
  const contains = (o: Option) => {
    const text = norm(o.text);
    return text !== "" && (text.includes(target) || (text.length >= 4 && target.includes(text)));
  };
  if (cls === "category") {
    // "Plumbers" over "Plumbing Supply Stores": of the options naming the trade, the one that
    // says least else.
    const concept = tradeOf(target);
    const naming = real.filter(
      (o) => contains(o) || shareStem(norm(o.text), target) || (concept && tradeOf(norm(o.text)) === concept),
    );
    const words = (o: Option) => norm(o.text).split(" ").length;
    const best = naming.reduce<Option | undefined>((a, o) => (a && words(a) <= words(o) ? a : o), undefined);
    if (best) return best;
  }
  const containing = real.find(contains);
  if (containing) return containing;
  const stem = real.find((o) => shareStem(norm(o.text), target));
  if (stem) return stem;
  if (cls === "category") {
    const concept = tradeOf(target);
    const translated = concept && real.find((o) => tradeOf(norm(o.text)) === concept);
    if (translated) return translated;
  }
  return cls === "category" ? fallback() : undefined;
}

/** How a business found a directory, when asked and nothing is true of it: searching the web. */
const neutralReferral =
  /\b(search engine|google|internet|online|web search|bing|busqueda|buscador|recherche|moteur de recherche|suchmaschine|internetsuche|pesquisa|ricerca|motore di ricerca)\b/;
