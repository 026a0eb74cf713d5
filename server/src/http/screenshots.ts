import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { screenshotUploadOutput } from "@autobolt/contract";
import { PROOF_FILE_NAME, proofUrl } from "../proofs/issued.ts";
import { adoptLegacyProof } from "../proofs/store.ts";
import type { Services } from "../trpc.ts";
import { contextFromRequest } from "./context.ts";
import { mediaType } from "./guards.ts";
import { sendJson } from "./respond.ts";
import type { RouteHandler } from "./server.ts";

export const MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
/**
 * What an upload may declare: the worker sends image/png; octet-stream for a client that does not
 * know. The bytes still decide (PNG or JPEG: what the proofs table keeps), so WebP is refused.
 */
const UPLOAD_TYPES = new Set(["image/png", "image/jpeg", "application/octet-stream"]);

/**
 * Proof screenshots: workers upload the image bytes (POST /api/screenshots, worker key), the
 * server keeps them in the proof store every server shares (PostgreSQL, or S3) and answers the URL
 * to record in screenshot_url; only a signed-in staff member can view them (GET /screenshots/<file>).
 */
export function screenshotRoutes(services: Services): RouteHandler {
  return async (req, res, url) => {
    if (url.pathname === "/api/screenshots" && req.method === "POST") {
      await upload(services, req, res);
      return true;
    }
    if (url.pathname.startsWith("/screenshots/") && req.method === "GET") {
      await download(services, req, res, url.pathname.slice("/screenshots/".length));
      return true;
    }
    return false;
  };
}

async function upload(services: Services, req: IncomingMessage, res: ServerResponse) {
  const ctx = await contextFromRequest(services, req, res);
  if (!ctx.isWorker) {
    sendJson(res, 401, {
      error: { code: "UNAUTHORIZED", message: "Uploading a screenshot needs the worker API key." },
    });
    return;
  }
  const declaredType = mediaType(req);
  if (!declaredType || !UPLOAD_TYPES.has(declaredType)) {
    req.resume();
    sendJson(res, 415, {
      error: {
        code: "UNSUPPORTED_MEDIA_TYPE",
        message:
          "Send the screenshot's bytes with Content-Type: image/png or image/jpeg (or application/octet-stream); only PNG and JPEG are kept.",
      },
    });
    return;
  }
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > MAX_SCREENSHOT_BYTES) {
    req.resume();
    sendJson(res, 413, {
      error: {
        code: "PAYLOAD_TOO_LARGE",
        message: `Screenshots are limited to ${MAX_SCREENSHOT_BYTES} bytes.`,
      },
    });
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_SCREENSHOT_BYTES) {
      sendJson(res, 413, {
        error: {
          code: "PAYLOAD_TOO_LARGE",
          message: `Screenshots are limited to ${MAX_SCREENSHOT_BYTES} bytes.`,
        },
      });
      req.destroy();
      return;
    }
    chunks.push(chunk as Buffer);
  }
  const image = Buffer.concat(chunks);
  // The bytes decide the type, not the header a caller chose to send.
  const extension = image.subarray(0, 8).equals(PNG_SIGNATURE)
    ? "png"
    : image.subarray(0, 3).equals(JPEG_SIGNATURE)
      ? "jpg"
      : undefined;
  if (!extension) {
    sendJson(res, 415, {
      error: { code: "UNSUPPORTED_MEDIA_TYPE", message: "A screenshot must be a PNG or JPEG image." },
    });
    return;
  }
  const id = randomUUID();
  await services.proofs.put(id, {
    contentType: extension === "png" ? "image/png" : "image/jpeg",
    bytes: image,
  });
  sendJson(res, 201, screenshotUploadOutput.parse({ url: proofUrl(id, extension), bytes: image.length }));
}

async function download(services: Services, req: IncomingMessage, res: ServerResponse, name: string) {
  const ctx = await contextFromRequest(services, req, res);
  if (!ctx.user) {
    sendJson(res, 401, { error: { code: "UNAUTHORIZED", message: "Sign in to see screenshots." } });
    return;
  }
  const [, id, extension] = PROOF_FILE_NAME.exec(name) ?? [];
  if (!id || (extension !== "png" && extension !== "jpg")) return notFound(res);
  const proof =
    (await services.proofs.get(id)) ??
    (await adoptLegacyProof(services.proofs, services.config.dataDir, id, extension));
  // The URL's extension was issued with the bytes' type; another one names no screenshot.
  if (!proof || proof.contentType !== (extension === "png" ? "image/png" : "image/jpeg"))
    return notFound(res);
  res.writeHead(200, {
    "content-type": proof.contentType,
    "content-length": proof.bytes.length,
    "cache-control": "private, max-age=86400, immutable",
    "x-content-type-options": "nosniff",
  });
  res.end(proof.bytes);
}

function notFound(res: ServerResponse) {
  sendJson(res, 404, { error: { code: "NOT_FOUND", message: "No such screenshot." } });
}
