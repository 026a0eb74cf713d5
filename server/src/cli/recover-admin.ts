/**
 * `pnpm recover-admin <email>`: run on a server host with the server's own settings (DATABASE_URL,
 * or AUTOBOLT_DATA_DIR for the embedded database — stop the server first then, PGlite allows one
 * process). The account becomes an active admin with a new generated password, printed once;
 * its sessions end and its sign-in throttle is cleared. With AUTOBOLT_NEW_PASSWORD set, that
 * password is used instead (it must pass the password policy).
 */
import path from "node:path";
import { clearSignInAttempts, createDb, recoverAdmin } from "@autobolt/db";
import { z } from "zod";
import { hashPassword } from "../auth/password.ts";
import { passwordProblem } from "../auth/password-policy.ts";
import { newSecret } from "../auth/tokens.ts";
import { loadConfig } from "../config.ts";

const email = z.email().max(254).safeParse(process.argv[2]?.trim());
if (!email.success) {
  process.stderr.write(
    "Usage: pnpm recover-admin <email>\n  The account with that email becomes an active admin with a new password.\n",
  );
  process.exit(2);
}

const config = loadConfig();
const chosen = process.env.AUTOBOLT_NEW_PASSWORD;
const password = chosen ?? newSecret(12);
const problem = passwordProblem(password, [email.data]);
if (problem) {
  process.stderr.write(`AUTOBOLT_NEW_PASSWORD is refused. ${problem}\n`);
  process.exit(2);
}

let database: Awaited<ReturnType<typeof createDb>>;
try {
  database = await createDb({
    url: config.databaseUrl,
    dataDir: config.databaseUrl ? undefined : path.join(config.dataDir, "db"),
    maxConnections: 1,
  });
} catch (error) {
  process.stderr.write(
    `The database could not be opened: ${(error as Error).message}\n` +
      (config.databaseUrl
        ? ""
        : "With the embedded database, stop the server first: only one process may open it.\n"),
  );
  process.exit(1);
}
try {
  const { created } = await recoverAdmin(database.db, {
    email: email.data,
    name: "Administrator",
    passwordHash: await hashPassword(password),
  });
  await clearSignInAttempts(database.db, `account:${email.data.toLowerCase()}`);
  process.stdout.write(
    `${created ? "Created" : "Recovered"} the admin account ${email.data}; its other sessions are signed out.\n` +
      (chosen
        ? "It signs in with AUTOBOLT_NEW_PASSWORD.\n"
        : `  password: ${password}\n(shown once; change it under My account after signing in)\n`),
  );
} finally {
  await database.close();
}
