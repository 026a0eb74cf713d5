/**
 * AutoBolt as its workers see it: server processes in front of PostgreSQL, and consumers that
 * claim and complete jobs through the typed tRPC client over real HTTP.
 */
import type { AppRouter } from "@autobolt/server";
import { createTRPCClient, httpBatchLink, httpLink, type TRPCClient } from "@trpc/client";
import postgres from "postgres";
import { startAutoboltServers } from "../../support/autobolt-servers.ts";
import type { QueueHost, SetupHost, StartConsumers } from "./types.ts";

export const setupAutobolt: SetupHost = async (database, options) => {
  const servers = await startAutoboltServers(database.url, options);
  const sql = postgres(database.url, { max: 2, onnotice: () => {} });
  const [customer] = await sql<{ id: string }[]>`
    insert into customers (business_name, email, phone, address, city, state, zip)
    values ('Bench Bakery', 'owner@bench.test', '5125550100', '1 Main St', 'Austin', 'TX', '78701')
    returning id`;
  const host: QueueHost = {
    targets: servers.urls,
    apiKey: servers.apiKey,
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
      await servers.close();
      await sql.end();
    },
  };
  return host;
};

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
  const stop = new AbortController();
  const errors: string[] = [];
  const loops = Array.from({ length: config.consumers }, (_, i) => {
    const url = `${config.targets[i % config.targets.length]}/trpc`;
    // Each consumer is a worker with its own client: tRPC's batch link joins the calls made in the
    // same tick, and one worker's long poll must not hold another worker's answers.
    const client = {
      single: createTRPCClient<AppRouter>({ links: [httpLink({ url, headers })] }),
      batched: createTRPCClient<AppRouter>({ links: [httpBatchLink({ url, headers })] }),
    };
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
