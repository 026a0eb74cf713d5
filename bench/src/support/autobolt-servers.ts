import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type Child, freePort, repoRoot, startChild } from "./processes.ts";

export const BENCH_API_KEY = "bench-worker-key-0123456789abcdef";
/** The first admin every benchmark server creates, for staff calls and the console. */
export const BENCH_ADMIN = { email: "admin@autobolt.local", password: "bench-admin-password" };

export interface AutoboltServers {
  urls: string[];
  apiKey: string;
  close(): Promise<void>;
}

/**
 * AutoBolt server processes on one database, as they run in production (`server/src/main.ts`),
 * each on its own port; they start together (each migrates under the same lock, so one does).
 * Without a URL, one server with its embedded database in a new data folder.
 */
export async function startAutoboltServers(
  databaseUrl: string | undefined,
  options: { servers: number; leaseSeconds: number },
): Promise<AutoboltServers> {
  if (!databaseUrl && options.servers !== 1) {
    throw new Error("The embedded database serves one server process");
  }
  const dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-bench-"));
  const servers: Child<never, never>[] = [];
  const urls: string[] = [];
  for (let i = 0; i < options.servers; i++) {
    const port = await freePort();
    servers.push(
      startChild(path.join(repoRoot, "server/src/main.ts"), {
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        AUTOBOLT_API_KEY: BENCH_API_KEY,
        AUTOBOLT_ADMIN_EMAIL: BENCH_ADMIN.email,
        AUTOBOLT_ADMIN_PASSWORD: BENCH_ADMIN.password,
        AUTOBOLT_DATA_DIR: dataDir,
        AUTOBOLT_LEASE_SECONDS: String(options.leaseSeconds),
        LOG_LEVEL: "warn",
      }),
    );
    urls.push(`http://127.0.0.1:${port}`);
  }
  await Promise.all(urls.map(waitForHealth));
  return {
    urls,
    apiKey: BENCH_API_KEY,
    async close() {
      await Promise.all(servers.map((server) => server.kill("SIGTERM")));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function waitForHealth(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`AutoBolt server at ${url} did not become healthy`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
