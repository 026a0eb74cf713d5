import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { upsertDirectories } from "@autobolt/db";
import pino from "pino";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createServerApi, failureKind, withRetry } from "../src/api.ts";
import { launchBrowser } from "../src/browser.ts";
import type { JobSummary } from "../src/job-runner.ts";
import { HeldLease } from "../src/lease.ts";
import { ResultReporter } from "../src/reporter.ts";
import { submitDirectory } from "../src/submit/index.ts";
import { browserPid } from "../src/watchdog.ts";
import { runWorkerLoop } from "../src/worker.ts";
import { API_KEY, customer, type Stack, startStack } from "./support.ts";

const log = pino({ level: process.env.WORKER_TEST_LOG ?? "silent" });

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Pages that hang: one whose script never yields, one that freezes the browser's own process. */
function hangingSites(onFreeze: () => void) {
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    if (req.url?.startsWith("/freeze")) {
      setTimeout(onFreeze, 300);
      res.end(
        `<!doctype html><form><label>Business name <input name="business"></label><button>Add</button></form>`,
      );
      return;
    }
    res.end(
      `<!doctype html><title>Spinner</title><form><label>Business name <input name="business"></label><button>Add listing</button></form><script>while (true) {}</script>`,
    );
  });
  return server;
}

function hangingDirectory(id: string, url: string) {
  return {
    id,
    name: `Hanging ${id}`,
    url,
    submissionUrl: url,
    category: "general",
    domainAuthority: 100,
    requiresLogin: false,
    requiresCaptcha: false,
    requiresEmailVerification: false,
    requiresPhoneVerification: false,
    active: true,
    recipe: null,
    listingSearch: null,
    notes: "a page that hangs, for the worker's watchdog",
    formEmail: "customer" as const,
  };
}

function runWorker(
  stack: Stack,
  browser: Browser,
  options: {
    concurrency?: number;
    timeoutMs?: number;
    relaunch?: () => Promise<Browser>;
    apiUrl?: string;
  } = {},
) {
  const stop = new AbortController();
  const done: JobSummary[] = [];
  const finished = runWorkerLoop({
    api: createServerApi(options.apiUrl ?? stack.server.url, API_KEY),
    browser,
    ...(options.relaunch ? { relaunchBrowser: options.relaunch } : {}),
    submit: submitDirectory,
    log,
    workerId: "survivor",
    concurrency: options.concurrency ?? 2,
    directoryTimeoutMs: options.timeoutMs ?? 5_000,
    directoryGraceMs: 2_000,
    retry: { maxDelayMs: 100 },
    waitMs: 500,
    stop: stop.signal,
    onJobDone: (summary) => {
      done.push(summary);
      stop.abort();
    },
  });
  return finished.then(() => done);
}

describe("[WORKER SURVIVAL]: a page that hangs costs one directory, not the job", () => {
  let stack: Stack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startStack();
    browser = await launchBrowser({});
  });
  afterAll(async () => {
    await browser.close().catch(() => {});
    await stack.close();
  });

  test("a page running while(true){} among normal sites: the job completes, that directory is a timeout, the others submitted", async () => {
    const hanging = hangingSites(() => {});
    const url = await listen(hanging);
    try {
      await upsertDirectories(stack.database.db, [hangingDirectory("hang-on-load", `${url}/spin`)]);
      const accepting = stack.sandbox.sites.filter((s) => s.expected.status === "submitted").slice(0, 3);
      const { job } = await stack.staff.customers.create({ customer, package: { size: 4 } });
      const planned = (await stack.staff.jobs.byId({ id: job.id })).results.map((r) => r.directoryId);
      expect(planned).toContain("hang-on-load");
      const started = performance.now();
      const [summary] = await runWorker(stack, browser, { timeoutMs: 5_000 });
      const seconds = (performance.now() - started) / 1000;
      console.info(
        `spinning page: job of 4 done in ${seconds.toFixed(1)} s (directory timeout 5 s + grace 2 s)`,
      );
      expect(summary).toMatchObject({ jobId: job.id, outcome: "complete" });
      const detail = await stack.staff.jobs.byId({ id: job.id });
      expect(detail.job.status).toBe("complete");
      const spinner = detail.results.find((r) => r.directoryId === "hang-on-load");
      expect(spinner).toMatchObject({ status: "failed", reason: "timeout" });
      expect(spinner?.errorMessage).toMatch(/stopped answering|Gave up/);
      for (const r of detail.results.filter((r) => r.directoryId !== "hang-on-load")) {
        const site = stack.sandbox.sites.find((s) => s.slug === r.directoryId);
        expect({ site: r.directoryId, status: r.status }).toEqual({
          site: r.directoryId,
          status: site?.expected.status,
        });
      }
      expect(accepting.length).toBe(3);
      // Bounded: the hung directory costs its timeout and grace, not the job.
      expect(seconds).toBeLessThan(45);
    } finally {
      hanging.close();
    }
  }, 120_000);

  test("a page that freezes the browser process itself: the browser is killed and relaunched, the job completes", async () => {
    const own = await launchBrowser({});
    const pid = await browserPid(own);
    expect(pid).toBeGreaterThan(0);
    let frozen = false;
    const hanging = hangingSites(() => {
      if (frozen || pid === undefined) return;
      frozen = true;
      process.kill(pid, "SIGSTOP");
    });
    const url = await listen(hanging);
    let relaunched = 0;
    try {
      await upsertDirectories(stack.database.db, [
        { ...hangingDirectory("hang-on-load", `${url}/spin`), active: false },
        hangingDirectory("freeze-browser", `${url}/freeze`),
      ]);
      const { job } = await stack.staff.customers.create({ customer, package: { size: 4 } });
      const started = performance.now();
      const [summary] = await runWorker(stack, own, {
        timeoutMs: 5_000,
        relaunch: async () => {
          relaunched += 1;
          return launchBrowser({});
        },
      });
      const seconds = (performance.now() - started) / 1000;
      console.info(
        `frozen browser: job of 4 done in ${seconds.toFixed(1)} s, browsers relaunched: ${relaunched}`,
      );
      expect(summary).toMatchObject({ jobId: job.id, outcome: "complete" });
      expect(relaunched).toBe(1);
      expect(own.isConnected()).toBe(false);
      const detail = await stack.staff.jobs.byId({ id: job.id });
      expect(detail.job.status).toBe("complete");
      // A frozen browser does not say which page froze it: the first directory whose context will
      // not close is blamed (a `timeout`); the one that shared the browser with it is tried again
      // on the new one (nothing had been sent), or, had its form gone, left for a person as
      // `interrupted`. Nothing is lost and nothing fails as `unexpected`.
      // The blamed directory keeps a verdict it had before the freeze: a sandbox site confirmed
      // just before and caught closing its page stays `submitted` (likely on a loaded machine: the
      // one CI failure of this test saw no timeout at all),
      // so there is at most one timeout, not always one.
      // (Tried again, the freezing page no longer freezes, and has no listing form to find.)
      const outcome = (r: (typeof detail.results)[number]) =>
        r.status === "submitted" ? "submitted" : r.reason;
      const outcomes = detail.results.map((r) => `${r.directoryId}: ${outcome(r)}`);
      expect(outcomes.filter((o) => o.endsWith(": timeout")).length, outcomes.join(", ")).toBeLessThanOrEqual(
        1,
      );
      for (const r of detail.results) {
        const allowed = [
          "submitted",
          "timeout",
          "interrupted",
          ...(r.directoryId === "freeze-browser" ? ["form_not_found"] : []),
        ];
        expect(allowed, r.directoryId).toContain(outcome(r));
      }
      expect(seconds).toBeLessThan(60);
    } finally {
      if (pid !== undefined) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {}
      }
      hanging.close();
      await upsertDirectories(stack.database.db, [
        { ...hangingDirectory("freeze-browser", `${url}/freeze`), active: false },
      ]);
    }
  }, 120_000);

  test("a result with NUL bytes and lone surrogates is cleaned and recorded, not refused", async () => {
    const api = createServerApi(stack.server.url, API_KEY);
    await stack.staff.customers.create({ customer, package: { size: 1 } });
    const claimed = await api.jobs.next.mutate({ workerId: "survivor" });
    if (!claimed.job) throw new Error("no job to claim");
    const held = HeldLease.of(claimed.job, log);
    if (held instanceof Error) throw held;
    const directoryId = claimed.directories[0]?.id ?? "";
    const reporter = new ResultReporter(api, held, log);
    reporter.add({
      directoryId,
      status: "failed",
      reason: "validation_error",
      errorMessage: "Name\u0000 is required \uD83D",
      metadata: { finalUrl: "http://x/\u0000", note: "\uDE00" },
    });
    await reporter.flush();
    expect(held.trouble).toBeUndefined();
    expect(reporter.reported).toBe(1);
    const detail = await stack.staff.jobs.byId({ id: claimed.job.id });
    const result = detail.results.find((r) => r.directoryId === directoryId);
    expect(result).toMatchObject({ status: "failed", errorMessage: "Name is required \uFFFD" });
    await api.jobs.release.mutate({ ...held.lease });
  }, 60_000);
});

/** A proxy in front of the real server that answers 500 to the calls `failing` picks. */
function failingProxy(target: string, failing: (req: IncomingMessage) => boolean) {
  let failed = 0;
  const server = createServer(async (req, res) => {
    if (failing(req)) {
      failed += 1;
      res.writeHead(500, { "content-type": "text/html" }).end("<h1>500 Internal Server Error</h1>");
      return;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(req.headers).filter(([k]) => !["host", "content-length", "connection"].includes(k)),
    ) as Record<string, string>;
    // A client that hangs up (a long poll stopped) hangs up on the server too, as without a proxy.
    const gone = new AbortController();
    res.on("close", () => gone.abort());
    const answer = await fetch(`${target}${req.url}`, {
      method: req.method ?? "GET",
      headers,
      signal: gone.signal,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    }).catch(() => undefined);
    if (!answer) {
      if (!res.headersSent && !gone.signal.aborted) res.writeHead(502).end();
      return;
    }
    res.writeHead(answer.status, { "content-type": answer.headers.get("content-type") ?? "text/plain" });
    res.end(Buffer.from(await answer.arrayBuffer()));
  });
  return { server, failed: () => failed };
}

describe("[WORKER RETRY]: a server that keeps failing is not retried forever", () => {
  test("withRetry: a 5xx is tried a few times then thrown; twice then fine succeeds; a 4xx once; no answer is retried while allowed", async () => {
    let calls = 0;
    let plan: number[] = [];
    const server = createServer((_req, res) => {
      calls += 1;
      const status = plan.shift() ?? 500;
      res
        .writeHead(status, { "content-type": "application/json" })
        .end(JSON.stringify({ url: "/screenshots/x.png" }));
    });
    const url = await listen(server);
    const api = createServerApi(url, "k".repeat(20));
    const upload = () => api.uploadScreenshot(new Uint8Array([1]));
    try {
      plan = [500, 503, 201];
      await expect(withRetry("upload", upload, { log, maxDelayMs: 20 })).resolves.toBe("/screenshots/x.png");
      expect(calls).toBe(3);

      calls = 0;
      plan = [];
      const started = performance.now();
      await expect(withRetry("upload", upload, { log, maxDelayMs: 20 })).rejects.toThrow(/500/);
      expect(calls).toBe(5);
      expect(performance.now() - started).toBeLessThan(2_000);

      calls = 0;
      plan = [400];
      await expect(withRetry("upload", upload, { log })).rejects.toThrow(/400/);
      expect(calls).toBe(1);
    } finally {
      server.close();
    }
    // A closed port: retried while keepTrying holds, then thrown.
    let tries = 0;
    await expect(
      withRetry("upload", upload, { log, maxDelayMs: 10, keepTrying: () => ++tries < 4 }),
    ).rejects.toThrow();
    expect(tries).toBe(4);
    expect(failureKind(new TypeError("x is not a function"))).toBe("refused");
  });

  test("tRPC through a proxy answering 500 pages: classified as server trouble, not as a lost connection", async () => {
    const proxy = failingProxy("http://127.0.0.1:9", () => true);
    const url = await listen(proxy.server);
    try {
      const error = await createServerApi(url, API_KEY)
        .jobs.heartbeat.mutate({
          jobId: "00000000-0000-4000-8000-000000000001",
          leaseToken: "00000000-0000-4000-8000-000000000002",
        })
        .catch((e: unknown) => e);
      expect(failureKind(error)).toBe("server");
    } finally {
      proxy.server.close();
    }
  });

  describe("with a real server behind a failing proxy", () => {
    let stack: Stack;
    let browser: Browser;
    beforeAll(async () => {
      stack = await startStack();
      browser = await launchBrowser({});
    });
    afterAll(async () => {
      await browser.close();
      await stack.close();
    });

    test("reports answered 500 every time: the worker gives up and hands the job back with the error", async () => {
      // After the first claim the server fails everything but the release, so the released job is
      // not claimed straight back by this worker's next long poll.
      let claims = 0;
      const proxy = failingProxy(stack.server.url, (req) => {
        const path = req.url ?? "";
        if (path.includes("autobolt.jobs.next")) return ++claims > 1;
        return path.includes("autobolt.jobs.update");
      });
      const url = await listen(proxy.server);
      try {
        const { job } = await stack.staff.customers.create({ customer, package: { size: 2 } });
        const started = performance.now();
        const [summary] = await runWorker(stack, browser, { apiUrl: url, timeoutMs: 20_000 });
        expect(summary).toMatchObject({ jobId: job.id, outcome: "released" });
        expect(performance.now() - started).toBeLessThan(60_000);
        expect(proxy.failed()).toBeGreaterThanOrEqual(5);
        const detail = await stack.staff.jobs.byId({ id: job.id });
        expect(detail.job).toMatchObject({ status: "pending", workerId: null });
        const released = detail.events.filter((e) => e.type === "released");
        expect(released.length).toBeGreaterThanOrEqual(1);
        expect(JSON.stringify(released[0])).toMatch(/report results failed.*500/);
        await stack.staff.jobs.cancel({ id: job.id });
      } finally {
        proxy.server.close();
      }
    }, 120_000);

    test("reports answered 500 twice, then accepted: the job completes", async () => {
      let failures = 2;
      const proxy = failingProxy(stack.server.url, (req) => {
        if (!req.url?.includes("autobolt.jobs.update") || failures === 0) return false;
        failures -= 1;
        return true;
      });
      const url = await listen(proxy.server);
      try {
        const { job } = await stack.staff.customers.create({
          customer: { ...customer, businessName: "Twice Failed Bakery", email: "owner@twice.test" },
          package: { size: 2 },
        });
        const [summary] = await runWorker(stack, browser, { apiUrl: url, timeoutMs: 20_000 });
        expect(proxy.failed()).toBe(2);
        expect(summary?.outcome).toBe("complete");
        expect(summary?.jobId).toBe(job.id);
        const detail = await stack.staff.jobs.byId({ id: job.id });
        expect(detail.job.status).toBe("complete");
      } finally {
        proxy.server.close();
      }
    }, 120_000);
  });
});
