/**
 * The three measurements of the queue comparison, each on a fresh database: throughput of a
 * backlog drained by concurrent consumers (every execution accounted for), pickup latency of a job
 * created while the workers are idle, and recovery of a job whose worker was killed mid-job.
 */
import { fileURLToPath } from "node:url";
import { freshDatabase } from "../support/pg.ts";
import { type Child, startChild } from "../support/processes.ts";
import { nowMs, summarize } from "../support/stats.ts";
import type { ConsumerConfig, ConsumerMode, FromConsumer, SystemName, ToConsumer } from "./protocol.ts";
import { systems } from "./systems/index.ts";
import type { HostOptions, QueueHost } from "./systems/types.ts";

const consumerModule = fileURLToPath(new URL("./consumer.ts", import.meta.url));
type Consumer = Child<ToConsumer, FromConsumer>;

export interface Layout {
  /** Consumer processes; the consumers are spread evenly over them. */
  processes: number;
  consumers: number;
  host: HostOptions;
}

async function withHost<T>(system: SystemName, host: HostOptions, body: (host: QueueHost) => Promise<T>) {
  const database = await freshDatabase(system);
  try {
    const queueHost = await systems[system].setup(database, host);
    try {
      return await body(queueHost);
    } finally {
      await queueHost.close();
    }
  } finally {
    await database.drop();
  }
}

async function startConsumers(
  system: SystemName,
  host: QueueHost,
  options: { processes: number; consumers: number; batchSize: number; mode: ConsumerMode; name: string },
): Promise<Consumer[]> {
  const children = Array.from({ length: options.processes }, (_, p) => {
    const child = startChild<ToConsumer, FromConsumer>(consumerModule);
    const config: ConsumerConfig = {
      system,
      mode: options.mode,
      consumers:
        Math.floor(options.consumers / options.processes) +
        (p < options.consumers % options.processes ? 1 : 0),
      batchSize: options.batchSize,
      targets: host.targets,
      apiKey: host.apiKey,
      name: `${options.name}-p${p}`,
    };
    child.send({ type: "start", config });
    return child;
  });
  await Promise.all(children.map((child) => child.next((m) => m.type === "ready", 60_000)));
  return children;
}

async function stopConsumers(children: Consumer[]) {
  const done = await Promise.all(
    children.map(async (child) => {
      child.send({ type: "stop" });
      const result = await child.next((m): m is Extract<FromConsumer, { type: "done" }> => m.type === "done");
      await child.exit(5_000);
      return result;
    }),
  );
  return done;
}

export interface ThroughputResult {
  jobs: number;
  seconds: number;
  perSecond: number;
  duplicates: number;
  lost: number;
  unfinished: number;
  errors: string[];
  /** False when any job ran twice or never: the figure does not count. */
  valid: boolean;
}

/**
 * A backlog of `jobs` created in one transaction while every consumer waits, drained with no-op
 * work. Timed from the first execution to the last, so start-up and wake-up are left out (pickup
 * latency measures those); every execution is counted by its job's number.
 */
export async function measureThroughput(
  system: SystemName,
  layout: Layout,
  options: { jobs: number; batchSize: number },
): Promise<ThroughputResult> {
  return withHost(system, layout.host, async (host) => {
    const children = await startConsumers(system, host, {
      ...layout,
      batchSize: options.batchSize,
      mode: "drain",
      name: "drain",
    });
    const counts = new Map<Consumer, number>();
    for (const child of children)
      child.onMessage((m) => {
        if (m.type === "progress") counts.set(child, m.executed);
      });
    const all = Array.from({ length: options.jobs }, (_, i) => i + 1);
    for (let i = 0; i < all.length; i += 10_000) await host.enqueue(all.slice(i, i + 10_000));
    let last = -1;
    let stalledSince = nowMs();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      if (total >= options.jobs) break;
      if (total !== last) {
        last = total;
        stalledSince = nowMs();
      } else if (nowMs() - stalledSince > 30_000) break;
    }
    // A moment for any duplicate execution still in flight to show up in the count.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const done = await stopConsumers(children);
    const seen = new Uint32Array(options.jobs + 1);
    let executions = 0;
    for (const d of done)
      for (const n of d.executed) {
        executions += 1;
        if (n >= 1 && n <= options.jobs) seen[n] = (seen[n] ?? 0) + 1;
      }
    let distinct = 0;
    for (let n = 1; n <= options.jobs; n++) if ((seen[n] ?? 0) > 0) distinct += 1;
    const firstAt = Math.min(...done.filter((d) => d.firstAt > 0).map((d) => d.firstAt));
    const lastAt = Math.max(...done.map((d) => d.lastAt));
    const seconds = (lastAt - firstAt) / 1000;
    const unfinished = await host.unfinishedCount();
    const duplicates = executions - distinct;
    const lost = options.jobs - distinct;
    return {
      jobs: options.jobs,
      seconds,
      perSecond: seconds > 0 ? (options.jobs - 1) / seconds : 0,
      duplicates,
      lost,
      unfinished,
      errors: done.flatMap((d) => d.errors).slice(0, 5),
      valid: duplicates === 0 && lost === 0 && unfinished === 0,
    };
  });
}

/**
 * One job at a time, created while the consumers wait, timed from the create call until a
 * consumer has the job in hand.
 */
export async function measurePickup(system: SystemName, layout: Layout, options: { tries: number }) {
  return withHost(system, layout.host, async (host) => {
    const children = await startConsumers(system, host, {
      ...layout,
      batchSize: 1,
      mode: "pickup",
      name: "idle",
    });
    const arrivals = new Map<number, number>();
    let waiting: { n: number; resolve: () => void } | undefined;
    for (const child of children)
      child.onMessage((m) => {
        if (m.type !== "got") return;
        arrivals.set(m.n, m.at);
        if (waiting?.n === m.n) waiting.resolve();
      });
    const latencies: number[] = [];
    for (let n = 1; n <= options.tries; n++) {
      // Idle for a moment between jobs, as a worker waiting for work is.
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.random() * 30));
      const arrived = new Promise<void>((resolve) => {
        waiting = { n, resolve };
      });
      const createdAt = nowMs();
      await host.enqueue([n]);
      await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      const at = arrivals.get(n);
      latencies.push(at === undefined ? Number.POSITIVE_INFINITY : at - createdAt);
    }
    await stopConsumers(children);
    return summarize(latencies);
  });
}

/**
 * A consumer takes a job and is killed (SIGKILL) in the middle of it; a standby consumer is idle.
 * Measured from the kill until the standby has the job, or "not within" the wait.
 */
export async function measureCrashRecovery(
  system: SystemName,
  layout: Layout,
  options: { maxWaitSeconds: number },
) {
  return withHost(system, layout.host, async (host) => {
    const [victim] = await startConsumers(system, host, {
      processes: 1,
      consumers: 1,
      batchSize: 1,
      mode: "hold",
      name: "victim",
    });
    if (!victim) throw new Error("no victim consumer");
    const taken = victim.next((m): m is Extract<FromConsumer, { type: "got" }> => m.type === "got", 30_000);
    await host.enqueue([1]);
    await taken;
    const [standby] = await startConsumers(system, host, {
      processes: 1,
      consumers: 1,
      batchSize: 1,
      mode: "pickup",
      name: "standby",
    });
    if (!standby) throw new Error("no standby consumer");
    const killedAt = nowMs();
    await victim.kill("SIGKILL");
    try {
      const got = await standby.next(
        (m): m is Extract<FromConsumer, { type: "got" }> => m.type === "got",
        options.maxWaitSeconds * 1000,
      );
      return { recovered: true, seconds: (got.at - killedAt) / 1000 };
    } catch {
      return { recovered: false, seconds: options.maxWaitSeconds };
    } finally {
      await standby.kill("SIGKILL");
    }
  });
}
