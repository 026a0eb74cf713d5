import { loadavg } from "node:os";
import { createDb } from "@autobolt/db";
import type { BenchSection } from "../section.ts";
import { measureQueue, plansMarkdown, resultsTable } from "../staff-queue/measure.ts";
import { defaultSize, largeSize, seedStaffQueue } from "../staff-queue/seed.ts";
import { machineLine } from "../support/machine.ts";
import { durabilitySettings, freshDatabase } from "../support/pg.ts";

const TARGET_P95_MS = 50;
const RUNS = 50;
const WARMUP = 5;

const count = (n: number) => n.toLocaleString("en-US");
const seconds = (millis: number) => `${(millis / 1000).toFixed(1)} s`;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(" / ");

/**
 * The staff queue (`jobs.list`, the seed's /api/staff/queue) on a realistic queue in a fresh
 * PostgreSQL database: server time per view staff use, and the plans behind each.
 */
export const staffQueueSection: BenchSection = {
  id: "staff",
  title: "Staff queue: jobs.list server time",
  async run({ large, progress }) {
    const size = large ? largeSize : defaultSize;
    const database = await freshDatabase("staff_queue");
    try {
      progress(`migrating ${database.name}`);
      const migrated = await createDb({ url: database.url });
      await migrated.close();
      progress(`seeding ${count(size.jobs)} jobs`);
      const seed = await seedStaffQueue(database.url, size, progress);
      const settings = await durabilitySettings(database.url);
      const loadBefore = load();
      progress(`measuring ${RUNS} calls per case`);
      const { results, plans } = await measureQueue(database.url, { runs: RUNS, warmup: WARMUP, progress });
      const missed = results.filter((r) => r.p95 > TARGET_P95_MS).map((r) => r.name);
      return [
        `## Staff queue: \`jobs.list\` server time (${count(seed.jobs)} jobs, ${count(seed.results)} results)`,
        "",
        `${count(seed.customers)} customers, ${count(size.directories)} directories, ${count(seed.jobs)} jobs ` +
          `over a year (the newest still pending or in progress; most complete, some failed or cancelled), ` +
          `${count(seed.results)} job_results (packages of 25/75/150/500). ` +
          `Seeded in ${seconds(seed.millis)}: ${seed.phases.map((p) => `${p.name} ${seconds(p.millis)}`).join(", ")}.`,
        "",
        `Each case calls \`listQueue\` (what the procedure runs, without HTTP) through the server's own ` +
          `database client: ${WARMUP} warm-up rounds, then ${RUNS} timed rounds taking the cases in turn. A call runs the page and the status ` +
          `counts one after the other in one read-only transaction, each planned for its values. ` +
          `Target: p95 ≤ ${TARGET_P95_MS} ms` +
          (missed.length === 0 ? ", met by every case." : `; over it: ${missed.join(", ")}.`),
        "",
        resultsTable(results),
        "",
        `Machine: ${machineLine()}. Load average (1/5/15 min) before measuring ${loadBefore}, after ${load()}` +
          ` (other benchmarks share this machine). PostgreSQL: ${settings}.`,
        "",
        "### Plans (EXPLAIN ANALYZE, BUFFERS) of every statement each case runs",
        "",
        plansMarkdown(plans),
      ].join("\n");
    } finally {
      await database.drop();
    }
  },
};
