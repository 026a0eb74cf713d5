import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { schema } from "@autobolt/db";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import type { RunningServer } from "../src/app.ts";
import { parseS3Url, s3ProofStore } from "../src/proofs/store.ts";
import { ADMIN, API_KEY, setupServer, startPeerServer } from "./support.ts";

// A real 1×1 PNG, and the start of a JPEG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from("proof-jpeg-bytes")]);

const scratch = mkdtempSync(path.join(tmpdir(), "autobolt-proofs-"));
const folder = (name: string) => {
  const dir = path.join(scratch, name);
  mkdirSync(dir, { recursive: true });
  return dir;
};
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function upload(server: RunningServer, body: Buffer) {
  const res = await fetch(`${server.url}/api/screenshots`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", authorization: `Bearer ${API_KEY}` },
    body: new Uint8Array(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

async function view(server: RunningServer, url: string) {
  const signIn = await fetch(`${server.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  const cookie = signIn.headers.get("set-cookie")?.split(";")[0] as string;
  const res = await fetch(`${server.url}${url}`, { headers: { cookie } });
  return {
    status: res.status,
    type: res.headers.get("content-type"),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

describe("[PROOFS]: kept in PostgreSQL, served by every server", () => {
  let env: Awaited<ReturnType<typeof setupServer>>;
  let peer: RunningServer;
  // Each server has a data folder of its own, as servers on different machines would.
  const legacyDir = folder("server-a");
  beforeAll(async () => {
    env = await setupServer({ AUTOBOLT_DATA_DIR: legacyDir });
    peer = await startPeerServer(env.database, { AUTOBOLT_DATA_DIR: folder("server-b") });
  });
  afterAll(async () => {
    await peer.close();
    await env.close();
  });
  beforeEach(() => env.database.truncate({ keepStaff: true }));

  test("a proof uploaded through one server is served by another on the same database", async () => {
    expect(env.server.services.proofs.kind).toBe("postgres");
    const pngUrl = await upload(env.server, png);
    const jpegUrl = await upload(env.server, jpeg);
    expect(pngUrl).toMatch(/^\/screenshots\/[0-9a-f-]{36}\.png$/);
    expect(jpegUrl).toMatch(/^\/screenshots\/[0-9a-f-]{36}\.jpg$/);

    const shown = await view(peer, pngUrl);
    expect(shown).toMatchObject({ status: 200, type: "image/png" });
    expect(shown.bytes.equals(png)).toBe(true);
    const shownJpeg = await view(peer, jpegUrl);
    expect(shownJpeg).toMatchObject({ status: 200, type: "image/jpeg" });
    expect(shownJpeg.bytes.equals(jpeg)).toBe(true);

    const rows = await env.database.db.select().from(schema.proofs);
    expect(rows.map((r) => [r.contentType, r.size]).sort()).toEqual([
      ["image/jpeg", jpeg.length],
      ["image/png", png.length],
    ]);
    // The id with the other extension names no screenshot.
    expect((await view(peer, pngUrl.replace(/\.png$/, ".jpg"))).status).toBe(404);
    expect((await view(peer, `/screenshots/${randomUUID()}.png`)).status).toBe(404);
  });

  test("a proof left on a server's disk before the shared store is copied in on first view, then served by every server", async () => {
    const id = randomUUID();
    mkdirSync(path.join(legacyDir, "screenshots"), { recursive: true });
    writeFileSync(path.join(legacyDir, "screenshots", `${id}.png`), png);
    expect((await view(peer, `/screenshots/${id}.png`)).status).toBe(404);
    expect((await view(env.server, `/screenshots/${id}.png`)).bytes.equals(png)).toBe(true);
    const fromPeer = await view(peer, `/screenshots/${id}.png`);
    expect(fromPeer.status).toBe(200);
    expect(fromPeer.bytes.equals(png)).toBe(true);
  });
});

describe("[PROOFS]: an S3-compatible store as the option", () => {
  const BUCKET = "autobolt-proofs";
  let s3: S3rver;
  let s3Url: string;
  let env: Awaited<ReturnType<typeof setupServer>>;
  let peer: RunningServer;
  beforeAll(async () => {
    s3 = new S3rver({
      address: "127.0.0.1",
      port: 0,
      silent: true,
      directory: folder("s3rver"),
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    const { port } = (await s3.run()) as AddressInfo;
    // s3rver checks signatures made with its fixed development credentials.
    s3Url = `s3+http://S3RVER:S3RVER@127.0.0.1:${port}/${BUCKET}/staging`;
    env = await setupServer({ AUTOBOLT_S3_URL: s3Url, AUTOBOLT_DATA_DIR: folder("s3-a") });
    peer = await startPeerServer(env.database, { AUTOBOLT_S3_URL: s3Url, AUTOBOLT_DATA_DIR: folder("s3-b") });
  });
  afterAll(async () => {
    await peer?.close();
    await env?.close();
    await s3?.close();
  });

  test("a proof uploaded through one server is stored in the bucket and served by another", async () => {
    expect(env.server.services.proofs.kind).toBe("s3");
    const url = await upload(env.server, png);
    const shown = await view(peer, url);
    expect(shown).toMatchObject({ status: 200, type: "image/png" });
    expect(shown.bytes.equals(png)).toBe(true);
    expect(await env.database.db.select().from(schema.proofs)).toEqual([]);

    const location = parseS3Url(s3Url);
    const client = new S3Client({
      endpoint: location.endpoint,
      region: "us-east-1",
      forcePathStyle: true,
      credentials: { accessKeyId: location.accessKeyId, secretAccessKey: location.secretAccessKey },
    });
    const id = url.slice("/screenshots/".length).replace(/\.png$/, "");
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: `staging/proofs/${id}` }));
    expect(object.ContentType).toBe("image/png");
    expect(Buffer.from((await object.Body?.transformToByteArray()) ?? []).equals(png)).toBe(true);
    client.destroy();
    expect((await view(peer, `/screenshots/${randomUUID()}.png`)).status).toBe(404);
  });

  test("a reported screenshotUrl is checked against the bucket: stored proofs kept, others named", async () => {
    const url = await upload(env.server, png);
    const id = url.slice("/screenshots/".length).replace(/\.png$/, "");
    const missing = randomUUID();
    const found = await peer.services.proofs.contentTypesOf([id, missing]);
    expect([...found.entries()]).toEqual([[id, "image/png"]]);
  });

  test("a bucket that cannot be reached is refused at start-up, saying so", async () => {
    await expect(
      s3ProofStore(parseS3Url(s3Url.replace(BUCKET, "no-such-bucket")), "us-east-1"),
    ).rejects.toThrow(/bucket "no-such-bucket" .* cannot be reached/);
  });
});
