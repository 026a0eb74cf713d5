import type { IncomingMessage } from "node:http";

export function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** A whole document; each site brings its own look so the filler never sees one template. */
export function page(options: {
  title: string;
  css?: string;
  body: string;
  head?: string;
  lang?: string;
}): string {
  return `<!doctype html>
<html lang="${options.lang ?? "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(options.title)}</title>
<style>${options.css ?? ""}</style>
${options.head ?? ""}
</head>
<body>
${options.body}
</body>
</html>`;
}

const maxBody = 1_000_000;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBody) throw new Error("request body too large");
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Form posts as the site would read them: urlencoded or JSON, last value wins for repeated names. */
export function parseFields(body: string, contentType: string | undefined): Record<string, string> {
  if (contentType?.includes("application/json")) {
    const parsed: unknown = JSON.parse(body || "{}");
    const fields: Record<string, string> = {};
    if (parsed && typeof parsed === "object") {
      for (const [key, value] of Object.entries(parsed)) fields[key] = String(value);
    }
    return fields;
  }
  const fields: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(body)) fields[key] = value;
  return fields;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
