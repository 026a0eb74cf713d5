/**
 * Result ingestion: how many per-directory results a server takes per second through
 * autobolt.jobs.update, from 8 worker processes reporting in batches, on the real PostgreSQL.
 */
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import type { FromReporter, ToReporter } from "../ingestion/protocol.ts";
import type { BenchSection } from "../section.ts";
import { startAutoboltServers } from "../support/autobolt-servers.ts";
import { machineLine } from "../support/machine.ts";
import { freshDatabase } from "../support/pg.ts";
import { startChild } from "../support/processes.ts";
import { markdownTable } from "../support/table.ts";

const reporterModule = fileURLToPath(new URL("../ingestion/reporter.ts", import.meta.url));
const env = process.env;

async function measure(options: { workers: number; jobs: number; perJob: number; batchSize: number }) {
  const database = await freshDatabase("ingestion");
  try {
    const servers = await startAutoboltServers(database.url, { servers: 1, leaseSeconds: 60 });
    const sql = postgres(database.url, { max: 1, onnotice: () => {} });
    try {
      // A catalog as large as a job, and every job planned over all of it, as customers.create does.
      await sql`
        insert into directories (id, name, url, submission_url, domain_authority)
        select 'dir-' || g, 'Directory ' || g, 'https://d' || g || '.example.test', 'https://d' || g || '.example.test/add', g % 100
        from generate_series(1, ${options.perJob}) as g`;
      const [customer] = await sql<{ id: string }[]>`
        insert into customers (business_name, email, phone, address, city, state, zip)
        values ('Bench Bakery', 'owner@bench.test', '5125550100', '1 Main St', 'Austin', 'TX', '78701') returning id`;
      await sql`
        insert into jobs (customer_id, package_size, business_name, email)
        select ${customer?.id as string}, ${options.perJob}, 'Bench Bakery ' || g, 'owner@bench.test'
        from generate_series(1, ${options.jobs}) as g`;
      await sql`
        insert into job_results (job_id, directory_id, directory_name)
        select j.id, d.id, d.name from jobs j cross join directories d`;
      await sql`analyze`;
      const children = Array.from({ length: options.workers }, (_, i) => {
        const child = startChild<ToReporter, FromReporter>(reporterModule);
        child.send({
          type: "start",
          config: {
            serverUrl: servers.urls[0] as string,
            apiKey: servers.apiKey,
            workerId: `reporter-${i}`,
            batchSize: options.batchSize,
          },
        });
        return child;
      });
      await Promise.all(children.map((c) => c.next((m) => m.type === "ready")));
      for (const child of children) child.send({ type: "go" });
      const done = await Promise.all(
        children.map((c) =>
          c.next((m): m is Extract<FromReporter, { type: "done" }> => m.type === "done", 600_000),
        ),
      );
      await Promise.all(children.map((c) => c.exit(5_000)));
      const reported = done.reduce((a, d) => a + d.reported, 0);
      const calls = done.reduce((a, d) => a + d.calls, 0);
      const seconds =
        (Math.max(...done.map((d) => d.lastAt)) - Math.min(...done.map((d) => d.firstAt))) / 1000;
      const [stored] = await sql<
        { n: number }[]
      >`select count(*)::int as n from job_results where status <> 'pending'`;
      return {
        reported,
        stored: stored?.n ?? 0,
        expected: options.jobs * options.perJob,
        calls,
        seconds,
        errors: done.flatMap((d) => d.errors),
      };
    } finally {
      await sql.end();
      await servers.close();
    }
  } finally {
    await database.drop();
  }
}

export const ingestionSection: BenchSection = {
  id: "ingestion",
  title: "Result ingestion through autobolt.jobs.update",
  async run({ large, progress }) {
    const workers = Number(env.BENCH_INGEST_WORKERS ?? 8);
    const perJob = Number(env.BENCH_INGEST_PER_JOB ?? 500);
    const jobs = Number(env.BENCH_INGEST_JOBS ?? (large ? 160 : 40));
    const batchSizes = (env.BENCH_INGEST_BATCHES ?? "10,100").split(",").map(Number);
    const rows: string[][] = [];
    for (const batchSize of batchSizes) {
      progress(`ingestion: ${workers} workers, batches of ${batchSize}…`);
      const r = await measure({ workers, jobs, perJob, batchSize });
      const perSecond = r.reported / r.seconds;
      const intact = r.reported === r.expected && r.stored === r.expected && r.errors.length === 0;
      progress(
        `ingestion: batches of ${batchSize}: ${Math.round(perSecond)} results/s${intact ? "" : " (INCOMPLETE)"}`,
      );
      rows.push([
        String(batchSize),
        r.expected.toLocaleString("en"),
        `${r.seconds.toFixed(1)} s`,
        intact
          ? `${Math.round(perSecond).toLocaleString("en")}`
          : `INCOMPLETE: ${r.stored} of ${r.expected} stored; ${r.errors[0] ?? ""}`,
        `${Math.round(r.calls / r.seconds)}`,
      ]);
    }
    return [
      `## ${this.title}`,
      "",
      `${workers} worker processes, each claiming jobs of ${perJob} directories and reporting every result (1 in 10 a failure with its reason, the rest with a screenshot URL and metadata) through the tRPC client to one server process; fresh PostgreSQL database, durable commits.`,
      "",
      markdownTable(["results per call", "results", "time", "results/s", "calls/s"], rows),
      "",
      `Machine: ${machineLine()}.`,
    ].join("\n");
  },
};
