import { pathToFileURL } from "node:url";
import { type QueueInput, queueInput } from "@autobolt/contract";
import { createDb, listQueue, queueCounts, queuePlannerSettings, queueStatements } from "@autobolt/db";
import postgres from "postgres";
import { ms, summarize } from "../support/stats.ts";
import { markdownTable } from "../support/table.ts";

export interface QueueCase {
  name: string;
  /** What the console sends; absent for the status tabs counted on their own. */
  input?: QueueInput;
}

export interface CaseResult {
  name: string;
  input: string;
  /** Rows the case matches (the queue's `total`), so a reader sees how selective it is. */
  matched: number;
  p50: number;
  p95: number;
  max: number;
  runs: number;
}

export interface CasePlan {
  name: string;
  statements: { label: string; sql: string; params: unknown[]; plan: string }[];
}

/**
 * What staff do with the queue: the first page, a status tab and a later page of it, a search by
 * part of a business name and by an email, every sort the console offers, and the tab counts
 * alone. Search terms are taken from the data so they match what the seed wrote.
 */
export async function queueCases(url: string): Promise<QueueCase[]> {
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const [sample] = await sql<{ email: string; business_name: string }[]>`
      select email, business_name from jobs order by created_at offset (select count(*) / 2 from jobs) limit 1`;
    if (!sample) throw new Error("the queue is empty: seed it first");
    const at = sample.email.indexOf("@");
    const emailPart = sample.email.slice(0, at + 1);
    const emailDomain = sample.email.slice(at, sample.email.indexOf(".", at));
    const prefix = sample.business_name.split(" ")[0] ?? sample.business_name;
    return [
      { name: "First page (newest first)", input: {} },
      { name: "Status tab: in progress, page 3", input: { status: ["in_progress"], offset: 50 } },
      { name: "Status tab: failed, page 5", input: { status: ["failed"], offset: 100 } },
      { name: "Status tab: complete, page 40", input: { status: ["complete"], offset: 975 } },
      { name: "Search: part of a business name", input: { search: prefix.toLowerCase() } },
      {
        name: "Search: business name, failed tab",
        input: { search: prefix.toLowerCase(), status: ["failed"] },
      },
      { name: "Search: part of an email", input: { search: emailPart } },
      { name: "Search: no match", input: { search: "zzqx" } },
      // Beyond what trigrams make cheap: a term matching a fifth of all jobs, and one too short to
      // have a trigram at all. Both are counted row by row.
      { name: "Search: a common email domain", input: { search: emailDomain } },
      { name: "Search: two letters", input: { search: prefix.slice(0, 2).toLowerCase() } },
      { name: "Sort: oldest first", input: { direction: "asc" } },
      { name: "Sort: recently updated", input: { sort: "updatedAt" } },
      { name: "Sort: most urgent first", input: { sort: "priorityLevel", direction: "asc" } },
      { name: "Sort: business name A–Z", input: { sort: "businessName", direction: "asc" } },
      { name: "Sort: status", input: { sort: "status", direction: "asc" } },
      { name: "Status tab counts alone" },
    ];
  } finally {
    await sql.end();
  }
}

/**
 * Server time of `listQueue` (the `jobs.list` staff procedure without HTTP) on a seeded database,
 * through the same createDb() client the server uses, and the EXPLAIN (ANALYZE, BUFFERS) of every
 * statement each case runs.
 */
export async function measureQueue(
  url: string,
  options: { runs: number; warmup: number; progress(line: string): void },
): Promise<{ results: CaseResult[]; plans: CasePlan[] }> {
  const cases = await queueCases(url);
  const database = await createDb({ url, migrate: false });
  // The plans shown are the ones listQueue gets: the same planner settings, for this session.
  const explainer = postgres(url, { max: 1, onnotice: () => {}, connection: queuePlannerSettings });
  const results: CaseResult[] = [];
  const plans: CasePlan[] = [];
  try {
    const runs = cases.map((queueCase) => {
      const params = queueCase.input ? queueInput.parse(queueCase.input) : undefined;
      return params
        ? async () => (await listQueue(database.db, params)).total
        : async () => Object.values(await queueCounts(database.db)).reduce((a, b) => a + b, 0);
    });
    // Warm-up: caches, connections and prepared statements, as on a server that has been up.
    const matched: number[] = [];
    for (let round = 0; round < options.warmup; round++) {
      for (const [i, run] of runs.entries()) matched[i] = await run();
    }
    // Round-robin, so a burst of other work on the machine falls on every case alike rather than
    // on whichever case happened to be running.
    const samples: number[][] = cases.map(() => []);
    for (let round = 0; round < options.runs; round++) {
      for (const [i, run] of runs.entries()) {
        const t0 = performance.now();
        await run();
        samples[i]?.push(performance.now() - t0);
      }
      if ((round + 1) % 10 === 0) options.progress(`  ${round + 1} of ${options.runs} rounds`);
    }
    for (const [i, queueCase] of cases.entries()) {
      const stats = summarize(samples[i] ?? []);
      results.push({
        name: queueCase.name,
        input: queueCase.input ? `\`${JSON.stringify(queueCase.input)}\`` : "counts only",
        matched: matched[i] ?? 0,
        p50: stats.p50,
        p95: stats.p95,
        max: stats.max,
        runs: stats.n,
      });
      options.progress(`  ${queueCase.name}: p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)}`);

      const params = queueCase.input ? queueInput.parse(queueCase.input) : undefined;
      const statements = queueStatements(database.db, params ?? queueInput.parse({}));
      const explained: CasePlan["statements"] = [];
      for (const [label, statement] of Object.entries(statements)) {
        if (!params && label !== "counts") continue;
        const query = statement.toSQL();
        const rows = await explainer.unsafe<{ "QUERY PLAN": string }[]>(
          `explain (analyze, buffers) ${query.sql}`,
          query.params as never[],
        );
        explained.push({ label, ...query, plan: rows.map((r) => r["QUERY PLAN"]).join("\n") });
      }
      plans.push({ name: queueCase.name, statements: explained });
    }
  } finally {
    await explainer.end();
    await database.close();
  }
  return { results, plans };
}

export function resultsTable(results: readonly CaseResult[]): string {
  return markdownTable(
    ["case", "input", "matching jobs", "p50", "p95", "max", "runs"],
    results.map((r) => [
      r.name,
      r.input,
      r.matched.toLocaleString("en-US"),
      ms(r.p50),
      ms(r.p95),
      ms(r.max),
      String(r.runs),
    ]),
  );
}

export function plansMarkdown(plans: readonly CasePlan[]): string {
  return plans
    .map((p) =>
      [
        `<details><summary>${p.name}</summary>\n`,
        ...p.statements.map(
          (s) =>
            `${s.label} (parameters ${JSON.stringify(s.params)}):\n\n\`\`\`sql\n${s.sql}\n\`\`\`\n\n\`\`\`\n${s.plan}\n\`\`\`\n`,
        ),
        "</details>",
      ].join("\n"),
    )
    .join("\n\n");
}

/** `tsx bench/src/staff-queue/measure.ts <database url>`: measures an already seeded database. */
async function main() {
  const url = process.argv[2];
  if (!url) throw new Error("usage: measure.ts postgres://…/database");
  const { results, plans } = await measureQueue(url, {
    runs: 50,
    warmup: 5,
    progress: (line) => console.log(line),
  });
  console.log(`\n${resultsTable(results)}\n\n${plansMarkdown(plans)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
