/** pg-boss with its own job API, talking to PostgreSQL directly. */
import { PgBoss } from "pg-boss";
import type { BenchPayload } from "../protocol.ts";
import type { QueueHost, SetupHost, StartConsumers } from "./types.ts";

const QUEUE = "bench";

/** pg-boss's heartbeat for AutoBolt's lease: as close as pg-boss allows (10 s at least). */
export const pgBossHeartbeatSeconds = (leaseSeconds: number) => Math.max(10, leaseSeconds);

export const setupPgBoss: SetupHost = async (database, options) => {
  const boss = new PgBoss({ connectionString: database.url, max: 4 });
  boss.on("error", () => {});
  await boss.start();
  await boss.createQueue(QUEUE, {
    // NOTIFY wakes idle workers instead of their polling interval; the heartbeat is what lets a
    // crashed worker's job go to another (without it, only expireInSeconds: 15 minutes).
    notify: true,
    heartbeatSeconds: pgBossHeartbeatSeconds(options.leaseSeconds),
  });
  const host: QueueHost = {
    targets: [database.url],
    async enqueue(ns) {
      if (ns.length === 1) await boss.send(QUEUE, { n: ns[0] as number } satisfies BenchPayload);
      else
        await boss.insert(
          QUEUE,
          ns.map((n) => ({ data: { n } satisfies BenchPayload })),
        );
    },
    async unfinishedCount() {
      const { rows } = await boss
        .getDb()
        .executeSql(`select count(*)::int as n from pgboss.job where name = $1 and state <> 'completed'`, [
          QUEUE,
        ]);
      return (rows[0] as { n: number } | undefined)?.n ?? 0;
    },
    async close() {
      await boss.stop({ graceful: false, close: true });
    },
  };
  return host;
};

export const startPgBossConsumers: StartConsumers = async (config, work) => {
  const errors: string[] = [];
  const boss = new PgBoss({
    connectionString: config.targets[0],
    max: config.consumers + 2,
    useListenNotify: true,
    migrate: false,
  });
  boss.on("error", (error) => errors.push(error.message));
  await boss.start();
  let stopped = false;
  let loops: Promise<void>[] = [];

  if (config.mode === "drain") {
    // A fetch-and-complete loop: work() with one job per fetch sleeps between fetches.
    const loop = async () => {
      while (!stopped) {
        const jobs = await boss.fetch<BenchPayload>(QUEUE, { batchSize: config.batchSize });
        if (jobs.length === 0) {
          await new Promise((resolve) => setTimeout(resolve, 25));
          continue;
        }
        for (const job of jobs) await work(job.data.n);
        await boss.complete(
          QUEUE,
          jobs.map((job) => job.id),
        );
      }
    };
    loops = Array.from({ length: config.consumers }, () =>
      loop().catch((error: Error) => {
        if (!stopped) errors.push(error.message);
      }),
    );
  } else {
    // An idle worker as pg-boss documents it: work() woken by NOTIFY, heartbeats while running.
    await boss.work<BenchPayload>(
      QUEUE,
      { localConcurrency: config.consumers, batchSize: config.batchSize },
      async (jobs) => {
        for (const job of jobs) await work(job.data.n);
      },
    );
  }
  return {
    errors,
    async stop() {
      stopped = true;
      await Promise.all(loops);
      await boss.stop({ graceful: false, close: true });
    },
  };
};
