/**
 * PostgreSQL stores neither a NUL character (in `text`, nor as `\u0000` in `jsonb`) nor half of a
 * UTF-16 surrogate pair (invalid UTF-8 in `text`, an unpaired `\ud800` escape refused by `jsonb`).
 * Pages put both in front of the worker (a NUL in a form's error text, an emoji cut in half when a
 * message is shortened), and one such string would get its whole batch of results refused. NULs
 * are dropped; a lone surrogate becomes U+FFFD, as a UTF-8 encoder would write it, so the length
 * (and any limit already applied) stays the same.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point
const refused = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storableText(text: string): string {
  return text.replace(refused, (found) => (found === "\u0000" ? "" : "\uFFFD"));
}

/**
 * The same for every string in a value about to be sent: object keys and values, array items, at
 * any depth. Other values pass unchanged; the input is not modified.
 */
export function storable<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === "string") return storableText(value);
  if (Array.isArray(value)) return value.map(clean);
  if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [storableText(key), clean(item)]));
  }
  return value;
}
