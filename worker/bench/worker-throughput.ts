/**
 * pnpm bench:worker — directories per minute for one worker at several concurrencies against the
 * local sandbox, and the worker's peak memory with its browser. Prints figures; never fails on time.
 *
 *   pnpm bench:worker                  # concurrency 1, 2, 4; 3 jobs of every sandbox site each
 *   BENCH_CONCURRENCY=1,2,4,8 BENCH_JOBS=4 pnpm bench:worker
 */
import { execFileSync } from "node:child_process";
import { cpus, totalmem } from "node:os";
import pino from "pino";
import { createServerApi } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { runWorkerLoop } from "../src/worker.ts";
import { API_KEY, customer, startStack } from "../test/support.ts";

const levels = (process.env.BENCH_CONCURRENCY ?? "1,2,4").split(",").map(Number);
const jobsPerLevel = Number(process.env.BENCH_JOBS ?? 3);
const log = pino({ level: "silent" });

/** RSS of this process plus every process below it (the browser and its renderers), in MB. */
function treeRssMb(): number {
  const table = execFileSync("ps", ["-eo", "pid=,ppid=,rss="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number, number]);
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(table.map(([pid, , kb]) => [pid, kb]));
  let total = 0;
  const stack = [process.pid];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return Math.round(total / 1024);
}

const rows: string[] = [];
for (const concurrency of levels) {
  const stack = await startStack({ LOG_LEVEL: "silent" });
  const browser = await launchBrowser({});
  try {
    for (let i = 0; i < jobsPerLevel; i++) {
      await stack.staff.customers.create({
        customer: {
          ...customer,
          businessName: `${customer.businessName} #${i + 1}`,
          email: `owner${i}@bench.test`,
        },
        package: { size: stack.sandbox.sites.length },
      });
    }
    const directories = jobsPerLevel * stack.sandbox.sites.length;
    let peakMb = treeRssMb();
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, treeRssMb());
    }, 250);
    const stop = new AbortController();
    let done = 0;
    const started = performance.now();
    await runWorkerLoop({
      api: createServerApi(stack.server.url, API_KEY),
      browser,
      submit: submitDirectory,
      log,
      workerId: `bench-c${concurrency}`,
      concurrency,
      directoryTimeoutMs: 30_000,
      waitMs: 500,
      stop: stop.signal,
      onJobDone: () => {
        done += 1;
        if (done >= jobsPerLevel) stop.abort();
      },
    });
    clearInterval(sampler);
    const minutes = (performance.now() - started) / 60_000;
    rows.push(
      `| ${concurrency} | ${directories} | ${(minutes * 60).toFixed(1)} s | ${(directories / minutes).toFixed(0)} | ${peakMb} MB |`,
    );
    process.stderr.write(`${rows.at(-1)}\n`);
  } finally {
    await browser.close();
    await stack.close();
  }
}

process.stdout.write(
  [
    `\nWorker throughput on the sandbox (${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; server and sandbox in this process, embedded database)`,
    "| concurrency | directories | time | directories/min | peak RSS (worker + browser + this process) |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n"),
);
