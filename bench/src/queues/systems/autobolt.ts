/**
 * AutoBolt as its workers see it: server processes in front of PostgreSQL, and consumers that
 * claim and complete jobs through the typed tRPC client over real HTTP.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb } from "@autobolt/db";
import type { AppRouter } from "@autobolt/server";
import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from "@trpc/client";
import postgres from "postgres";
import { type Child, freePort, repoRoot, startChild } from "../../support/processes.ts";
import type { QueueHost, SetupHost, StartConsumers } from "./types.ts";

const API_KEY = "bench-worker-key-0123456789abcdef";

export const setupAutobolt: SetupHost = async (database, options) => {
  // Opening it once migrates it; the servers then find the schema ready.
  const migrated = await createDb({ url: database.url, maxConnections: 1 });
  await migrated.close();
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const [customer] = await sql<{ id: string }[]>`
    insert into customers (business_name, email, phone, address, city, state, zip)
    values ('Bench Bakery', 'owner@bench.test', '5125550100', '1 Main St', 'Austin', 'TX', '78701')
    returning id`;
  const dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-bench-"));
  const servers: Child<never, never>[] = [];
  const targets: string[] = [];
  for (let i = 0; i < options.servers; i++) {
    const port = await freePort();
    servers.push(
      startChild(path.join(repoRoot, "server/src/main.ts"), {
        DATABASE_URL: database.url,
        PORT: String(port),
        AUTOBOLT_API_KEY: API_KEY,
        AUTOBOLT_ADMIN_PASSWORD: "bench-admin-password",
        AUTOBOLT_DATA_DIR: dataDir,
        AUTOBOLT_LEASE_SECONDS: String(options.leaseSeconds),
        LOG_LEVEL: "warn",
      }),
    );
    targets.push(`http://127.0.0.1:${port}`);
  }
  await Promise.all(targets.map(waitForHealth));
  const host: QueueHost = {
    targets,
    apiKey: API_KEY,
    async enqueue(ns) {
      await sql`
        insert into jobs (customer_id, package_size, business_name, email, metadata)
        select ${customer?.id as string}, 1, 'Bench Bakery', 'owner@bench.test', jsonb_build_object('n', n)
        from unnest(${ns}::int[]) as n`;
    },
    async unfinishedCount() {
      const [row] = await sql<
        { n: number }[]
      >`select count(*)::int as n from jobs where status <> 'complete'`;
      return row?.n ?? 0;
    },
    async close() {
      await Promise.all(servers.map((server) => server.kill("SIGTERM")));
      await sql.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return host;
};

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

type Client = TRPCClient<AppRouter>;

/**
 * A signal for one call that aborts with `parent`. tRPC's client adds a listener to the signal it
 * is given and never removes it, so a long-lived signal passed to every call piles up listeners.
 */
async function callSignal<T>(parent: AbortSignal, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  parent.addEventListener("abort", abort, { once: true });
  try {
    return await call(controller.signal);
  } finally {
    parent.removeEventListener("abort", abort);
  }
}

export const startAutoboltConsumers: StartConsumers = async (config, work) => {
  const headers = { authorization: `Bearer ${config.apiKey}` };
  // Completions of one batch go out together: tRPC's batch link sends them as one request.
  const clients = config.targets.map((url) => ({
    single: createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers })] }),
    batched: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${url}/trpc`, headers })] }),
  }));
  const stop = new AbortController();
  const errors: string[] = [];
  const loops = Array.from({ length: config.consumers }, (_, i) => {
    const client = clients[i % clients.length] as { single: Client; batched: Client };
    const workerId = `${config.name}-${i}`;
    return consume(client, workerId).catch((error: Error) => {
      if (!stop.signal.aborted) errors.push(error.message);
    });
  });

  async function consume(client: { single: Client; batched: Client }, workerId: string) {
    const claim = () =>
      callSignal(stop.signal, (signal) =>
        client.batched.autobolt.jobs.nextBatch.mutate(
          { workerId, limit: config.batchSize, waitMs: 5_000 },
          { signal },
        ),
      );
    let claimed = await claim();
    while (!stop.signal.aborted) {
      if (claimed.jobs.length === 0) {
        claimed = await claim();
        continue;
      }
      const leases = await Promise.all(
        claimed.jobs.map(async ({ job }) => {
          const lease = { jobId: job.id, leaseToken: job.leaseToken as string };
          // A worker mid-job keeps its lease alive, as the real worker does; killing it stops that.
          const beat = config.mode === "hold" ? keepLease(client.single, lease) : undefined;
          await work((job.metadata as { n: number }).n);
          clearInterval(beat);
          return lease;
        }),
      );
      // The completions and the next claim leave together, as one HTTP request (tRPC batching).
      const [next] = await Promise.all([
        claim(),
        ...leases.map((lease) => client.batched.autobolt.jobs.complete.mutate(lease)),
      ]);
      claimed = next;
    }
  }

  function keepLease(client: Client, lease: { jobId: string; leaseToken: string }) {
    return setInterval(() => {
      client.autobolt.jobs.heartbeat.mutate(lease).catch((error: Error) => errors.push(error.message));
    }, 1_000);
  }

  return {
    errors,
    async stop() {
      stop.abort();
      await Promise.all(loops);
    },
  };
};
