import { fillerMarkdown, measureFiller } from "@autobolt/worker/bench/filler";
import type { BenchSection } from "../section.ts";
import { machineLine } from "../support/machine.ts";

const title = "Form filler on the practice sites";

/** Correct outcomes, false successes, exact fields and time per directory, then again with what was learned. */
export const fillerSection: BenchSection = {
  id: "filler",
  title,
  async run({ progress }) {
    const report = await measureFiller({
      concurrency: Number(process.env.BENCH_FILLER_CONCURRENCY ?? 2),
      progress,
      ...(process.env.BENCH_FILLER_SITES ? { only: process.env.BENCH_FILLER_SITES.split(",") } : {}),
    });
    return [`## ${title}`, "", fillerMarkdown(report), "", `Machine: ${machineLine()}`].join("\n");
  },
};
