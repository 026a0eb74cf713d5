/**
 * pnpm bench — every benchmark of issue 5, one after another, printed as Markdown and kept in
 * bench/results/. Figures only: nothing here fails on time.
 *
 *   pnpm bench                      # every section at its default (minutes) size
 *   pnpm bench --large              # the full sizes
 *   pnpm bench --only=queues,staff  # some sections
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BenchSection } from "./section.ts";
import { citationsSection } from "./sections/citations.ts";
import { consoleSection } from "./sections/console.ts";
import { fillerSection } from "./sections/filler.ts";
import { ingestionSection } from "./sections/ingestion.ts";
import { liveSection } from "./sections/live.ts";
import { queuesSection } from "./sections/queues.ts";
import { staffQueueSection } from "./sections/staff-queue.ts";
import { workerSection } from "./sections/worker.ts";

const sections: BenchSection[] = [
  queuesSection,
  ingestionSection,
  staffQueueSection,
  liveSection,
  workerSection,
  fillerSection,
  citationsSection,
  consoleSection,
];

const args = process.argv.slice(2);
const large = args.includes("--large");
const only = args
  .find((a) => a.startsWith("--only="))
  ?.slice("--only=".length)
  .split(",");
const chosen = only ? sections.filter((s) => only.includes(s.id)) : sections;
if (only && chosen.length !== only.length) {
  process.stderr.write(`Unknown section in --only; choose from: ${sections.map((s) => s.id).join(", ")}\n`);
  process.exit(2);
}

const parts: string[] = [
  `# AutoBolt benchmarks (${new Date().toISOString()}${large ? ", large sizes" : ""})`,
];
const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const file = `${resultsDir}${new Date().toISOString().replace(/[:.]/g, "-")}.md`;
for (const section of chosen) {
  process.stderr.write(`\n== ${section.title}\n`);
  const started = performance.now();
  const markdown = await section.run({ large, progress: (line) => process.stderr.write(`  ${line}\n`) });
  parts.push(markdown);
  process.stdout.write(`\n${markdown}\n`);
  process.stderr.write(`   (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  // Kept after every section, so a run that fails late still leaves what it measured.
  writeFileSync(file, `${parts.join("\n\n")}\n`);
}
process.stderr.write(`\nSaved to ${file}\n`);
