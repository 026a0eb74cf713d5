import { randomUUID } from "node:crypto";
import type { DirectoryFields } from "@autobolt/contract";
import { upsertDirectories } from "@autobolt/db";
import { createTestDatabase, type TestDatabase } from "@autobolt/db/testing";
import { createTRPCClient, httpLink, TRPCClientError } from "@trpc/client";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { createServices, type RunningServer, startServer } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { proofUrl } from "../src/proofs/issued.ts";
import { type AppRouter, createCaller } from "../src/root.ts";
import { createInnerContext, type Services } from "../src/trpc.ts";

export const API_KEY = "test-worker-key-0123456789";
export const ADMIN = { email: "admin@example.test", password: "correct horse battery" };

export function testConfig(overrides: Record<string, string> = {}) {
  return loadConfig({
    PORT: "0",
    AUTOBOLT_API_KEY: API_KEY,
    AUTOBOLT_ADMIN_EMAIL: ADMIN.email,
    AUTOBOLT_ADMIN_PASSWORD: ADMIN.password,
    LOG_LEVEL: "silent",
    AUTOBOLT_DATA_DIR: "/nonexistent-data-dir-unused",
    ...overrides,
  });
}

/** A migrated database of this file's own, with the services procedures run on. */
export async function setupServices(overrides: Record<string, string> = {}) {
  const database = await createTestDatabase();
  const services = await createServices(testConfig(overrides), { database });
  return {
    database,
    services,
    async close() {
      await services.bus.close();
      await database.close();
    },
  };
}

export async function setupServer(overrides: Record<string, string> = {}, database?: TestDatabase) {
  const db = database ?? (await createTestDatabase());
  const server = await startServer(testConfig(overrides), { database: db });
  return {
    database: db,
    server,
    async close() {
      await server.close();
      await db.close();
    },
  };
}

/**
 * Another server process on the same database: on a real PostgreSQL a server of its own (its own
 * connection pool, as a second process would have); embedded, the one in-memory database shared.
 */
export async function startPeerServer(
  database: TestDatabase,
  overrides: Record<string, string> = {},
): Promise<RunningServer> {
  if (database.url) return startServer(testConfig({ ...overrides, DATABASE_URL: database.url }));
  return startServer(testConfig(overrides), { database });
}

export const staffUser = {
  id: "00000000-0000-4000-8000-000000000001",
  email: "sam@example.test",
  name: "Sam",
  role: "staff" as const,
};
export const adminUser = { ...staffUser, email: "ada@example.test", name: "Ada", role: "admin" as const };

export function callerAs(services: Services, who: "staff" | "admin" | "worker" | "anonymous") {
  return createCaller(
    createInnerContext(services, {
      user: who === "staff" ? staffUser : who === "admin" ? adminUser : undefined,
      isWorker: who === "worker",
    }),
  );
}

export function workerClient(server: RunningServer, apiKey = API_KEY) {
  return createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${server.url}/trpc`, headers: { authorization: `Bearer ${apiKey}` } })],
  });
}

/** A real 1×1 PNG. */
export const tinyPng = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);

/** A proof as the screenshot upload stores it, and the URL the upload would have answered. */
export async function storedProof(services: Services): Promise<string> {
  const id = randomUUID();
  await services.proofs.put(id, { contentType: "image/png", bytes: tinyPng });
  return proofUrl(id, "png");
}

export { exampleCustomer as customer } from "@autobolt/db/testing";

export function directory(i: number, extra: Partial<DirectoryFields> = {}): DirectoryFields {
  return {
    id: `dir-${String(i).padStart(3, "0")}`,
    name: `Directory ${i}`,
    url: `https://dir${i}.example.test`,
    submissionUrl: `https://dir${i}.example.test/add`,
    category: "general",
    domainAuthority: i,
    requiresLogin: false,
    requiresCaptcha: false,
    requiresEmailVerification: false,
    requiresPhoneVerification: false,
    active: true,
    recipe: null,
    listingSearch: null,
    notes: "",
    formEmail: "campaign",
    ...extra,
  };
}

export async function seedCatalog(services: Services, count: number) {
  await upsertDirectories(
    services.database.db,
    Array.from({ length: count }, (_, i) => directory(i + 1)),
  );
}

/** The tRPC error code and domain code of a rejected call. */
export async function rejection(
  promise: Promise<unknown>,
): Promise<{ code: string; appCode?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TRPCClientError) {
      return { code: error.data?.code, appCode: error.data?.appCode, message: error.message };
    }
    const e = error as { code?: string; message: string; cause?: { code?: string } };
    return { code: e.code ?? "UNKNOWN", appCode: e.cause?.code, message: e.message };
  }
  throw new Error("expected the call to be rejected, but it succeeded");
}

/**
 * The usual test file: one migrated database for the file, emptied and seeded with `directories`
 * catalog entries before each test, and a caller per role.
 */
export function servicesPerTest(directories: number) {
  let current: Awaited<ReturnType<typeof setupServices>> | undefined;
  beforeAll(async () => {
    current = await setupServices();
  });
  afterAll(() => current?.close());
  beforeEach(async () => {
    await env().database.truncate();
    await seedCatalog(env().services, directories);
  });
  const env = () => {
    if (!current) throw new Error("the test services are not set up yet (call inside a test)");
    return current;
  };
  return {
    env,
    staff: () => callerAs(env().services, "staff"),
    admin: () => callerAs(env().services, "admin"),
    worker: () => callerAs(env().services, "worker"),
  };
}
