import { z } from "zod";

/*
 * Input PostgreSQL cannot store, refused at the edge with a 400 naming the field instead of
 * failing in the database as a 500: a NUL character (text and jsonb both refuse \u0000), half of
 * a UTF-16 surrogate pair (not UTF-8 at all: jsonb refuses its escape, text would keep a
 * replacement character instead of what was sent), a moment timestamptz or JavaScript cannot hold
 * the same way, and free-form JSON deep or large enough to exhaust the server.
 */

// A lone surrogate: in a /u pattern a well-formed pair is one code point, so only halves match.
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is what this looks for.
const UNSTORABLE_CHARACTER = /[\u0000\p{Cs}]/u;

/** True when PostgreSQL can store the text as sent: no NUL, no lone surrogate. */
export function isStorableText(value: string): boolean {
  return !UNSTORABLE_CHARACTER.test(value);
}

const unstorableMessage =
  "Contains a NUL character (\\u0000) or half of a UTF-16 surrogate pair, which cannot be stored; remove it.";

/** A string PostgreSQL stores as sent; chain .trim(), .min() and .max() as on z.string(). */
export const storableString = () => z.string().refine(isStorableText, unstorableMessage);

/** A web address (http or https) of at most 2,048 characters that can be stored as sent. */
export const storableUrl = () =>
  z
    .url({ protocol: /^https?$/, error: "Enter a full web address starting with http:// or https://" })
    .max(2048)
    .refine(isStorableText, unstorableMessage);

/**
 * Text made storable rather than refused, for a sender that cannot ask again (the worker quoting a
 * page): NULs dropped, lone surrogates replaced, cut to `max` characters without halving a pair.
 */
export function toStorableText(value: string, max: number): string {
  const cleaned = value.replaceAll("\u0000", "").replace(/\p{Cs}/gu, "\uFFFD");
  if (cleaned.length <= max) return cleaned;
  const cut = cleaned.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

// Years 1 to 9999 (UTC): what an ISO 8601 string of four-digit years names, both PostgreSQL's
// timestamptz and JavaScript's Date hold, and a PostgreSQL answer parses back to.
const EARLIEST_MOMENT = Date.parse("0001-01-01T00:00:00Z");
const LATEST_MOMENT = Date.parse("9999-12-31T23:59:59.999Z");

/** An ISO 8601 date and time with an offset, between the years 1 and 9999 once in UTC. */
export const storableDateTime = () =>
  z.iso.datetime({ offset: true }).refine((value) => {
    const moment = Date.parse(value);
    // Not a date at all is the format's refusal already: one message per mistake.
    return Number.isNaN(moment) || (moment >= EARLIEST_MOMENT && moment <= LATEST_MOMENT);
  }, "Enter a date between the years 0001 and 9999 (in UTC).");

export interface JsonBounds {
  /** Objects and arrays nested inside one another, the outer object counting as 1. */
  maxDepth: number;
  /** Keys and array items across the whole value. */
  maxEntries: number;
  /** Characters of the value written as JSON. */
  maxChars: number;
  /** Characters of any one key or string. */
  maxStringChars: number;
}

export const DEFAULT_JSON_BOUNDS: JsonBounds = {
  maxDepth: 8,
  maxEntries: 500,
  maxChars: 32_768,
  maxStringChars: 4_000,
};

// Keys that assign an object's prototype when copied by plain assignment, in this process or the
// next program that reads the JSON.
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

/** What is wrong with a free-form JSON value, naming where, or undefined when it can be stored. */
export function jsonProblem(value: unknown, bounds: JsonBounds = DEFAULT_JSON_BOUNDS): string | undefined {
  let entries = 0;
  let chars = 0;
  // Iterative, so a value nested 10,000 deep costs one step per level it is allowed, not the stack.
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: "", depth: 1 }];
  while (stack.length > 0) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    const where = item.path || "the value";
    const current = item.value;
    if (current === null || typeof current === "boolean") {
      chars += 5;
    } else if (typeof current === "number") {
      if (!Number.isFinite(current)) return `${where}: only finite numbers can be stored.`;
      chars += 24;
    } else if (typeof current === "string") {
      if (current.length > bounds.maxStringChars)
        return `${where}: strings are limited to ${bounds.maxStringChars} characters.`;
      if (!isStorableText(current)) return `${where}: ${unstorableMessage}`;
      chars += current.length + 2;
    } else if (typeof current === "object") {
      if (item.depth > bounds.maxDepth)
        return `${where}: nested deeper than ${bounds.maxDepth} levels of objects and arrays.`;
      const isArray = Array.isArray(current);
      const children: [string, unknown][] = isArray
        ? current.map((child, index) => [String(index), child])
        : Object.entries(current);
      entries += children.length;
      if (entries > bounds.maxEntries)
        return `${where}: more than ${bounds.maxEntries} keys and items in all.`;
      for (const [key, child] of children) {
        const path = isArray ? `${item.path}[${key}]` : item.path ? `${item.path}.${key}` : key;
        if (!isArray) {
          if (PROTOTYPE_KEYS.has(key)) return `${path}: the key "${key}" is refused.`;
          if (key.length > bounds.maxStringChars || !isStorableText(key))
            return `${item.path || "the value"}: a key is too long or holds a NUL or lone surrogate.`;
          chars += key.length + 3;
        }
        stack.push({ value: child, path, depth: item.depth + 1 });
      }
      chars += 2;
    } else {
      return `${where}: only JSON values (objects, arrays, strings, numbers, booleans, null) can be stored.`;
    }
    if (chars > bounds.maxChars) return `The value is larger than ${bounds.maxChars} characters as JSON.`;
  }
  return undefined;
}

/** A free-form JSON object (result metadata and the like), bounded in depth, keys and size. */
export const boundedJsonObject = (bounds: JsonBounds = DEFAULT_JSON_BOUNDS) =>
  // Checked as sent: copying into a record first would turn a "__proto__" key into a prototype.
  z
    .custom<Record<string, unknown>>(
      (value) => typeof value === "object" && value !== null && !Array.isArray(value),
      "Expected a JSON object",
    )
    .superRefine((value, ctx) => {
      const problem = jsonProblem(value, bounds);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });
