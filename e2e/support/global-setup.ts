import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "@autobolt/db/testing";
import { sandboxCatalog, startSandbox } from "@autobolt/sandbox";
import { loadConfig, startServer } from "@autobolt/server";
import { ADMIN, API_KEY, signInCookie, storageStatePath, trpcCall } from "./api.ts";

const repo = fileURLToPath(new URL("../../", import.meta.url));
const clientDir = path.join(repo, "client");

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** The tests drive the built console the server serves, so build it when the sources are newer. */
function buildClientIfStale() {
  const built = path.join(clientDir, "dist", "index.html");
  const sources = Math.max(
    newestMtime(path.join(clientDir, "src")),
    statSync(path.join(clientDir, "index.html")).mtimeMs,
    statSync(path.join(clientDir, "vite.config.ts")).mtimeMs,
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.join(clientDir, "node_modules", "vite", "bin", "vite.js"), "build"], {
    cwd: clientDir,
    stdio: "inherit",
  });
}

/**
 * A real stack on free ports: the practice directory sites, the server with a fresh database, and a catalog seeded from the sandbox through the admin API.
 */
export default async function globalSetup() {
  buildClientIfStale();
  const dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-e2e-"));
  // Listings publish at once (the worker test advances the sandbox's clock instead).
  const sandbox = await startSandbox({ port: 0, publishAfterMs: 0 });
  const database = await createTestDatabase();
  const server = await startServer(
    loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      AUTOBOLT_DATA_DIR: dataDir,
      AUTOBOLT_API_KEY: API_KEY,
      AUTOBOLT_ADMIN_EMAIL: ADMIN.email,
      AUTOBOLT_ADMIN_PASSWORD: ADMIN.password,
      AUTOBOLT_CONSOLE_DIR: path.join(clientDir, "dist"),
      AUTOBOLT_LEASE_SECONDS: "20",
      AUTOBOLT_SESSION_CHECK_MS: "500",
      // The campaign inbox on, receiving over SMTP on a free port the inbox test mails.
      AUTOBOLT_INBOX_DOMAIN: "inbox.e2e.test",
      AUTOBOLT_SMTP_PORT: "0",
      AUTOBOLT_SECRET_KEY: randomBytes(32).toString("hex"),
      // Listing re-checks 1.7 s and 3.5 s after submission instead of days.
      AUTOBOLT_RECHECK_DAYS: "0.00002,0.00004",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    }),
    // Embedded by default; a fresh database of its own on DATABASE_URL's server when that is set.
    { database },
  );
  const cookie = await signInCookie(server.url);
  // The practice sites that mail a link take the campaign address; the rest keep the customer's
  // own, so the other tests' failures stay failures for a person.
  const mailing = new Set(["email-verify", "sign-up"]);
  for (const directory of sandboxCatalog(sandbox)) {
    await trpcCall(
      server.url,
      "directories.create",
      { ...directory, formEmail: mailing.has(directory.id) ? "campaign" : "customer" },
      cookie,
    );
  }
  process.env.AUTOBOLT_E2E_SMTP_PORT = String(server.smtpPort);
  // Tests run in other processes; they find the stack through the environment.
  process.env.AUTOBOLT_E2E_URL = server.url;
  process.env.AUTOBOLT_E2E_COOKIE = cookie;
  // Browser contexts start signed in as the admin, except where a test opts out.
  const [name, value] = cookie.split("=") as [string, string];
  mkdirSync(path.dirname(storageStatePath), { recursive: true });
  writeFileSync(
    storageStatePath,
    JSON.stringify({
      cookies: [
        {
          name,
          value,
          domain: "127.0.0.1",
          path: "/",
          expires: -1,
          httpOnly: true,
          secure: false,
          sameSite: "Lax",
        },
      ],
      origins: [],
    }),
  );
  process.env.AUTOBOLT_E2E_SANDBOX_URL = sandbox.url;

  return async () => {
    await server.close();
    await database.close();
    await sandbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
}
