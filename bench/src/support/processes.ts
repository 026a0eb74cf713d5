import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";

/** The repository root: children run from here so `--import tsx` resolves from the workspace. */
export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export interface Child<In, Out> {
  process: ChildProcess;
  send(message: In): void;
  /** The next message that matches, or a rejection if the child exits first. */
  next<T extends Out>(match: (message: Out) => message is T, timeoutMs?: number): Promise<T>;
  onMessage(listener: (message: Out) => void): void;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Wait for the child to exit by itself, then kill it if it has not within `ms`. */
  exit(ms: number): Promise<void>;
}

/** A TypeScript module in its own Node process, talking over IPC. */
export function startChild<In, Out>(
  modulePath: string,
  env: Record<string, string | undefined> = {},
): Child<In, Out> {
  const child = fork(modulePath, [], {
    cwd: repoRoot,
    // BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=bench/results/profiles" profiles every process.
    execArgv: ["--import", "tsx", ...(process.env.BENCH_NODE_ARGS?.split(" ").filter(Boolean) ?? [])],
    // An undefined setting is removed, not inherited: a child may need the embedded default.
    env: Object.fromEntries(
      Object.entries({ ...process.env, ...env }).filter(([key]) => !(key in env && env[key] === undefined)),
    ),
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    serialization: "advanced",
  });
  const listeners = new Set<(message: Out) => void>();
  child.on("message", (message) => {
    for (const listener of listeners) listener(message as Out);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return {
    process: child,
    send(message) {
      child.send(message as object);
    },
    next(match, timeoutMs = 120_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`no answer from ${modulePath} in ${timeoutMs} ms`)),
          timeoutMs,
        );
        const onExit = () =>
          finish(new Error(`${modulePath} exited (code ${child.exitCode}) before answering`));
        const listener = (message: Out) => {
          if (match(message)) finish(undefined, message);
        };
        function finish(error?: Error, message?: Out) {
          clearTimeout(timer);
          listeners.delete(listener);
          child.off("exit", onExit);
          if (error) reject(error);
          else resolve(message as never);
        }
        listeners.add(listener);
        if (child.exitCode !== null || child.signalCode !== null) onExit();
        else child.once("exit", onExit);
      });
    },
    onMessage(listener) {
      listeners.add(listener);
    },
    async kill(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
    async exit(ms) {
      const timer = setTimeout(() => child.kill("SIGTERM"), ms);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A free TCP port on loopback, for a server process started by a benchmark. */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}
