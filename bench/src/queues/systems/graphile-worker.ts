/** graphile-worker with its own runner and job API, talking to PostgreSQL directly. */
import { Logger, makeWorkerUtils, run, runMigrations } from "graphile-worker";
import pg from "pg";
import type { BenchPayload } from "../protocol.ts";
import type { QueueHost, SetupHost, StartConsumers } from "./types.ts";

// graphile-worker logs every job at info level; a benchmark of 20,000 jobs would measure the logger.
const silent = new Logger(() => () => {});

export const setupGraphileWorker: SetupHost = async (database) => {
  // Our own pool, ended and awaited on close: graphile-worker's own does not wait for its pool to
  // end, so dropping the database right after killed a connection nobody listened to any more.
  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  pool.on("error", () => {});
  await runMigrations({ pgPool: pool, logger: silent });
  const utils = await makeWorkerUtils({ pgPool: pool, logger: silent });
  const host: QueueHost = {
    targets: [database.url],
    async enqueue(ns) {
      if (ns.length === 1) await utils.addJob("bench", { n: ns[0] as number } satisfies BenchPayload);
      else
        await utils.addJobs(ns.map((n) => ({ identifier: "bench", payload: { n } satisfies BenchPayload })));
    },
    async unfinishedCount() {
      // Completed jobs are deleted: whatever is left is unfinished.
      const { rows } = await utils.withPgClient((client) =>
        client.query<{ n: number }>("select count(*)::int as n from graphile_worker.jobs"),
      );
      return rows[0]?.n ?? 0;
    },
    async close() {
      await utils.release();
      await pool.end();
    },
  };
  return host;
};

export const startGraphileConsumers: StartConsumers = async (config, work) => {
  const errors: string[] = [];
  const runner = await run({
    connectionString: config.targets[0],
    concurrency: config.consumers,
    noHandleSignals: true,
    logger: silent,
    // The documented pool size: concurrency + 2.
    maxPoolSize: config.consumers + 2,
    taskList: {
      bench: async (payload) => {
        await work((payload as BenchPayload).n);
      },
    },
    preset:
      config.batchSize > 1
        ? // Batching as the documentation describes it: a local queue of locked jobs, and
          // completions gathered into one statement.
          { worker: { localQueue: { size: config.batchSize }, completeJobBatchDelay: 0 } }
        : {},
  });
  runner.events.on("job:error", ({ error }) => errors.push(String(error)));
  return {
    errors,
    async stop() {
      await runner.stop();
    },
  };
};
