import { getEventListeners } from "node:events";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { describe, expect, test } from "vitest";
import { createServerApi, isTransient, withCallSignal, withRetry } from "../src/api.ts";
import { loadWorkerSettings } from "../src/config.ts";

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
    expect(() => loadWorkerSettings([], {})).toThrow(/apiKey: required: pass --key or set AUTOBOLT_API_KEY/);
    expect(() => loadWorkerSettings(["--key", "short"], {})).toThrow(/at least 16 characters/);
    expect(() => loadWorkerSettings(["--concurrency", "0"], { AUTOBOLT_API_KEY: "k".repeat(20) })).toThrow(
      /concurrency/,
    );
    expect(() => loadWorkerSettings(["--server", "ftp://x"], { AUTOBOLT_API_KEY: "k".repeat(20) })).toThrow(
      /serverUrl/,
    );
    expect(loadWorkerSettings(["--help"], {})).toBe("help");
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
