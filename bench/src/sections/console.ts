/**
 * The console as a staff member meets it: how much JavaScript the first page needs (gzip), and how
 * long a cold Chromium takes to show a usable queue.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { browserArgs, findBrowserExecutable } from "@autobolt/worker/browser";
import { chromium } from "playwright-core";
import postgres from "postgres";
import type { BenchSection } from "../section.ts";
import { startAutoboltServers } from "../support/autobolt-servers.ts";
import { buildConsole, signIn } from "../support/console.ts";
import { machineLine } from "../support/machine.ts";
import { freshDatabase } from "../support/pg.ts";
import { ms, summarize } from "../support/stats.ts";
import { markdownTable } from "../support/table.ts";

const env = process.env;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The scripts index.html loads before anything renders: the entry and its preloaded imports. */
function initialScripts(dist: string): { file: string; raw: number; gzip: number }[] {
  const html = readFileSync(path.join(dist, "index.html"), "utf8");
  const refs = [
    ...html.matchAll(/<script[^>]+src="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g),
  ].map((m) => m[1] as string);
  return [...new Set(refs)].map((ref) => {
    const file = path.join(dist, ref);
    const bytes = readFileSync(file);
    // The build's own gzip copy is what the server sends a browser that takes gzip.
    const gzip = existsSync(`${file}.gz`) ? statSync(`${file}.gz`).size : gzipSync(bytes).length;
    return { file: ref, raw: bytes.length, gzip };
  });
}

async function timeToQueue(loads: number, jobs: number) {
  const database = await freshDatabase("console");
  const servers = await startAutoboltServers(database.url, { servers: 1, leaseSeconds: 60 });
  const browser = await chromium.launch({ executablePath: findBrowserExecutable(), args: browserArgs });
  const url = servers.urls[0] as string;
  try {
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    await sql`
      insert into customers (business_name, email, phone, address, city, state, zip)
      select 'Business ' || g, 'owner' || g || '@example.test', '5125550100', '1 Main St', 'Austin', 'TX', '78701'
      from generate_series(1, ${jobs}) as g`;
    await sql`
      insert into jobs (customer_id, package_size, business_name, email, status, created_at)
      select id, 25, business_name, email, (array['pending','in_progress','complete','failed'])[1 + (row_number() over () % 4)], now() - (row_number() over ()) * interval '1 minute'
      from customers`;
    await sql.end();
    const cookie = await signIn(url);
    const cold: number[] = [];
    const warm: number[] = [];
    let transferred = 0;
    for (let i = 0; i < loads; i++) {
      // A new context is a browser with an empty cache: the first visit of the day.
      const context = await browser.newContext();
      await context.addCookies([{ ...cookie, domain: "127.0.0.1", path: "/" }]);
      const page = await context.newPage();
      for (const [visit, into] of [
        ["cold", cold],
        ["warm", warm],
      ] as const) {
        await page.goto(`${url}/`, { waitUntil: "commit" });
        await page.locator("table tbody tr").first().waitFor();
        await page.getByLabel("Search").waitFor();
        into.push(await page.evaluate(() => performance.now()));
        if (visit === "cold" && i === 0) {
          transferred = await page.evaluate(() =>
            performance
              .getEntriesByType("resource")
              .filter((e) => e.name.endsWith(".js"))
              .reduce((sum, e) => sum + (e as unknown as { transferSize: number }).transferSize, 0),
          );
        }
      }
      await context.close();
    }
    return { cold: summarize(cold), warm: summarize(warm), transferred };
  } finally {
    await browser.close();
    await servers.close();
    await database.drop();
  }
}

export const consoleSection: BenchSection = {
  id: "console",
  title: "Console: initial JavaScript and time to a usable queue",
  async run({ large, progress }) {
    progress("console: building…");
    const scripts = initialScripts(buildConsole());
    const gzip = scripts.reduce((a, s) => a + s.gzip, 0);
    const raw = scripts.reduce((a, s) => a + s.raw, 0);
    const loads = Number(env.BENCH_CONSOLE_LOADS ?? 10);
    const jobs = Number(env.BENCH_CONSOLE_JOBS ?? (large ? 100_000 : 1_000));
    progress(`console: ${loads} cold loads of the queue over ${jobs} jobs…`);
    const t = await timeToQueue(loads, jobs);
    return [
      `## ${this.title}`,
      "",
      markdownTable(
        ["figure", "value", "target"],
        [
          [
            `Initial JavaScript (${scripts.length} file${scripts.length === 1 ? "" : "s"})`,
            `${kb(gzip)} gzip (${kb(raw)} raw; ${kb(t.transferred)} over the wire)`,
            "≤ 150 KB gzip",
          ],
          [`Usable queue, cold cache (p50 / p95 of ${loads})`, `${ms(t.cold.p50)} / ${ms(t.cold.p95)}`, ""],
          [`Usable queue, revisit (p50 / p95)`, `${ms(t.warm.p50)} / ${ms(t.warm.p95)}`, ""],
        ],
      ),
      "",
      `"Usable" is the first queue row and the search box on screen, timed from navigation start in Chromium, signed in, ${jobs.toLocaleString("en")} jobs in PostgreSQL; a cold load is a new browser context (empty cache). Machine: ${machineLine()}.`,
    ].join("\n");
  },
};
