import { citationsMarkdown, measureCitations } from "@autobolt/worker/bench/citations";
import type { BenchSection } from "../section.ts";
import { machineLine } from "../support/machine.ts";

const title = "Citations that end well, on the whole sandbox";

/** One customer on every practice site, followed past "submitted": email, accounts, live listings. */
export const citationsSection: BenchSection = {
  id: "citations",
  title,
  async run({ progress }) {
    const report = await measureCitations({
      concurrency: Number(process.env.BENCH_CITATIONS_CONCURRENCY ?? 2),
      progress,
    });
    return [`## ${title}`, "", citationsMarkdown(report), "", `Machine: ${machineLine()}`].join("\n");
  },
};
