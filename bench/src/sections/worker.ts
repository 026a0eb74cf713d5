import { measureWorkerThroughput, throughputMarkdown } from "@autobolt/worker/bench";
import type { BenchSection } from "../section.ts";
import { machineLine } from "../support/machine.ts";

const title = "Worker throughput on the sandbox";

/** Directories per minute and memory of one worker process, to size worker machines. */
export const workerSection: BenchSection = {
  id: "worker",
  title,
  async run({ large, progress }) {
    const report = await measureWorkerThroughput({
      concurrencies: (process.env.BENCH_CONCURRENCY ?? "1,2,4,8").split(",").map(Number),
      jobs: Number(process.env.BENCH_JOBS ?? (large ? 12 : 4)),
      progress,
    });
    return [`## ${title}`, "", throughputMarkdown(report), "", `Machine: ${machineLine()}`].join("\n");
  },
};
