/**
 * AutoBolt beside graphile-worker and pg-boss on the same PostgreSQL, in the same run: throughput
 * (one job per claim, and batched), pickup latency, crash recovery.
 */

import type { SystemName } from "../queues/protocol.ts";
import {
  type Layout,
  measureCrashRecovery,
  measurePickup,
  measureThroughput,
  type ThroughputResult,
} from "../queues/run.ts";
import { pgBossHeartbeatSeconds } from "../queues/systems/pg-boss.ts";
import type { BenchSection } from "../section.ts";
import { machineLine } from "../support/machine.ts";
import { durabilitySettings, serverUrl } from "../support/pg.ts";
import { ms } from "../support/stats.ts";
import { markdownTable } from "../support/table.ts";

const env = process.env;
const all: SystemName[] = ["autobolt", "graphile-worker", "pg-boss"];
const chosen = (env.BENCH_SYSTEMS?.split(",") as SystemName[] | undefined) ?? all;
const others = (system: SystemName) => system !== "autobolt";

function settings() {
  return {
    jobs: Number(env.BENCH_QUEUE_JOBS ?? 20_000),
    consumers: Number(env.BENCH_CONSUMERS ?? 16),
    processes: Number(env.BENCH_CONSUMER_PROCESSES ?? 2),
    servers: Number(env.BENCH_AUTOBOLT_SERVERS ?? 1),
    batchSize: Number(env.BENCH_BATCH_SIZE ?? 50),
    pickupTries: Number(env.BENCH_PICKUP_TRIES ?? 200),
    leaseSeconds: Number(env.BENCH_LEASE_SECONDS ?? 10),
    crashWaitSeconds: Number(env.BENCH_CRASH_WAIT_SECONDS ?? 90),
    parts: (env.BENCH_QUEUE_PARTS ?? "single,batch,pickup,crash").split(","),
  };
}

/** AutoBolt's figure over the best of the others: above 1 is better for throughput. */
function ratio(values: Map<SystemName, number>, higherIsBetter: boolean): string {
  const ours = values.get("autobolt");
  const theirs = [...values]
    .filter(([s]) => others(s))
    .map(([, v]) => v)
    .filter(Number.isFinite);
  if (ours === undefined || theirs.length === 0) return "–";
  const best = higherIsBetter ? Math.max(...theirs) : Math.min(...theirs);
  return `${(higherIsBetter ? ours / best : best / ours).toFixed(2)}×`;
}

function throughputCell(r: ThroughputResult): string {
  const base = `${Math.round(r.perSecond)} jobs/s`;
  if (r.valid) return base;
  return `VOID (${r.duplicates} double, ${r.lost} lost, ${r.unfinished} unfinished${r.errors[0] ? `; ${r.errors[0]}` : ""})`;
}

export const queuesSection: BenchSection = {
  id: "queues",
  title: "AutoBolt beside graphile-worker and pg-boss",
  async run({ progress }) {
    const s = settings();
    const layout: Layout = {
      processes: s.processes,
      consumers: s.consumers,
      host: { leaseSeconds: s.leaseSeconds, servers: s.servers },
    };
    const rows: string[][] = [];
    const runThroughput = async (label: string, batchSize: number) => {
      const values = new Map<SystemName, number>();
      const cells: string[] = [];
      for (const system of chosen) {
        progress(`queues: ${system} ${label}…`);
        const result = await measureThroughput(system, layout, { jobs: s.jobs, batchSize });
        progress(`queues: ${system} ${label}: ${throughputCell(result)} (${result.seconds.toFixed(1)} s)`);
        if (result.valid) values.set(system, result.perSecond);
        cells.push(throughputCell(result));
      }
      rows.push([label, ...cells, ratio(values, true)]);
    };
    if (s.parts.includes("single")) await runThroughput("Throughput, one job per claim", 1);
    if (s.parts.includes("batch"))
      await runThroughput(`Throughput, batched claims of ${s.batchSize}`, s.batchSize);
    if (s.parts.includes("pickup")) {
      const p50 = new Map<SystemName, number>();
      const p95 = new Map<SystemName, number>();
      for (const system of chosen) {
        progress(`queues: ${system} pickup latency…`);
        const result = await measurePickup(system, layout, { tries: s.pickupTries });
        p50.set(system, result.p50);
        p95.set(system, result.p95);
        progress(`queues: ${system} pickup p50 ${ms(result.p50)} p95 ${ms(result.p95)}`);
      }
      rows.push([
        `Pickup latency p50 (${s.pickupTries} tries)`,
        ...chosen.map((x) => ms(p50.get(x) ?? Number.NaN)),
        ratio(p50, false),
      ]);
      rows.push([
        `Pickup latency p95`,
        ...chosen.map((x) => ms(p95.get(x) ?? Number.NaN)),
        ratio(p95, false),
      ]);
    }
    if (s.parts.includes("crash")) {
      const values = new Map<SystemName, number>();
      const cells: string[] = [];
      for (const system of chosen) {
        progress(`queues: ${system} crash recovery…`);
        const result = await measureCrashRecovery(system, layout, { maxWaitSeconds: s.crashWaitSeconds });
        values.set(system, result.recovered ? result.seconds : Number.POSITIVE_INFINITY);
        cells.push(
          result.recovered ? `${result.seconds.toFixed(1)} s` : `not within ${s.crashWaitSeconds} s`,
        );
        progress(`queues: ${system} crash recovery: ${cells.at(-1)}`);
      }
      rows.push(["Crash recovery (kill -9 mid-job → claimable)", ...cells, ratio(values, false)]);
    }
    return [
      `## ${this.title}`,
      "",
      `${s.jobs.toLocaleString("en")} no-op jobs, ${s.consumers} consumers in ${s.processes} processes per system; AutoBolt through ${s.servers} server process(es) over HTTP with the tRPC client, the others talking to PostgreSQL directly. Each figure on a fresh database; ratio = AutoBolt over the best of the others (above 1× is better).`,
      "",
      markdownTable(["", ...chosen, "AutoBolt ratio"], rows),
      "",
      `Crash settings: AutoBolt lease ${s.leaseSeconds} s (AUTOBOLT_LEASE_SECONDS), pg-boss heartbeatSeconds ${pgBossHeartbeatSeconds(s.leaseSeconds)} with its default 60 s supervision, graphile-worker's fixed 4 h lock expiry.`,
      `Machine: ${machineLine()}. PostgreSQL ${serverUrl.replace(/\/\/[^@]*@/, "//")}: ${await durabilitySettings()}.`,
    ].join("\n");
  },
};
