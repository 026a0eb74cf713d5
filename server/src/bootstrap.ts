import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AppError, countStaffUsers, createStaffUser, type Db } from "@autobolt/db";
import type { Logger } from "pino";
import { hashPassword } from "./auth/password.ts";
import { passwordProblem } from "./auth/password-policy.ts";
import { newSecret } from "./auth/tokens.ts";
import type { ServerConfig } from "./config.ts";

/**
 * The worker key: from AUTOBOLT_API_KEY, or for the embedded default generated once and kept in
 * the data folder (readable by its owner only). A shared PostgreSQL serves many processes that
 * must agree on one key, so there it has to be set.
 */
export function resolveApiKey(config: ServerConfig, log: Logger): string {
  if (config.apiKey) return config.apiKey;
  if (config.databaseUrl) {
    throw new Error(
      "AUTOBOLT_API_KEY is not set. With DATABASE_URL every server and worker must share one key: set AUTOBOLT_API_KEY (at least 16 characters) for all of them.",
    );
  }
  const keyFile = path.join(config.dataDir, "api-key");
  if (existsSync(keyFile)) {
    log.info({ keyFile }, "worker API key read from the data folder");
    return readFileSync(keyFile, "utf8").trim();
  }
  mkdirSync(config.dataDir, { recursive: true });
  const key = newSecret();
  writeFileSync(keyFile, `${key}\n`, { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  process.stdout.write(
    `\nGenerated a worker API key (saved in ${keyFile}):\n  AUTOBOLT_API_KEY=${key}\nWorkers send it as "Authorization: Bearer <key>".\n\n`,
  );
  return key;
}

/** With no staff accounts yet, create the first admin from the settings or with a printed password. */
export async function ensureFirstAdmin(db: Db, config: ServerConfig): Promise<void> {
  if ((await countStaffUsers(db)) > 0) return;
  const email = config.adminEmail ?? "admin@autobolt.local";
  const password = config.adminPassword ?? newSecret(12);
  const problem = passwordProblem(password, [email]);
  if (problem) throw new Error(`AUTOBOLT_ADMIN_PASSWORD is refused for the first admin. ${problem}`);
  try {
    await createStaffUser(db, {
      email,
      name: "Administrator",
      role: "admin",
      passwordHash: await hashPassword(password),
    });
  } catch (error) {
    // Another server process created it at the same moment.
    if (error instanceof AppError && error.code === "EMAIL_TAKEN") return;
    throw error;
  }
  if (!config.adminPassword) {
    process.stdout.write(
      `\nCreated the first admin account (shown once; keep it safe, or set AUTOBOLT_ADMIN_PASSWORD before the first start):\n  email:    ${email}\n  password: ${password}\n\n`,
    );
  }
}
