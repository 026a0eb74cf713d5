/**
 * pnpm --filter @autobolt/e2e bench:live — how long a result reported by a worker takes to show in
 * an open console (tRPC SSE fed by PostgreSQL NOTIFY), p50/p95 over N reports. Prints figures only.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { upsertDirectories } from "@autobolt/db";
import { createTestDatabase } from "@autobolt/db/testing";
import { loadConfig, startServer } from "@autobolt/server";
import { browserArgs, findBrowserExecutable } from "@autobolt/worker/browser";
import { chromium } from "@playwright/test";
import { ADMIN, API_KEY, signInCookie, trpcCall } from "../support/api.ts";

const samples = Number(process.env.BENCH_SAMPLES ?? 30);
const dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-live-"));
const database = await createTestDatabase();
const server = await startServer(
  loadConfig({
    PORT: "0",
    AUTOBOLT_DATA_DIR: dataDir,
    AUTOBOLT_API_KEY: API_KEY,
    AUTOBOLT_ADMIN_EMAIL: ADMIN.email,
    AUTOBOLT_ADMIN_PASSWORD: ADMIN.password,
    AUTOBOLT_CONSOLE_DIR: fileURLToPath(new URL("../../client/dist", import.meta.url)),
    LOG_LEVEL: "warn",
  }),
  { database },
);
await upsertDirectories(
  database.db,
  Array.from({ length: samples }, (_, i) => ({
    id: `live-${i}`,
    name: `Live ${i}`,
    url: "https://example.test",
    submissionUrl: "https://example.test/add",
    category: "general",
    domainAuthority: samples - i,
    requiresLogin: false,
    requiresCaptcha: false,
    requiresEmailVerification: false,
    requiresPhoneVerification: false,
    active: true,
    recipe: null,
    notes: "",
  })),
);
const cookie = await signInCookie(server.url);
const customer = {
  businessName: "Latency Probe LLC",
  email: "probe@example.test",
  phone: "5125550100",
  address: "1 Main St",
  city: "Austin",
  state: "TX",
  zip: "78701",
};
const { job } = (await trpcCall(
  server.url,
  "customers.create",
  { customer, package: { size: samples } },
  cookie,
)) as {
  job: { id: string };
};
const auth = { authorization: `Bearer ${API_KEY}`, "content-type": "application/json" };
const claimed = (await (await fetch(`${server.url}/api/autobolt/jobs/next`, { headers: auth })).json()) as {
  job: { leaseToken: string };
  directories: { id: string }[];
};

const browser = await chromium.launch({ executablePath: findBrowserExecutable(), args: browserArgs });
const context = await browser.newContext();
const [name, value] = cookie.split("=") as [string, string];
await context.addCookies([{ name, value, domain: "127.0.0.1", path: "/" }]);
const page = await context.newPage();
await page.goto(`${server.url}/jobs/${job.id}`);
await page.getByText(`0 submitted`).first().waitFor();
await page.waitForTimeout(1000);

const latencies: number[] = [];
for (const [i, directory] of claimed.directories.entries()) {
  const sent = performance.now();
  await fetch(`${server.url}/api/autobolt/jobs/update`, {
    method: "POST",
    headers: auth,
    body: JSON.stringify({
      jobId: job.id,
      leaseToken: claimed.job.leaseToken,
      results: [{ directoryId: directory.id, status: "submitted" }],
    }),
  });
  await page
    .getByText(`${i + 1} submitted`)
    .first()
    .waitFor({ timeout: 10_000 });
  latencies.push(performance.now() - sent);
  await page.waitForTimeout(100);
}
latencies.sort((a, b) => a - b);
const at = (q: number) =>
  Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0);
process.stdout.write(
  `Live update latency (report sent → visible in an open console), ${latencies.length} reports, ${server.services.database.kind} database: p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${Math.round(latencies.at(-1) ?? 0)} ms\n`,
);
await browser.close();
await server.close();
await database.close();
rmSync(dataDir, { recursive: true, force: true });
