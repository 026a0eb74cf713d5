/**
 * A consumer process: runs one system's consumers and accounts for every job it executes. Started
 * by the queue benchmark over IPC; never run by hand.
 */
import { nowMs } from "../support/stats.ts";
import type { FromConsumer, ToConsumer } from "./protocol.ts";
import { systems } from "./systems/index.ts";

const send = (message: FromConsumer) => process.send?.(message);
const executed: number[] = [];
let firstAt = 0;
let lastAt = 0;
let handle: Awaited<ReturnType<(typeof systems)["autobolt"]["consumers"]>> | undefined;
let progressTimer: NodeJS.Timeout | undefined;

process.on("message", async (message: ToConsumer) => {
  if (message.type === "start") {
    const { config } = message;
    const work = (n: number): Promise<void> => {
      executed.push(n);
      lastAt = nowMs();
      firstAt ||= lastAt;
      if (config.mode === "drain") return Promise.resolve();
      send({ type: "got", n, at: lastAt });
      return config.mode === "hold" ? new Promise<void>(() => {}) : Promise.resolve();
    };
    handle = await systems[config.system].consumers(config, work);
    if (config.mode === "drain") {
      progressTimer = setInterval(() => send({ type: "progress", executed: executed.length }), 100);
    }
    send({ type: "ready" });
  } else if (message.type === "stop") {
    clearInterval(progressTimer);
    await handle?.stop();
    send({ type: "done", executed, firstAt, lastAt, errors: handle?.errors ?? [] });
    process.disconnect();
    process.exitCode = 0;
  }
});
// The parent going away ends this process too, so no consumer outlives a benchmark.
process.on("disconnect", () => setTimeout(() => process.exit(0), 500).unref());
