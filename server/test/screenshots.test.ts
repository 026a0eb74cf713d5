import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN, API_KEY, setupServer } from "./support.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-shots-"));
let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_DATA_DIR: dataDir });
});
afterAll(async () => {
  await env.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// A real 1×1 PNG.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const upload = (body: Uint8Array, headers: Record<string, string> = { authorization: `Bearer ${API_KEY}` }) =>
  fetch(`${env.server.url}/api/screenshots`, {
    method: "POST",
    headers: { "content-type": "image/png", ...headers },
    body: new Uint8Array(body),
  });

async function staffCookie() {
  const res = await fetch(`${env.server.url}/trpc/auth.signIn`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  return res.headers.get("set-cookie")?.split(";")[0] as string;
}

describe("[SCREENSHOTS]: proof of each submission", () => {
  test("a worker uploads a PNG, and only signed-in staff can view it", async () => {
    const res = await upload(png);
    expect(res.status).toBe(201);
    const { url } = (await res.json()) as { url: string };
    expect(url).toMatch(/^\/screenshots\/[0-9a-f-]{36}\.png$/);
    expect((await fetch(`${env.server.url}${url}`)).status).toBe(401);
    const shown = await fetch(`${env.server.url}${url}`, { headers: { cookie: await staffCookie() } });
    expect(shown.status).toBe(200);
    expect(shown.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await shown.arrayBuffer()).equals(png)).toBe(true);
  });

  test("uploads without the key, of something that is not an image, or too large are refused", async () => {
    expect((await upload(png, {})).status).toBe(401);
    expect((await upload(Buffer.from("<svg onload=alert(1)>"))).status).toBe(415);
    expect((await upload(Buffer.concat([png, Buffer.alloc(9 * 1024 * 1024)]))).status).toBe(413);
  });

  test("paths outside the screenshot folder are never served", async () => {
    writeFileSync(path.join(dataDir, "secret.txt"), "top-secret-contents");
    const cookie = await staffCookie();
    for (const name of [
      "..%2Fsecret.txt",
      "../secret.txt",
      "%2e%2e/secret.txt",
      "00000000-0000-4000-8000-000000000000.png",
    ]) {
      const res = await fetch(`${env.server.url}/screenshots/${name}`, { headers: { cookie } });
      expect(await res.text()).not.toContain("top-secret-contents");
    }
    expect(
      (await fetch(`${env.server.url}/screenshots/..%2Fsecret.txt`, { headers: { cookie } })).status,
    ).toBe(404);
  });
});
