import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  createDb,
  createSession,
  createStaffUser,
  type Database,
  schema,
  updateStaffUser,
} from "@autobolt/db";
import { createEmptyDatabase } from "@autobolt/db/testing";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { hashPassword, verifyPassword } from "../src/auth/password.ts";

const run = promisify(execFile);
const serverDir = fileURLToPath(new URL("..", import.meta.url));
const tsx = path.join(serverDir, "node_modules/.bin/tsx");

/**
 * The way back in for a locked-out admin, run the way the README says: a command on the server
 * host with the server's own settings, against the real database (a temporary embedded one, or a
 * fresh PostgreSQL database when DATABASE_URL is set).
 */
describe("pnpm recover-admin", () => {
  let env: Record<string, string>;
  let open: () => Promise<Database>;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    if (process.env.DATABASE_URL) {
      const empty = await createEmptyDatabase(process.env.DATABASE_URL, "autobolt_recover");
      env = { DATABASE_URL: empty.url };
      open = () => createDb({ url: empty.url, maxConnections: 2 });
      cleanup = () => empty.drop();
    } else {
      const dir = mkdtempSync(path.join(tmpdir(), "autobolt-recover-"));
      env = { AUTOBOLT_DATA_DIR: dir };
      open = () => createDb({ dataDir: path.join(dir, "db") });
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    }
    // An admin who was deactivated and has a session left somewhere; and a staff member who is
    // the only other account.
    const database = await open();
    try {
      const lost = await createStaffUser(database.db, {
        email: "lost@example.test",
        name: "Lost Admin",
        role: "admin",
        passwordHash: await hashPassword("forgotten password 1"),
      });
      await createStaffUser(database.db, {
        email: "kept@example.test",
        name: "Kept Admin",
        role: "admin",
        passwordHash: await hashPassword("another password 22"),
      });
      await createSession(database.db, {
        tokenHash: "a".repeat(64),
        userId: lost.id,
        expiresAt: new Date(Date.now() + 3_600_000),
      });
      await updateStaffUser(database.db, lost.id, { active: false, role: "staff" });
    } finally {
      await database.close();
    }
  }, 60_000);
  afterAll(() => cleanup());

  const recover = (args: string[], extra: Record<string, string> = {}) =>
    run(tsx, ["src/cli/recover-admin.ts", ...args], {
      cwd: serverDir,
      env: { PATH: process.env.PATH ?? "", LOG_LEVEL: "silent", ...env, ...extra },
    });

  test("makes the account an active admin with a printed password, and ends its sessions", async () => {
    const { stdout } = await recover(["lost@example.test"]);
    const password = /password: (\S+)/.exec(stdout)?.[1];
    expect(stdout).toContain("Recovered the admin account lost@example.test");
    expect(password).toBeDefined();
    const database = await open();
    try {
      const [row] = await database.db
        .select()
        .from(schema.staffUsers)
        .where(eq(schema.staffUsers.email, "lost@example.test"));
      expect(row).toMatchObject({ role: "admin", active: true });
      expect(await verifyPassword(row?.passwordHash, password as string)).toBe(true);
      const sessions = await database.db.select().from(schema.staffSessions);
      expect(sessions).toEqual([]);
    } finally {
      await database.close();
    }
  }, 60_000);

  test("refuses a bad email or a weak chosen password with a clear message and exit code", async () => {
    await expect(recover(["not-an-email"])).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Usage"),
    });
    await expect(
      recover(["lost@example.test"], { AUTOBOLT_NEW_PASSWORD: "password123" }),
    ).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining("refused"),
    });
  }, 60_000);
});
