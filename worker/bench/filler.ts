import type { CustomerFields, LearnedMapping } from "@autobolt/contract";
import { judgeRun, type ReceivedSubmission, type SandboxSite, startSandbox } from "@autobolt/sandbox";
import { launchBrowser } from "../src/browser.ts";
import { type SubmissionOutcome, submitDirectory } from "../src/submit/index.ts";

/**
 * How well the form filler does on every practice site: the right outcome, never a false
 * "submitted", every field the site asks for arriving exactly, and how long a directory takes.
 * Twice: discovering each form, then following what the first pass learned.
 */

const customer: CustomerFields = {
  businessName: "Bluebird Plumbing & Heating LLC",
  email: "owner@bluebird-plumbing.test",
  phone: "(512) 555-0142",
  website: "https://bluebird-plumbing.test",
  address: "1200 Barton Springs Rd",
  city: "Austin",
  state: "Texas",
  zip: "78704",
  description: "Family-run plumbing and heating since 1998. Licensed, insured, open 24/7.",
  category: "Plumbing",
};

export interface SiteRun {
  site: SandboxSite;
  outcome: SubmissionOutcome;
  seconds: number;
  correct: boolean;
  falseSubmitted: boolean;
  exactFields: number;
  expectedFields: number;
  /** What was wrong, for the table: an outcome, a field, a post. */
  problem: string;
}

export interface FillerPass {
  runs: SiteRun[];
  correct: number;
  falseSubmitted: number;
  exactFields: number;
  expectedFields: number;
  medianSeconds: number;
  p95Seconds: number;
}

export interface FillerReport {
  discovery: FillerPass;
  learned: FillerPass;
  /** Sites whose first pass left a learned mapping for the second. */
  learnedSites: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

function summarize(runs: SiteRun[]): FillerPass {
  const seconds = runs.map((r) => r.seconds).sort((a, b) => a - b);
  return {
    runs,
    correct: runs.filter((r) => r.correct).length,
    falseSubmitted: runs.filter((r) => r.falseSubmitted).length,
    exactFields: runs.reduce((n, r) => n + r.exactFields, 0),
    expectedFields: runs.reduce((n, r) => n + r.expectedFields, 0),
    medianSeconds: quantile(seconds, 0.5),
    p95Seconds: quantile(seconds, 0.95),
  };
}

/** Judges one site's run with the sandbox's own judge, keeping what the tables show. */
export function judge(
  site: SandboxSite,
  outcome: SubmissionOutcome,
  posts: readonly ReceivedSubmission[],
  who: CustomerFields,
  seconds: number,
): SiteRun {
  return { site, outcome, seconds, ...judgeRun(site, outcome, posts, who) };
}

export async function measureFiller(options: {
  concurrency?: number;
  progress?: (line: string) => void;
  only?: readonly string[];
}): Promise<FillerReport> {
  const sandbox = await startSandbox({ port: 0 });
  const browser = await launchBrowser({});
  const sites = sandbox.sites.filter((s) => !options.only || options.only.includes(s.slug));
  const learned = new Map<string, LearnedMapping>();
  try {
    const pass = async (useLearned: boolean): Promise<SiteRun[]> => {
      sandbox.reset();
      const queue = [...sites];
      const runs: SiteRun[] = [];
      await Promise.all(
        Array.from({ length: options.concurrency ?? 2 }, async () => {
          for (let site = queue.shift(); site; site = queue.shift()) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
            const started = performance.now();
            try {
              const outcome = await submitDirectory({
                context,
                directory: {
                  id: site.slug,
                  name: site.name,
                  submissionUrl: site.submissionUrl,
                  recipe: site.recipe,
                  learned: useLearned ? (learned.get(site.slug) ?? null) : null,
                },
                customer,
                timeoutMs: 45_000,
              });
              const seconds = (performance.now() - started) / 1000;
              if (!useLearned && outcome.learned) learned.set(site.slug, outcome.learned);
              const run = judge(site, outcome, sandbox.received(site.slug), customer, seconds);
              runs.push(run);
              options.progress?.(
                `${useLearned ? "learned" : "discovery"} ${site.slug}: ${run.correct ? "ok" : run.problem} (${seconds.toFixed(1)} s)`,
              );
            } finally {
              await context.close().catch(() => {});
            }
          }
        }),
      );
      return runs.sort((a, b) => sites.indexOf(a.site) - sites.indexOf(b.site));
    };
    const discovery = summarize(await pass(false));
    const learnedSites = learned.size;
    const second = summarize(await pass(true));
    return { discovery, learned: second, learnedSites };
  } finally {
    await browser.close();
    await sandbox.close();
  }
}

const pct = (n: number, of: number) => (of === 0 ? "–" : `${((n / of) * 100).toFixed(1)}%`);

export function fillerMarkdown(report: FillerReport): string {
  const row = (name: string, p: FillerPass) =>
    `| ${name} | ${p.correct} / ${p.runs.length} (${pct(p.correct, p.runs.length)}) | ${p.falseSubmitted} | ${p.exactFields} / ${p.expectedFields} (${pct(p.exactFields, p.expectedFields)}) | ${p.medianSeconds.toFixed(1)} s | ${p.p95Seconds.toFixed(1)} s |`;
  const lines = [
    '| pass | correct outcomes | false "submitted" | fields received exactly | median per directory | p95 per directory |',
    "|---|---|---|---|---|---|",
    row("discovery", report.discovery),
    row(`learned mappings (${report.learnedSites} sites)`, report.learned),
    "",
    "| site | language | patterns | expected | discovery | s | learned | s |",
    "|---|---|---|---|---|---|---|---|",
  ];
  for (const [i, run] of report.discovery.runs.entries()) {
    const again = report.learned.runs[i];
    const said = (r: SiteRun | undefined) =>
      !r ? "–" : r.correct ? "ok" : r.problem.replace(/\|/g, "\\|").replace(/\s+/g, " ");
    const expected = `${run.site.expected.status}${run.site.expected.reason ? ` (${run.site.expected.reason})` : ""}`;
    lines.push(
      `| ${run.site.slug} | ${run.site.language} | ${run.site.patterns.join(", ")} | ${expected} | ${said(run)} | ${run.seconds.toFixed(1)} | ${said(again)} | ${again?.seconds.toFixed(1) ?? "–"} |`,
    );
  }
  return lines.join("\n");
}
