/**
 * AutoBolt as its workers see it: server processes in front of PostgreSQL, and consumers that
 * claim and complete jobs through the typed tRPC client over real HTTP.
 */
import { createServerApi, type ServerApi, withCallSignal } from "@autobolt/worker/api";
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

export const startAutoboltConsumers: StartConsumers = async (config, work) => {
  const stop = new AbortController();
  const errors: string[] = [];
  // One API client per server, shared by this process's consumers, as a worker process shares one
  // between its slots: calls made together (claims and completions of several consumers) travel
  // as one HTTP request, while each long poll goes alone.
  const apis = config.targets.map((url) => createServerApi(url, config.apiKey as string));
  const loops = Array.from({ length: config.consumers }, (_, i) => {
    const api = apis[i % apis.length] as ServerApi;
    return consume(api, `${config.name}-${i}`).catch((error: Error) => {
      if (!stop.signal.aborted) errors.push(error.message);
    });
  });

  /**
   * One job per claim through `next`, or up to batchSize through `nextBatch`. With waitMs the claim
   * long-polls (an idle worker); without, it answers at once and can share a request.
   */
  async function claim(api: ServerApi, workerId: string, waitMs: number) {
    return withCallSignal(stop.signal, async (signal) => {
      if (config.batchSize > 1) {
        const { jobs } = await api.jobs.nextBatch.mutate(
          { workerId, limit: config.batchSize, waitMs },
          { signal },
        );
        return jobs;
      }
      const claimed = await api.jobs.next.mutate({ workerId, waitMs }, { signal });
      return claimed.job ? [claimed] : [];
    });
  }

  async function consume(api: ServerApi, workerId: string) {
    let jobs = await claim(api, workerId, 5_000);
    while (!stop.signal.aborted) {
      if (jobs.length === 0) {
        jobs = await claim(api, workerId, 5_000);
        continue;
      }
      const leases = await Promise.all(
        jobs.map(async ({ job }) => {
          const lease = { jobId: job.id, leaseToken: job.leaseToken as string };
          // A worker mid-job keeps its lease alive, as the real worker does; killing it stops that.
          const beat = config.mode === "hold" ? keepLease(api, lease) : undefined;
          await work((job.metadata as { n: number }).n);
          clearInterval(beat);
          return lease;
        }),
      );
      // A busy worker completes what it did and claims more in one round trip (tRPC batching);
      // a batch of jobs is completed in one call.
      const [next] = await Promise.all([
        claim(api, workerId, 0),
        config.batchSize > 1
          ? api.jobs.completeBatch.mutate({ leases })
          : api.jobs.complete.mutate(leases[0] as (typeof leases)[number]),
      ]);
      jobs = next;
    }
  }

  function keepLease(api: ServerApi, lease: { jobId: string; leaseToken: string }) {
    return setInterval(() => {
      api.jobs.heartbeat.mutate(lease).catch((error: Error) => errors.push(error.message));
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
