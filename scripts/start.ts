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
import { stopOnSignals } from "./shutdown.ts";

const env = process.env;
const flag = (name: string, fallback: boolean) => (env[name] === undefined ? fallback : env[name] === "true");
const embedded = !env.DATABASE_URL;
const withSandbox = flag("AUTOBOLT_SANDBOX", embedded);
// Offline, the sandbox's sites mail the embedded campaign inbox directly: the whole confirmation
// flow runs on this machine (a free SMTP port unless one is set).
if (withSandbox && env.AUTOBOLT_INBOX_DOMAIN === undefined) {
  env.AUTOBOLT_INBOX_DOMAIN = "inbox.autobolt.local";
  env.AUTOBOLT_SMTP_PORT ??= "0";
}
const config = loadConfig();

const sandbox = withSandbox ? await startSandbox({ port: Number(env.SANDBOX_PORT ?? 4100) }) : undefined;
const server = await startServer(config);
const { database, log } = server.services;
if (sandbox && server.smtpPort !== undefined)
  sandbox.setMailTarget({ host: "127.0.0.1", port: server.smtpPort });

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

stopOnSignals({
  worker,
  steps: [
    // The server closes its database last, after its HTTP and its listeners.
    { name: `server and ${database.kind} database`, close: () => server.close() },
    ...(sandbox ? [{ name: "sandbox", close: () => sandbox.close() }] : []),
  ],
});

// Printed only once the signals are handled: whoever reads the banner may stop us at once.
process.stdout.write(
  `\nAutoBolt is running.\n  Console: ${server.url}\n  Sandbox: ${sandbox?.url ?? "off"}\n  Inbox:   ${config.inbox.domain ? `*@${config.inbox.domain}${server.smtpPort !== undefined ? ` (SMTP on port ${server.smtpPort})` : ""}` : "off"}\n  Worker:  ${worker ? `local-worker (pid ${worker.pid})` : "off"}\nCtrl-C stops everything.\n\n`,
);
