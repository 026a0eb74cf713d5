/**
 * pnpm bench:worker — directories per minute and peak memory of one worker process at several
 * concurrencies against the local sandbox. Prints Markdown; never fails on time.
 *
 *   pnpm bench:worker                                # concurrency 1, 2, 4, 8; 4 jobs of every site each
 *   BENCH_CONCURRENCY=2,4 BENCH_JOBS=10 pnpm bench:worker
 */
import { cpus, totalmem } from "node:os";
import { measureWorkerThroughput, throughputMarkdown } from "./throughput.ts";

const report = await measureWorkerThroughput({
  concurrencies: (process.env.BENCH_CONCURRENCY ?? "1,2,4,8").split(",").map(Number),
  jobs: Number(process.env.BENCH_JOBS ?? 4),
  progress: (line) => process.stderr.write(`${line}\n`),
});
const cpu = cpus();
process.stdout.write(
  `\n## Worker throughput on the sandbox\n\n${throughputMarkdown(report)}\n\n` +
    `Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? "CPU"}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}\n`,
);
