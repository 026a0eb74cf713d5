import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { schema } from "@autobolt/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN, API_KEY, callerAs, customer, seedCatalog, setupServer } from "./support.ts";

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

describe("[SCREENSHOTS]: a result's proof is one the upload issued", () => {
  test("javascript:, other sites and made-up proofs are dropped from their result alone; the batch is recorded", async () => {
    await env.database.truncate({ keepStaff: true });
    await seedCatalog(env.server.services, 6);
    const staff = callerAs(env.server.services, "staff");
    const worker = callerAs(env.server.services, "worker");
    const { job } = await staff.customers.create({ customer, package: { size: 6 } });
    const claimed = await worker.autobolt.jobs.next({ workerId: "w1" });
    if (!claimed.job) throw new Error("expected a job");
    const issued = ((await (await upload(png)).json()) as { url: string }).url;
    const offered = {
      "dir-006": issued,
      "dir-005": "javascript:alert(document.cookie)",
      "dir-004": "https://evil.example/proof.png",
      "dir-003": "/screenshots/00000000-0000-4000-8000-000000000000.png",
      "dir-002": issued.replace(/\.png$/, ".jpg"),
      "dir-001": `${env.server.url}${issued}`,
    };
    const answer = await worker.autobolt.jobs.update({
      jobId: claimed.job.id,
      leaseToken: claimed.job.leaseToken,
      results: Object.entries(offered).map(([directoryId, screenshotUrl]) => ({
        directoryId,
        status: "submitted" as const,
        screenshotUrl,
      })),
    });
    expect(answer).toMatchObject({ applied: 6, ignored: 0 });
    expect(answer.screenshotsRefused.map((r) => r.directoryId).sort()).toEqual([
      "dir-001",
      "dir-002",
      "dir-003",
      "dir-004",
      "dir-005",
    ]);
    expect(answer.screenshotsRefused[0]?.message).toMatch(/kept without it/);
    const rows = await env.database.db
      .select({
        directoryId: schema.jobResults.directoryId,
        status: schema.jobResults.status,
        url: schema.jobResults.screenshotUrl,
      })
      .from(schema.jobResults)
      .where(eq(schema.jobResults.jobId, job.id));
    expect(rows.every((r) => r.status === "submitted")).toBe(true);
    expect(Object.fromEntries(rows.map((r) => [r.directoryId, r.url]))).toEqual({
      "dir-006": issued,
      "dir-005": null,
      "dir-004": null,
      "dir-003": null,
      "dir-002": null,
      "dir-001": null,
    });
  });

  test("the CSV report survives any stored value: old unchecked proof addresses, a forged Host", async () => {
    await env.database.truncate({ keepStaff: true });
    await seedCatalog(env.server.services, 3);
    const staff = callerAs(env.server.services, "staff");
    const { job } = await staff.customers.create({ customer, package: { size: 3 } });
    // Values written before the check existed, straight into the table.
    for (const [directoryId, screenshotUrl] of [
      ["dir-003", "http://[::1"],
      ["dir-002", "javascript:alert(1)"],
      ["dir-001", "//evil.example/%zz"],
    ] as const) {
      await env.database.db
        .update(schema.jobResults)
        .set({ status: "submitted", screenshotUrl, submittedAt: new Date() })
        .where(eq(schema.jobResults.directoryId, directoryId));
    }
    const cookie = await staffCookie();
    for (const host of [undefined, "bad host[", "%zz"]) {
      const res = await fetch(`${env.server.url}/reports/jobs/${job.id}.csv`, {
        headers: { cookie, ...(host ? { host } : {}) },
      });
      expect(res.status).toBe(200);
      const csv = await res.text();
      expect(csv.trim().split("\n")).toHaveLength(4);
      expect(csv).not.toContain("javascript:");
      expect(csv).not.toContain("evil.example");
    }
  });
});
