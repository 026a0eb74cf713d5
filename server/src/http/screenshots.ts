import { randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, stat, writeFile } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { screenshotUploadOutput } from "@autobolt/contract";
import type { Services } from "../trpc.ts";
import { contextFromRequest } from "./context.ts";
import { sendJson } from "./respond.ts";
import type { RouteHandler } from "./server.ts";

export const MAX_SCREENSHOT_BYTES = 8 * 1024 * 1024;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const FILE_NAME = /^[0-9a-f-]{36}\.(png|jpg)$/;

/**
 * Proof screenshots: workers upload the image bytes (POST /api/screenshots, worker key), the
 * server keeps them in the data folder and answers the URL to record in screenshot_url; only a
 * signed-in staff member can view them (GET /screenshots/<file>).
 */
export function screenshotRoutes(services: Services): RouteHandler {
  const folder = path.join(services.config.dataDir, "screenshots");
  return async (req, res, url) => {
    if (url.pathname === "/api/screenshots" && req.method === "POST") {
      await upload(services, folder, req, res);
      return true;
    }
    if (url.pathname.startsWith("/screenshots/") && req.method === "GET") {
      await download(services, folder, req, res, url.pathname.slice("/screenshots/".length));
      return true;
    }
    return false;
  };
}

async function upload(services: Services, folder: string, req: IncomingMessage, res: ServerResponse) {
  const ctx = await contextFromRequest(services, req, res);
  if (!ctx.isWorker) {
    sendJson(res, 401, {
      error: { code: "UNAUTHORIZED", message: "Uploading a screenshot needs the worker API key." },
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
  await mkdir(folder, { recursive: true });
  const name = `${randomUUID()}.${extension}`;
  await writeFile(path.join(folder, name), image, { flag: "wx" });
  sendJson(res, 201, screenshotUploadOutput.parse({ url: `/screenshots/${name}`, bytes: image.length }));
}

async function download(
  services: Services,
  folder: string,
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
) {
  const ctx = await contextFromRequest(services, req, res);
  if (!ctx.user) {
    sendJson(res, 401, { error: { code: "UNAUTHORIZED", message: "Sign in to see screenshots." } });
    return;
  }
  if (!FILE_NAME.test(name)) {
    sendJson(res, 404, { error: { code: "NOT_FOUND", message: "No such screenshot." } });
    return;
  }
  const file = path.join(folder, name);
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    sendJson(res, 404, { error: { code: "NOT_FOUND", message: "No such screenshot." } });
    return;
  }
  res.writeHead(200, {
    "content-type": name.endsWith(".png") ? "image/png" : "image/jpeg",
    "content-length": info.size,
    "cache-control": "private, max-age=86400, immutable",
    "x-content-type-options": "nosniff",
  });
  createReadStream(file).pipe(res);
}
