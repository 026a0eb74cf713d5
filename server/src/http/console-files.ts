import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import type { RouteHandler } from "./server.ts";

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

// The console renders customer-typed text; a strict policy keeps any markup that slips through inert.
const securityHeaders = {
  "content-security-policy":
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "same-origin",
};

/**
 * Serves the built console (client/dist). Hashed assets are cached for good; any other GET that is
 * not an API path gets index.html, so deep links like /jobs/<id> work on reload.
 */
export function consoleFiles(folder: string): RouteHandler {
  const root = path.resolve(folder);
  return async (req, res, url) => {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (/^\/(api|trpc|screenshots|reports)(\/|$)/.test(url.pathname)) return false;
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, "");
    const candidate = path.resolve(root, relative);
    if (!candidate.startsWith(root + path.sep) && candidate !== root) return false;
    const file = (await isFile(candidate)) ? candidate : path.join(root, "index.html");
    if (!(await isFile(file))) {
      res.writeHead(503, { "content-type": "text/plain; charset=utf-8" });
      res.end(
        "The console is not built yet: run `pnpm --filter @autobolt/client build` (pnpm start does it for you).\n",
      );
      return true;
    }
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    const encoded = await precompressed(file, req.headers["accept-encoding"]);
    res.writeHead(200, {
      "content-type": types[path.extname(file)] ?? "application/octet-stream",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      vary: "accept-encoding",
      ...(encoded ? { "content-encoding": encoded.encoding } : {}),
      ...securityHeaders,
    });
    if (req.method === "HEAD") res.end();
    else createReadStream(encoded?.file ?? file).pipe(res);
    return true;
  };
}

/** The build's brotli or gzip copy of a file (see client/vite.config.ts), if the browser takes it. */
async function precompressed(
  file: string,
  acceptEncoding: string | undefined,
): Promise<{ file: string; encoding: "br" | "gzip" } | undefined> {
  const accepted = new Set((acceptEncoding ?? "").split(",").map((e) => e.split(";")[0]?.trim()));
  for (const [encoding, suffix] of [
    ["br", ".br"],
    ["gzip", ".gz"],
  ] as const) {
    if (accepted.has(encoding) && (await isFile(file + suffix))) return { file: file + suffix, encoding };
  }
  return undefined;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() ?? false;
}
