import { type ClaimedFollowUp, claimedFollowUp } from "@autobolt/contract";
import { upsertDirectories } from "@autobolt/db";
import { createTestDatabase, exampleCustomer, type TestDatabase } from "@autobolt/db/testing";
import { type Sandbox, sandboxCatalog, startSandbox } from "@autobolt/sandbox";
import {
  createCaller,
  createInnerContext,
  loadConfig,
  type RunningServer,
  startServer,
} from "@autobolt/server";

export const API_KEY = "worker-test-key-0123456789";

export { exampleCustomer as customer };

export function serverConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    PORT: "0",
    AUTOBOLT_API_KEY: API_KEY,
    AUTOBOLT_ADMIN_EMAIL: "admin@example.test",
    AUTOBOLT_ADMIN_PASSWORD: "correct horse battery",
    LOG_LEVEL: "silent",
    ...overrides,
  });
}

export interface Stack {
  sandbox: Sandbox;
  database: TestDatabase;
  server: RunningServer;
  staff: ReturnType<typeof createCaller>;
  close(): Promise<void>;
}

/** A real server on a fresh database, with the sandbox's practice sites as its catalog. */
export async function startStack(overrides: Record<string, string> = {}, dataDir?: string): Promise<Stack> {
  const sandbox = await startSandbox({ port: 0 });
  const database = await createTestDatabase();
  const server = await startServer(
    serverConfig({ ...(dataDir ? { AUTOBOLT_DATA_DIR: dataDir } : {}), ...overrides }),
    {
      database,
    },
  );
  await upsertDirectories(database.db, sandboxCatalog(sandbox));
  const staff = createCaller(
    createInnerContext(server.services, {
      user: {
        id: "00000000-0000-4000-8000-000000000001",
        email: "sam@example.test",
        name: "Sam",
        role: "staff",
      },
    }),
  );
  return {
    sandbox,
    database,
    server,
    staff,
    async close() {
      await server.close();
      await database.close();
      await sandbox.close();
    },
  };
}

export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * A follow-up as a worker receives it, for driving the worker's link and listing checks directly
 * (no server): the directory at `directoryUrl`, the example customer, nothing leased for real.
 */
export function followUpTask(options: {
  kind: ClaimedFollowUp["kind"];
  link: string;
  directoryUrl: string;
  submissionUrl?: string;
  name?: string;
  search?: ClaimedFollowUp["search"];
  account?: ClaimedFollowUp["account"];
  formEmail?: string;
}): ClaimedFollowUp {
  const now = new Date();
  const formEmail = options.formEmail ?? exampleCustomer.email;
  return claimedFollowUp.parse({
    id: crypto.randomUUID(),
    kind: options.kind,
    leaseToken: crypto.randomUUID(),
    leaseExpiresAt: now,
    attempts: 0,
    jobId: crypto.randomUUID(),
    resultId: crypto.randomUUID(),
    link: options.link,
    message: null,
    directory: {
      id: "test-directory",
      name: options.name ?? "Test Directory",
      url: options.directoryUrl,
      submissionUrl: options.submissionUrl ?? options.directoryUrl,
      category: "general",
      requiresLogin: options.account !== undefined,
      requiresCaptcha: false,
      requiresEmailVerification: options.kind === "confirm_email",
      requiresPhoneVerification: false,
      recipe: null,
      learned: null,
      interrupted: false,
      formEmail,
    },
    customer: {
      ...exampleCustomer,
      id: crypto.randomUUID(),
      website: exampleCustomer.website ?? null,
      description: null,
      category: null,
      createdAt: now,
      updatedAt: now,
    },
    formEmail,
    search: options.search ?? null,
    account: options.account ?? null,
  });
}
