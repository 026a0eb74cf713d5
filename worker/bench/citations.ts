import { upsertDirectories } from "@autobolt/db";
import { createTestDatabase, exampleCustomer } from "@autobolt/db/testing";
import { sandboxCatalog, startSandbox } from "@autobolt/sandbox";
import { createCaller, createInnerContext, loadConfig, startServer } from "@autobolt/server";
import pino from "pino";
import { createServerApi } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { runWorkerLoop } from "../src/worker.ts";

/**
 * Citations that end well, on the whole sandbox: one customer with every practice directory, the
 * server with its campaign inbox (SMTP) and listing re-checks, the sandbox mailing that inbox and
 * publishing listings, and one worker following everything through. Answers what staff see on the
 * overview once nothing is left to do.
 */

const KEY = "citations-bench-key-0123456789";

export interface CitationsReport {
  directories: number;
  submitted: number;
  failed: number;
  confirmedByEmail: number;
  accounts: number;
  live: Awaited<ReturnType<ReturnType<typeof createCaller>["stats"]["overview"]>>["live"];
  successRate: number | null;
  submitSeconds: number;
  settleSeconds: number;
}

export async function measureCitations(options: {
  concurrency: number;
  progress: (line: string) => void;
}): Promise<CitationsReport> {
  // Listings publish 10 s after submission; re-checks come at 20 s and 40 s instead of days.
  const sandbox = await startSandbox({ port: 0, publishAfterMs: 10_000 });
  const database = await createTestDatabase();
  const server = await startServer(
    loadConfig({
      PORT: "0",
      AUTOBOLT_API_KEY: KEY,
      AUTOBOLT_ADMIN_EMAIL: "bench@example.test",
      AUTOBOLT_ADMIN_PASSWORD: "correct horse battery staple",
      LOG_LEVEL: "silent",
      AUTOBOLT_INBOX_DOMAIN: "inbox.bench.test",
      AUTOBOLT_SMTP_PORT: "0",
      AUTOBOLT_SECRET_KEY: "b7".repeat(32),
      AUTOBOLT_RECHECK_DAYS: `${20 / 86_400},${40 / 86_400}`,
      // Sites that say "check your email" but never mail (the language practice sites) go to a
      // person after a minute instead of three days.
      AUTOBOLT_EMAIL_WAIT_MINUTES: "1",
    }),
    { database },
  );
  const browser = await launchBrowser({});
  const stop = new AbortController();
  try {
    if (server.smtpPort !== undefined) sandbox.setMailTarget({ host: "127.0.0.1", port: server.smtpPort });
    await upsertDirectories(database.db, sandboxCatalog(sandbox));
    const staff = createCaller(
      createInnerContext(server.services, {
        user: {
          id: "00000000-0000-4000-8000-000000000001",
          email: "bench@example.test",
          name: "Bench",
          role: "admin",
        },
      }),
    );
    const { job } = await staff.customers.create({
      customer: exampleCustomer,
      package: { size: sandbox.sites.length },
    });
    const started = Date.now();
    let submitSeconds = 0;
    const running = runWorkerLoop({
      api: createServerApi(server.url, KEY),
      browser,
      submit: submitDirectory,
      log: pino({ level: "silent" }),
      workerId: "citations-bench",
      concurrency: options.concurrency,
      directoryTimeoutMs: 20_000,
      waitMs: 1_000,
      followUps: true,
      stop: stop.signal,
      onJobDone: () => {
        submitSeconds = (Date.now() - started) / 1000;
        options.progress(`citations: job done in ${submitSeconds.toFixed(0)} s; following mail and listings`);
      },
    });
    // Settled: nothing pending, no result waiting for mail, every listing with a link live, wrong or gone.
    for (;;) {
      const detail = await staff.jobs.byId({ id: job.id });
      const open = detail.results.filter(
        (r) =>
          r.status === "pending" ||
          r.confirmation === "awaiting_email" ||
          (r.status === "submitted" &&
            r.listingUrl !== null &&
            (r.liveState === null || r.liveState === "not_yet")),
      );
      if (submitSeconds > 0 && open.length === 0) break;
      if (Date.now() - started > 15 * 60_000)
        throw new Error(`not settled after 15 minutes: ${open.length} open`);
      await new Promise((r) => setTimeout(r, 1_000));
    }
    const settleSeconds = (Date.now() - started) / 1000;
    stop.abort();
    await running;
    const detail = await staff.jobs.byId({ id: job.id });
    const overview = await staff.stats.overview({ days: 1 });
    return {
      directories: detail.results.length,
      submitted: detail.results.filter((r) => r.status === "submitted").length,
      failed: detail.results.filter((r) => r.status === "failed").length,
      confirmedByEmail: detail.results.filter((r) => r.confirmation === "confirmed").length,
      accounts: detail.results.filter((r) => r.account !== null).length,
      live: overview.live,
      successRate: overview.successRate,
      submitSeconds,
      settleSeconds,
    };
  } finally {
    stop.abort();
    await browser.close().catch(() => {});
    await server.close();
    await database.close();
    await sandbox.close();
  }
}

const pct = (n: number | null) => (n === null ? "—" : `${(n * 100).toFixed(1)}%`);

export function citationsMarkdown(r: CitationsReport): string {
  return [
    "| figure | value |",
    "| --- | --- |",
    `| directories planned | ${r.directories} |`,
    `| submitted / failed | ${r.submitted} / ${r.failed} (success rate ${pct(r.successRate)}) |`,
    `| confirmed by email, no person | ${r.confirmedByEmail} |`,
    `| directory accounts made | ${r.accounts} |`,
    `| submitted with a listing link | ${r.live.withLink} |`,
    `| live within 28 days (overview) | ${r.live.liveWithin28Days} of ${r.live.submitted} = ${pct(r.live.liveWithin28DaysRate)} |`,
    `| live with wrong details | ${r.live.mismatch} |`,
    `| never published (gone) | ${r.live.gone} |`,
    `| job done / everything settled | ${r.submitSeconds.toFixed(0)} s / ${r.settleSeconds.toFixed(0)} s |`,
  ].join("\n");
}
