import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { ADMIN, API_KEY, customer, seedCatalog, setupServer } from "./support.ts";

const consoleDir = mkdtempSync(path.join(tmpdir(), "autobolt-console-"));
mkdirSync(path.join(consoleDir, "assets"));
writeFileSync(path.join(consoleDir, "index.html"), "<!doctype html><title>AutoBolt test console</title>");
writeFileSync(path.join(consoleDir, "assets", "app-abc123.js"), "console.log(1)");
// The build's compressed copies (client/vite.config.ts), with content that tells them apart.
const bigScript = `console.log(${JSON.stringify("x".repeat(5000))})`;
writeFileSync(path.join(consoleDir, "assets", "big-def456.js"), bigScript);
writeFileSync(path.join(consoleDir, "assets", "big-def456.js.br"), brotliCompressSync(bigScript));
writeFileSync(path.join(consoleDir, "assets", "big-def456.js.gz"), gzipSync(bigScript));

let env: Awaited<ReturnType<typeof setupServer>>;
beforeAll(async () => {
  env = await setupServer({ AUTOBOLT_CONSOLE_DIR: consoleDir });
});
afterAll(async () => {
  await env.close();
  rmSync(consoleDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await env.database.truncate({ keepStaff: true });
  await seedCatalog(env.server.services, 5);
});

const url = (path: string) => `${env.server.url}${path}`;
// biome-ignore lint/suspicious/noExplicitAny: tests read whatever JSON the server answered and assert on it.
const json = async (res: Response): Promise<any> => res.json();
const bearer = { authorization: `Bearer ${API_KEY}` };

async function trpc(path: string, input: unknown, headers: Record<string, string> = {}) {
  return fetch(url(`/trpc/${path}`), {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(input),
  });
}

async function signIn(email = ADMIN.email, password = ADMIN.password) {
  const res = await trpc("auth.signIn", { email, password });
  return { res, cookie: res.headers.get("set-cookie")?.split(";")[0] };
}

describe("[HTTP]: health", () => {
  test("GET /healthz answers 200 with the database kind", async () => {
    const res = await fetch(url("/healthz"));
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ ok: true });
  });

  test("an unknown API path is a JSON 404", async () => {
    const res = await fetch(url("/api/nope"));
    expect(res.status).toBe(404);
    expect(await json(res)).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  test("console paths get index.html with a strict content security policy; assets are cached for good", async () => {
    const res = await fetch(url("/jobs/some-deep-link"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'self'/);
    expect(await res.text()).toContain("AutoBolt test console");
    const asset = await fetch(url("/assets/app-abc123.js"));
    expect(asset.headers.get("cache-control")).toMatch(/immutable/);
    expect(await asset.text()).toBe("console.log(1)");
    const outside = await fetch(url("/%2e%2e/%2e%2e/package.json"));
    expect(await outside.text()).toContain("AutoBolt test console");
  });

  test("the console's scripts go out brotli- or gzip-compressed to a browser that takes it, plain otherwise", async () => {
    const get = (acceptEncoding?: string) =>
      new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>(
        (resolve, reject) => {
          const req = request(url("/assets/big-def456.js"), {
            headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {},
          });
          req.on("response", (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () =>
              resolve({
                encoding: res.headers["content-encoding"],
                vary: res.headers.vary,
                body: Buffer.concat(chunks),
              }),
            );
          });
          req.on("error", reject);
          req.end();
        },
      );
    const br = await get("gzip, deflate, br");
    expect(br.encoding).toBe("br");
    expect(br.vary).toBe("accept-encoding");
    expect(br.body.length).toBeLessThan(bigScript.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(bigScript);
    const gz = await get("gzip");
    expect(gz.encoding).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(bigScript);
    const plain = await get();
    expect(plain.encoding).toBeUndefined();
    expect(plain.body.toString()).toBe(bigScript);
  });
});

describe("[AUTH]: staff sign-in over HTTP", () => {
  test("sign in sets an httpOnly session cookie that opens staff procedures; sign out closes them", async () => {
    const { res, cookie } = await signIn();
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const me = await fetch(url("/trpc/auth.me"), { headers: { cookie: cookie as string } });
    expect((await json(me)).result.data).toMatchObject({ email: ADMIN.email, role: "admin" });
    const list = await fetch(url(`/trpc/jobs.list?input=${encodeURIComponent("{}")}`), {
      headers: { cookie: cookie as string },
    });
    expect(list.status).toBe(200);
    await trpc("auth.signOut", null, { cookie: cookie as string });
    const after = await fetch(url(`/trpc/jobs.list?input=${encodeURIComponent("{}")}`), {
      headers: { cookie: cookie as string },
    });
    expect(after.status).toBe(401);
  });

  test("a wrong password or unknown email is 401 with the same message", async () => {
    const wrong = await signIn(ADMIN.email, "wrong password");
    const unknown = await signIn("nobody@example.test", ADMIN.password);
    expect(wrong.res.status).toBe(401);
    expect(unknown.res.status).toBe(401);
    expect((await json(wrong.res)).error.message).toBe((await json(unknown.res)).error.message);
    expect(wrong.cookie).toBeUndefined();
  });

  test("staff procedures without a session, or with a forged cookie, are 401", async () => {
    for (const headers of [{}, { cookie: "autobolt_session=forged" }, bearer] as Record<string, string>[]) {
      const res = await fetch(url(`/trpc/jobs.list?input=${encodeURIComponent("{}")}`), { headers });
      expect(res.status).toBe(401);
    }
  });

  test("a staff account created by an admin can sign in but cannot use admin procedures", async () => {
    const { cookie } = await signIn();
    const created = await trpc(
      "staff.create",
      { email: "sam@example.test", name: "Sam", password: "a long password", role: "staff" },
      { cookie: cookie as string },
    );
    expect(created.status).toBe(200);
    const sam = await signIn("SAM@example.test", "a long password");
    expect(sam.res.status).toBe(200);
    const forbidden = await trpc(
      "directories.setActive",
      { id: "dir-001", active: false },
      { cookie: sam.cookie as string },
    );
    expect(forbidden.status).toBe(403);
  });

  test("a malformed tRPC body is 400", async () => {
    const res = await fetch(url("/trpc/auth.signIn"), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    const bad = await trpc("auth.signIn", { email: "x" });
    expect(bad.status).toBe(400);
    expect((await json(bad)).error.data.fieldErrors).toHaveProperty("email");
  });
});

describe("[REST]: the seed's worker endpoints", () => {
  async function createJob() {
    const { cookie } = await signIn();
    const res = await trpc(
      "customers.create",
      { customer, package: { size: 2 } },
      { cookie: cookie as string },
    );
    return (await json(res)).result.data.job as { id: string };
  }

  test("GET /api/autobolt/jobs/next: 204 when empty, the job when there is one, 401 without the key", async () => {
    expect((await fetch(url("/api/autobolt/jobs/next"), { headers: bearer })).status).toBe(204);
    expect((await fetch(url("/api/autobolt/jobs/next"))).status).toBe(401);
    expect(
      (await fetch(url("/api/autobolt/jobs/next"), { headers: { authorization: "Bearer wrong-key" } }))
        .status,
    ).toBe(401);
    const job = await createJob();
    const res = await fetch(url("/api/autobolt/jobs/next?workerId=curl-1"), {
      headers: { "x-api-key": API_KEY },
    });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.job).toMatchObject({ id: job.id, status: "in_progress", workerId: "curl-1" });
    expect(body.customer.businessName).toBe(customer.businessName);
    expect(body.directories).toHaveLength(2);
  });

  test("update, heartbeat and complete take the tRPC input as the JSON body", async () => {
    const job = await createJob();
    const claimed = await json(await fetch(url("/api/autobolt/jobs/next"), { headers: bearer }));
    const lease = { jobId: job.id, leaseToken: claimed.job.leaseToken };
    const post = (path: string, body: unknown) =>
      fetch(url(`/api/autobolt/jobs/${path}`), {
        method: "POST",
        headers: { ...bearer, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    const update = await post("update", {
      ...lease,
      results: claimed.directories.map((d: { id: string }) => ({ directoryId: d.id, status: "submitted" })),
    });
    expect(update.status).toBe(200);
    expect(await json(update)).toMatchObject({ applied: 2, ignored: 0 });
    expect((await post("heartbeat", lease)).status).toBe(200);
    const complete = await post("complete", lease);
    expect(await json(complete)).toMatchObject({ status: "complete" });
    const stale = await post("heartbeat", lease);
    expect(stale.status).toBe(409);
    expect(await json(stale)).toMatchObject({ error: { code: "CONFLICT", appCode: "LEASE_LOST" } });
  });

  test("bad bodies: 400 with field errors, invalid JSON 400, oversized 413, wrong key 401 — nothing written", async () => {
    const post = (body: string, headers: Record<string, string> = bearer) =>
      fetch(url("/api/autobolt/jobs/update"), {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body,
      });
    const fields = await post(JSON.stringify({ jobId: "nope", results: [] }));
    expect(fields.status).toBe(400);
    const body = await json(fields);
    expect(body.error.fieldErrors).toHaveProperty("jobId");
    expect(body.error.fieldErrors).toHaveProperty("leaseToken");
    expect(body.error.fieldErrors).toHaveProperty("results");
    expect((await post("{oops")).status).toBe(400);
    expect((await post(JSON.stringify({ pad: "x".repeat(2_000_000) }))).status).toBe(413);
    expect((await post("{}", { authorization: "Bearer nope" })).status).toBe(401);
  });
});

describe("[HTTP]: requests that must not act", () => {
  test("a path with a bad % escape is a 400, wherever it points", async () => {
    for (const path of [
      "/%zz",
      "/trpc/%zz",
      "/trpc/auth.me%",
      "/api/autobolt/jobs/%E0%A4%A",
      "/screenshots/%zz.png",
    ]) {
      const res = await fetch(url(path));
      expect(res.status, path).toBe(400);
      expect(await json(res)).toMatchObject({ error: { code: "BAD_REQUEST" } });
    }
  });

  test("a mutation in anything but JSON is refused with 415 and does nothing", async () => {
    const { cookie } = await signIn();
    const me = async () => json(await fetch(url("/trpc/auth.me"), { headers: { cookie: cookie as string } }));
    const form = new FormData();
    form.append("x", "1");
    for (const body of ["{}", new URLSearchParams({ x: "1" }), form]) {
      // text/plain, form-urlencoded and multipart: what a form on another page can send without CORS.
      const res = await fetch(url("/trpc/auth.signOut"), {
        method: "POST",
        headers: { cookie: cookie as string },
        body,
      });
      expect(res.status).toBe(415);
      expect((await json(res)).error.message).toMatch(/Content-Type: application\/json/);
    }
    const none = await fetch(url("/trpc/auth.signOut"), {
      method: "POST",
      headers: { cookie: cookie as string },
    });
    expect(none.status).toBe(415);
    expect((await me()).result.data).toMatchObject({ email: ADMIN.email });
  });

  test("a signed-in request from another site is refused with 403; the console's own goes through", async () => {
    const { cookie } = await signIn();
    const signOut = (headers: Record<string, string>) =>
      trpc("auth.signOut", {}, { cookie: cookie as string, ...headers });
    expect((await signOut({ "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await signOut({ "sec-fetch-site": "same-site" })).status).toBe(403);
    expect((await signOut({ origin: "https://evil.example" })).status).toBe(403);
    expect((await signOut({ origin: "null" })).status).toBe(403);
    const me = await fetch(url("/trpc/auth.me"), { headers: { cookie: cookie as string } });
    expect((await json(me)).result.data).toMatchObject({ email: ADMIN.email });
    expect((await signOut({ "sec-fetch-site": "same-origin", origin: env.server.url })).status).toBe(200);
  });

  test("the screenshot upload takes only its image types", async () => {
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const upload = (contentType: string | undefined) =>
      fetch(url("/api/screenshots"), {
        method: "POST",
        headers: { ...bearer, ...(contentType ? { "content-type": contentType } : {}) },
        body: new Uint8Array(png),
      });
    for (const type of ["text/plain", "multipart/form-data; boundary=x", "image/svg+xml", "image/webp"]) {
      expect((await upload(type)).status, type).toBe(415);
    }
    for (const type of ["image/png", "IMAGE/PNG; charset=binary", "application/octet-stream"]) {
      expect((await upload(type)).status, type).toBe(201);
    }
  });
});
