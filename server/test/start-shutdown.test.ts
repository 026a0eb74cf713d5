import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { countActiveDirectories, createDb } from "@autobolt/db";
import { afterEach, describe, expect, test } from "vitest";

/**
 * `pnpm start` is the client build then scripts/start.ts: the script is spawned as it runs there
 * (embedded database in a data folder, sandbox, server, a worker child), without the build.
 */
const root = fileURLToPath(new URL("../..", import.meta.url));

let dataDir: string;
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function startScript() {
  dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-start-"));
  const { DATABASE_URL: _external, ...env } = process.env;
  // Node itself with tsx's loader (not the tsx wrapper): the signals reach the script's own process.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/start.ts")], {
    cwd: root,
    env: {
      ...env,
      PORT: "0",
      SANDBOX_PORT: "0",
      AUTOBOLT_DATA_DIR: dataDir,
      AUTOBOLT_CONSOLE_DIR: dataDir,
      AUTOBOLT_API_KEY: "start-script-test-key-0123",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: string | null; at: number }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  const running = new Promise<number>((resolve, reject) => {
    const check = () => {
      const pid = output.match(/Worker: {2}local-worker \(pid (\d+)\)/)?.[1];
      if (pid) resolve(Number(pid));
    };
    child.stdout?.on("data", check);
    void exited.then(() => reject(new Error(`start exited before it was running:\n${output}`)));
  });
  return { child, exited, running, output: () => output };
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntil(condition: () => boolean, ms: number) {
  const until = Date.now() + ms;
  while (!condition() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
}

/** The data folder the script left behind opens again, migrated, with the sandbox catalog in it. */
async function reopenData() {
  const database = await createDb({ dataDir: path.join(dataDir, "db") });
  try {
    return await countActiveDirectories(database.db);
  } finally {
    await database.close();
  }
}

function stopTimely(child: ChildProcess, signal: NodeJS.Signals) {
  const sent = Date.now();
  child.kill(signal);
  return sent;
}

describe("[START]: pnpm start stops on the first signal", () => {
  test("SIGTERM after its worker child was killed: exits within seconds, non-zero, database closed", async () => {
    const start = startScript();
    const workerPid = await start.running;
    process.kill(workerPid, "SIGKILL");
    await waitUntil(() => !isAlive(workerPid), 5_000);
    await new Promise((r) => setTimeout(r, 200));
    const sent = stopTimely(start.child, "SIGTERM");
    const exit = await Promise.race([
      start.exited,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000)).then(() => {
        start.child.kill("SIGKILL");
        return undefined;
      }),
    ]);
    expect(exit, `start did not exit within 10 s of SIGTERM:\n${start.output()}`).toBeDefined();
    expect(exit?.code).toBe(1);
    expect((exit?.at ?? 0) - sent).toBeLessThan(5_000);
    expect(start.output()).toMatch(/The worker stopped \(SIGKILL\)/);
    expect(start.output()).toMatch(/Stopped with failures: server and embedded database, sandbox closed/);
    expect(await reopenData()).toBeGreaterThan(0);
  }, 60_000);

  test("a second signal hurries the worker but still closes the embedded database", async () => {
    const start = startScript();
    const workerPid = await start.running;
    start.child.kill("SIGTERM");
    start.child.kill("SIGTERM");
    const exit = await Promise.race([
      start.exited,
      new Promise<undefined>((r) => setTimeout(() => r(undefined), 15_000)),
    ]);
    if (!exit) start.child.kill("SIGKILL");
    expect(exit, `start did not exit within 15 s:\n${start.output()}`).toBeDefined();
    expect(start.output()).toMatch(
      /Stopped (cleanly|with failures): server and embedded database, sandbox closed/,
    );
    expect(isAlive(workerPid)).toBe(false);
    expect(await reopenData()).toBeGreaterThan(0);
  }, 60_000);
});
