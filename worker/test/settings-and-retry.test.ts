import { execFileSync } from "node:child_process";
import { getEventListeners } from "node:events";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pino from "pino";
import { describe, expect, test } from "vitest";
import { createServerApi, isTransient, withCallSignal, withRetry } from "../src/api.ts";
import { browserEnv, launchBrowser, sandboxSupport } from "../src/browser.ts";
import { loadWorkerSettings } from "../src/config.ts";
import { HeldLease } from "../src/lease.ts";

const log = pino({ level: "silent" });

describe("[WORKER SETTINGS]", () => {
  test("flags win over the environment, which wins over defaults", () => {
    const settings = loadWorkerSettings(["--concurrency", "4", "--id", "box-7"], {
      AUTOBOLT_API_KEY: "k".repeat(20),
      AUTOBOLT_SERVER_URL: "http://10.1.2.3:3000/",
      AUTOBOLT_WORKER_CONCURRENCY: "2",
    });
    expect(settings).toMatchObject({
      serverUrl: "http://10.1.2.3:3000",
      concurrency: 4,
      workerId: "box-7",
      headless: true,
      directoryTimeoutMs: 45_000,
    });
  });

  test("a missing key or a bad value is a clear error naming the setting", () => {
    expect(() => loadWorkerSettings([], {})).toThrow(
      /apiKey: required: pass --key-file, or set AUTOBOLT_WORKER_KEY_FILE or AUTOBOLT_API_KEY/,
    );
    expect(() => loadWorkerSettings([], { AUTOBOLT_API_KEY: "short" })).toThrow(/at least 16 characters/);
    expect(() => loadWorkerSettings(["--concurrency", "0"], { AUTOBOLT_API_KEY: "k".repeat(20) })).toThrow(
      /concurrency/,
    );
    expect(() => loadWorkerSettings(["--server", "ftp://x"], { AUTOBOLT_API_KEY: "k".repeat(20) })).toThrow(
      /serverUrl/,
    );
    expect(() =>
      loadWorkerSettings(["--browser-sandbox", "maybe"], { AUTOBOLT_API_KEY: "k".repeat(20) }),
    ).toThrow(/browserSandbox/);
    expect(loadWorkerSettings(["--help"], {})).toBe("help");
  });

  test("the key comes from a file (flag, then variable) before AUTOBOLT_API_KEY, trimmed of its newline", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "autobolt-key-"));
    try {
      const flagFile = path.join(dir, "flag-key");
      const envFile = path.join(dir, "env-key");
      writeFileSync(flagFile, `${"f".repeat(24)}\n`, { mode: 0o600 });
      writeFileSync(envFile, "e".repeat(24), { mode: 0o600 });
      const env = { AUTOBOLT_WORKER_KEY_FILE: envFile, AUTOBOLT_API_KEY: "v".repeat(24) };
      expect(loadWorkerSettings(["--key-file", flagFile], env)).toMatchObject({ apiKey: "f".repeat(24) });
      expect(loadWorkerSettings([], env)).toMatchObject({ apiKey: "e".repeat(24) });
      expect(loadWorkerSettings([], { AUTOBOLT_API_KEY: "v".repeat(24) })).toMatchObject({
        apiKey: "v".repeat(24),
        browserSandbox: "auto",
      });
      // A file named but missing is an error, not a silent fall back to another key.
      expect(() => loadWorkerSettings(["--key-file", path.join(dir, "nope")], env)).toThrow(
        /cannot read the key file .*nope \(--key-file\): ENOENT/,
      );
      expect(() =>
        loadWorkerSettings([], { ...env, AUTOBOLT_WORKER_KEY_FILE: path.join(dir, "gone") }),
      ).toThrow(/gone \(AUTOBOLT_WORKER_KEY_FILE\): ENOENT/);
      writeFileSync(path.join(dir, "empty"), "\n");
      expect(() => loadWorkerSettings(["--key-file", path.join(dir, "empty")], {})).toThrow(/is empty/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("--key on the command line is refused: arguments are visible to every user in ps", () => {
    expect(() => loadWorkerSettings(["--key", "k".repeat(24)], {})).toThrow(/--key is not accepted.*ps/);
  });
});

describe("[WORKER BROWSER]: what Chromium is given", () => {
  test("its environment has no AUTOBOLT_* setting, database credential or anything named like a secret", () => {
    const env = browserEnv({
      PATH: "/usr/bin",
      HOME: "/home/worker",
      LANG: "en_US.UTF-8",
      TZ: "UTC",
      DISPLAY: ":0",
      AUTOBOLT_API_KEY: "the-worker-key-0123456789",
      AUTOBOLT_WORKER_KEY_FILE: "/etc/autobolt/key",
      AUTOBOLT_SERVER_URL: "http://server",
      DATABASE_URL: "postgres://u:p@db/x",
      PGPASSWORD: "p",
      AWS_SECRET_ACCESS_KEY: "s",
      GITHUB_TOKEN: "t",
      SMTP_PASSWORD: "p",
    });
    expect(env).toEqual({
      PATH: "/usr/bin",
      HOME: "/home/worker",
      LANG: "en_US.UTF-8",
      TZ: "UTC",
      DISPLAY: ":0",
    });
    expect(
      JSON.stringify(browserEnv({ ...process.env, AUTOBOLT_API_KEY: "the-worker-key-0123456789" })),
    ).not.toContain("the-worker-key-0123456789");
  });

  test("the sandbox is used where it can work, and where it cannot the reason is given", () => {
    expect(sandboxSupport({ platform: "linux", uid: 1000, userNamespaces: "15000\n" })).toEqual({
      possible: true,
    });
    expect(sandboxSupport({ platform: "darwin", uid: 0, userNamespaces: undefined })).toEqual({
      possible: true,
    });
    expect(sandboxSupport({ platform: "linux", uid: 0, userNamespaces: "15000" })).toMatchObject({
      possible: false,
      why: expect.stringMatching(/root/),
    });
    expect(sandboxSupport({ platform: "linux", uid: 1000, userNamespaces: "0\n" })).toMatchObject({
      possible: false,
      why: expect.stringMatching(/user namespaces/),
    });
  });

  test("a launch falls back to no sandbox with a log line saying why, and the browser works", async () => {
    const lines: string[] = [];
    const logged = pino({ level: "info" }, { write: (line: string) => lines.push(line) });
    const browser = await launchBrowser({ log: logged });
    try {
      const page = await browser.newPage();
      await page.setContent("<p>ok</p>");
      expect(await page.textContent("p")).toBe("ok");
      const support = sandboxSupport();
      if (!support.possible) expect(lines.join("")).toContain(support.why);
    } finally {
      await browser.close();
    }
  });
});

describe("[WORKER RETRY]: riding out a server that is down or failing", () => {
  test("retries a refused connection and a 503 until the server answers; a 4xx is not retried", async () => {
    let calls = 0;
    const server = createServer((_req, res) => {
      calls += 1;
      if (calls < 3) {
        res.writeHead(503).end("busy");
        return;
      }
      res
        .writeHead(calls === 3 ? 201 : 400, { "content-type": "application/json" })
        .end(JSON.stringify({ url: "/screenshots/x.png" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const api = createServerApi(`http://127.0.0.1:${port}`, "k".repeat(20));
    try {
      const url = await withRetry("upload", () => api.uploadScreenshot(new Uint8Array([1])), {
        log,
        maxDelayMs: 50,
      });
      expect(url).toBe("/screenshots/x.png");
      expect(calls).toBe(3);
      await expect(
        withRetry("upload", () => api.uploadScreenshot(new Uint8Array([1])), { log }),
      ).rejects.toThrow(/400/);
      expect(calls).toBe(4);
    } finally {
      server.close();
    }
    const refused = createServerApi(`http://127.0.0.1:${port}`, "k".repeat(20));
    const error = await refused.uploadScreenshot(new Uint8Array([1])).catch((e: unknown) => e);
    expect(isTransient(error)).toBe(true);
  });

  test("a stop signal ends the retrying", async () => {
    const stop = new AbortController();
    const api = createServerApi("http://127.0.0.1:9", "k".repeat(20));
    setTimeout(() => stop.abort(), 100);
    await expect(
      withRetry("claim", () => api.jobs.next.mutate({}), { log, signal: stop.signal }),
    ).rejects.toThrow();
  });

  test("each call gets its own signal: stopping aborts the call in flight, and finished calls leave no listener behind", async () => {
    const stop = new AbortController();
    for (let i = 0; i < 100; i++) await withCallSignal(stop.signal, async () => i);
    expect(getEventListeners(stop.signal, "abort")).toHaveLength(0);
    const inFlight = withCallSignal(
      stop.signal,
      (signal) =>
        new Promise((_, reject) => signal.addEventListener("abort", () => reject(new Error("aborted")))),
    );
    stop.abort();
    await expect(inFlight).rejects.toThrow("aborted");
  });
});

/** This machine can show the sandbox at work: tests run as root, and an ordinary user exists to run as. */
const canRunAsNobody =
  process.getuid?.() === 0 && existsSync("/usr/sbin/runuser") && process.platform === "linux";

describe("[WORKER BROWSER]: the sandbox where the platform allows it", () => {
  test.skipIf(!canRunAsNobody)(
    "as an ordinary user the worker's Chromium runs sandboxed; as root, without",
    async () => {
      const probe = [
        'import { readFileSync } from "node:fs";',
        'import { launchBrowser } from "./src/browser.ts";',
        'import { browserPid } from "./src/watchdog.ts";',
        "const browser = await launchBrowser({});",
        "const pid = await browserPid(browser);",
        'const args = readFileSync("/proc/" + pid + "/cmdline", "utf8").split("\\0");',
        'console.log(JSON.stringify({ uid: process.getuid(), sandboxed: !args.includes("--no-sandbox") }));',
        "await browser.close();",
      ].join("\n");
      const run = (asNobody: boolean) => {
        const node = [process.execPath, "--import", "tsx", "--input-type=module", "-e", probe];
        const [command, ...args] = asNobody
          ? ["/usr/sbin/runuser", "-u", "nobody", "--", "env", "HOME=/tmp", ...node]
          : node;
        const out = execFileSync(command ?? "", args, {
          cwd: fileURLToPath(new URL("..", import.meta.url)),
          encoding: "utf8",
          timeout: 60_000,
        });
        return JSON.parse(out.trim().split("\n").at(-1) ?? "{}");
      };
      expect(run(true)).toEqual({ uid: 65534, sandboxed: true });
      expect(run(false)).toEqual({ uid: 0, sandboxed: false });
    },
    120_000,
  );
});

describe("[WORKER LEASE]: the lease a claim carries, checked rather than assumed", () => {
  const job = {
    id: "00000000-0000-4000-8000-000000000001",
    leaseToken: "00000000-0000-4000-8000-000000000002",
    leaseExpiresAt: new Date(Date.now() + 60_000),
  };

  test("a claim without a usable lease token is refused with a reason, not cast", () => {
    expect(HeldLease.of({ ...job, leaseToken: null }, log)).toBeInstanceOf(Error);
    expect(HeldLease.of({ ...job, leaseToken: "not-a-uuid" }, log)).toBeInstanceOf(Error);
    const held = HeldLease.of(job, log);
    expect(held).toBeInstanceOf(HeldLease);
    if (held instanceof HeldLease) expect(held.lease).toEqual({ jobId: job.id, leaseToken: job.leaseToken });
  });

  test("a server that cannot be reached is retried while the lease lives, then the lease counts as lost", async () => {
    const held = HeldLease.of({ ...job, leaseExpiresAt: new Date(Date.now() + 1_500) }, log, {
      maxDelayMs: 50,
    });
    if (held instanceof Error) throw held;
    const api = createServerApi("http://127.0.0.1:9", "k".repeat(20));
    let calls = 0;
    const started = performance.now();
    const answer = await held.call(
      "heartbeat",
      () => {
        calls += 1;
        return api.jobs.heartbeat.mutate(held.lease);
      },
      { renews: true },
    );
    expect(answer).toBeUndefined();
    expect(calls).toBeGreaterThan(3);
    expect(performance.now() - started).toBeGreaterThan(1_000);
    expect(held.lost.signal.aborted).toBe(true);
    expect(held.trouble).toBeUndefined();
  });
});
