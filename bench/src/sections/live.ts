/**
 * Live updates: a result reported by a worker (REST, as any worker may) until an open console
 * shows it — PostgreSQL NOTIFY → the server's SSE stream → the page refetches and renders.
 */
import { browserArgs, findBrowserExecutable } from "@autobolt/worker/browser";
import { chromium } from "playwright-core";
import type { BenchSection } from "../section.ts";
import { startAutoboltServers } from "../support/autobolt-servers.ts";
import { buildConsole, signIn, staffClient } from "../support/console.ts";
import { machineLine } from "../support/machine.ts";
import { freshDatabase } from "../support/pg.ts";
import { ms, summarize } from "../support/stats.ts";
import { markdownTable } from "../support/table.ts";

const env = process.env;

async function measure(databaseUrl: string | undefined, samples: number) {
  const servers = await startAutoboltServers(databaseUrl, { servers: 1, leaseSeconds: 60 });
  const url = servers.urls[0] as string;
  const browser = await chromium.launch({ executablePath: findBrowserExecutable(), args: browserArgs });
  try {
    const cookie = await signIn(url);
    const staff = staffClient(url, cookie);
    const csv = [
      "id,name,url,submission_url,category,domain_authority",
      ...Array.from(
        { length: samples },
        (_, i) => `live-${i},Live ${i},https://example.test,https://example.test/add,general,${samples - i}`,
      ),
    ].join("\n");
    await staff.directories.importCsv.mutate({ csv, mode: "all-or-nothing" });
    const { job } = await staff.customers.create.mutate({
      customer: {
        businessName: "Latency Probe LLC",
        email: "probe@example.test",
        phone: "5125550100",
        address: "1 Main St",
        city: "Austin",
        state: "TX",
        zip: "78701",
      },
      package: { size: samples },
    });
    const auth = { authorization: `Bearer ${servers.apiKey}`, "content-type": "application/json" };
    const claimed = (await (await fetch(`${url}/api/autobolt/jobs/next`, { headers: auth })).json()) as {
      job: { leaseToken: string };
      directories: { id: string }[];
    };
    const context = await browser.newContext();
    await context.addCookies([{ ...cookie, domain: "127.0.0.1", path: "/" }]);
    const page = await context.newPage();
    await page.goto(`${url}/jobs/${job.id}`);
    await page.getByText("0 submitted").first().waitFor();
    await page.getByText("Live", { exact: true }).waitFor();
    const latencies: number[] = [];
    for (const [i, directory] of claimed.directories.entries()) {
      // Reports arrive at a worker's pace, not back to back.
      await page.waitForTimeout(150);
      const sent = performance.now();
      const res = await fetch(`${url}/api/autobolt/jobs/update`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({
          jobId: job.id,
          leaseToken: claimed.job.leaseToken,
          results: [{ directoryId: directory.id, status: "submitted" }],
        }),
      });
      if (!res.ok) throw new Error(`report refused: ${res.status} ${await res.text()}`);
      await page
        .getByText(`${i + 1} submitted`)
        .first()
        .waitFor({ timeout: 10_000 });
      latencies.push(performance.now() - sent);
    }
    return summarize(latencies);
  } finally {
    await browser.close();
    await servers.close();
  }
}

export const liveSection: BenchSection = {
  id: "live",
  title: "Live updates: a worker's report until an open console shows it",
  async run({ large, progress }) {
    const samples = Number(env.BENCH_LIVE_SAMPLES ?? (large ? 200 : 60));
    buildConsole();
    const rows: string[][] = [];
    progress("live: embedded database…");
    const embedded = await measure(undefined, samples);
    rows.push(["embedded (PGlite)", ms(embedded.p50), ms(embedded.p95), ms(embedded.max)]);
    progress("live: PostgreSQL…");
    const database = await freshDatabase("live");
    try {
      const pg = await measure(database.url, samples);
      rows.push(["PostgreSQL", ms(pg.p50), ms(pg.p95), ms(pg.max)]);
    } finally {
      await database.drop();
    }
    return [
      `## ${this.title}`,
      "",
      `${samples} results reported one at a time over REST while a real Chromium shows the job's page; timed from the report until the page shows the new count (PostgreSQL NOTIFY → server-sent events → refetch → render). Target p95 ≤ 500 ms.`,
      "",
      markdownTable(["database", "p50", "p95", "max"], rows),
      "",
      `Machine: ${machineLine()}.`,
    ].join("\n");
  },
};
