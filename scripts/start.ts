/**
 * `pnpm start`: everything on one machine, offline. The server (with the console), the embedded
 * database, the sandbox of practice directory sites seeded as the catalog, and one worker as its
 * own process, just as it would run on another machine.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { countActiveDirectories, upsertDirectories } from "@autobolt/db";
import { sandboxCatalog, startSandbox } from "@autobolt/sandbox";
import { loadConfig, startServer } from "@autobolt/server";

const env = process.env;
const flag = (name: string, fallback: boolean) => (env[name] === undefined ? fallback : env[name] === "true");
const config = loadConfig();
const embedded = !config.databaseUrl;

const sandbox = flag("AUTOBOLT_SANDBOX", embedded)
  ? await startSandbox({ port: Number(env.SANDBOX_PORT ?? 4100) })
  : undefined;
const server = await startServer(config);
const { database, log } = server.services;

if (sandbox && (await countActiveDirectories(database.db)) === 0) {
  await upsertDirectories(database.db, sandboxCatalog(sandbox));
  log.info(
    { directories: sandbox.sites.length, sandbox: sandbox.url },
    "catalog seeded with the sandbox's practice directories",
  );
}

const worker = flag("AUTOBOLT_START_WORKER", true)
  ? spawn(process.execPath, [fileURLToPath(new URL("../worker/bin/autobolt-worker.js", import.meta.url))], {
      stdio: "inherit",
      env: {
        ...env,
        AUTOBOLT_SERVER_URL: server.url,
        AUTOBOLT_API_KEY: server.services.apiKey,
        AUTOBOLT_WORKER_ID: env.AUTOBOLT_WORKER_ID ?? "local-worker",
      },
    })
  : undefined;

process.stdout.write(
  `\nAutoBolt is running.\n  Console: ${server.url}\n  Sandbox: ${sandbox?.url ?? "off"}\n  Worker:  ${worker ? "local-worker" : "off"}\nCtrl-C stops everything.\n\n`,
);

let stopping = false;
async function stop(signal: NodeJS.Signals) {
  if (stopping) process.exit(1);
  stopping = true;
  if (worker && worker.exitCode === null) {
    // Ctrl-C in a terminal already reached the worker (same process group); anything else is passed on.
    if (signal !== "SIGINT") worker.kill(signal);
    const forced = setTimeout(() => worker.kill("SIGKILL"), 30_000);
    await new Promise((resolve) => worker.once("exit", resolve));
    clearTimeout(forced);
  }
  await server.close();
  await sandbox?.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
