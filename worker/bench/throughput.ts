/**
 * Directories per minute of one worker process, at several concurrencies, against the sandbox.
 * The worker runs exactly as an operator runs it (its own process, through the bin, talking HTTP
 * to a server); the server, the sandbox and the database live in this process. Memory and CPU
 * are those of the worker's process tree (Node plus its Chromium) only, so they size a worker
 * machine. Run by the `worker` section of `pnpm bench` (also `pnpm bench:worker`).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { type Phase, phaseNames } from "../src/phases.ts";
import { API_KEY, customer, startStack } from "../test/support.ts";

interface ThroughputOptions {
  concurrencies: readonly number[];
  /** Jobs per concurrency, each asking for every sandbox site. */
  jobs: number;
  progress(line: string): void;
}

interface LevelResult {
  concurrency: number;
  directories: number;
  seconds: number;
  perMinute: number;
  /** Highest sum of RSS over the worker and every process below it (Chromium's). */
  peakRssMb: number;
  idleRssMb: number;
  /** CPU the worker tree used per directory; undefined where /proc cannot say. */
  cpuMsPerDirectory: number | undefined;
  /** CPU this process (server, sandbox, embedded database) used per directory. */
  serverCpuMsPerDirectory: number;
  /** Results that differ from what the sandbox site expects: a fast wrong worker is no worker. */
  wrong: string[];
  /** Mean milliseconds per directory for each phase. */
  phases: Partial<Record<Phase, number>>;
  /** Mean wall time of one directory, from its start mark to its uploaded proof. */
  directoryMs: number;
}

export interface ThroughputReport {
  database: string;
  sites: number;
  levels: LevelResult[];
}

const workerBin = fileURLToPath(new URL("../bin/autobolt-worker.js", import.meta.url));

interface ProcessStat {
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks: reaped children (renderers) included. */
  ticks: number;
  rssPages: number;
}

function readProcesses(): Map<number, ProcessStat> {
  const table = new Map<number, ProcessStat>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // gone between the listing and the read
    }
    // The command name is in parentheses and may hold spaces; fields count from after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const n = (i: number) => Number(fields[i - 3]);
    table.set(Number(entry), { ppid: n(4), ticks: n(14) + n(15) + n(16) + n(17), rssPages: n(24) });
  }
  return table;
}

/** RSS (MB) and CPU ticks of `root` and every process below it. */
function treeUsage(root: number): { rssMb: number; ticks: number } {
  const table = readProcesses();
  const children = new Map<number, number[]>();
  for (const [pid, { ppid }] of table) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let pages = 0;
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    const stat = table.get(pid);
    if (!stat) continue;
    pages += stat.rssPages;
    ticks += stat.ticks;
    stack.push(...(children.get(pid) ?? []));
  }
  return { rssMb: Math.round((pages * 4096) / 2 ** 20), ticks };
}

const hasProc = (() => {
  try {
    readFileSync("/proc/self/stat");
    return true;
  } catch {
    return false;
  }
})();
/** Linux's USER_HZ: clock ticks per second in /proc/<pid>/stat. */
const ticksPerSecond = 100;

interface WorkerLine {
  msg?: string;
  directory?: string;
  ms?: number;
  phases?: Partial<Record<Phase, number>>;
}

/** The worker as its own process; resolves once it has its browser and is waiting for work. */
async function spawnWorker(serverUrl: string, concurrency: number, dataDir: string) {
  const child: ChildProcess = spawn(process.execPath, [workerBin], {
    cwd: dataDir,
    env: {
      ...process.env,
      AUTOBOLT_SERVER_URL: serverUrl,
      AUTOBOLT_API_KEY: API_KEY,
      AUTOBOLT_WORKER_CONCURRENCY: String(concurrency),
      AUTOBOLT_WORKER_ID: `bench-c${concurrency}`,
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const lines: WorkerLine[] = [];
  const listeners = new Set<(line: WorkerLine) => void>();
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (text) => {
    let line: WorkerLine;
    try {
      line = JSON.parse(text) as WorkerLine;
    } catch {
      return;
    }
    lines.push(line);
    for (const listener of listeners) listener(line);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const until = (what: string, match: (line: WorkerLine) => boolean, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => finish(new Error(`worker: no "${what}" in ${timeoutMs} ms`)), timeoutMs);
      const onExit = () => finish(new Error(`worker exited (${child.exitCode}) before "${what}": ${stderr}`));
      const listener = (line: WorkerLine) => {
        if (match(line)) finish();
      };
      function finish(error?: Error) {
        clearTimeout(timer);
        listeners.delete(listener);
        child.off("exit", onExit);
        if (error) reject(error);
        else resolve();
      }
      listeners.add(listener);
      child.once("exit", onExit);
    });
  await until("worker started", (line) => line.msg === "worker started", 60_000);
  return {
    pid: child.pid as number,
    lines,
    until,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      const forced = setTimeout(() => child.kill("SIGKILL"), 30_000);
      await exited;
      clearTimeout(forced);
    },
  };
}

async function measureLevel(concurrency: number, options: ThroughputOptions): Promise<LevelResult> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "autobolt-bench-worker-"));
  const stack = await startStack({ LOG_LEVEL: "silent" }, dataDir);
  // Throughput of real work: the page that spins forever costs exactly its timeout (the filler
  // benchmark reports it), and it is the weakest site, so a package one smaller leaves it out.
  const sites = stack.sandbox.sites.filter((s) => s.expected.reason !== "timeout");
  try {
    const worker = await spawnWorker(stack.server.url, concurrency, dataDir);
    try {
      const idle = hasProc ? treeUsage(worker.pid) : undefined;
      let peakRssMb = idle?.rssMb ?? 0;
      const sampler = setInterval(() => {
        if (hasProc) peakRssMb = Math.max(peakRssMb, treeUsage(worker.pid).rssMb);
      }, 200);
      let finished = 0;
      const allDone = worker.until(
        "every job finished",
        (line) => line.msg === "job finished" && ++finished >= options.jobs,
        30 * 60_000,
      );
      const started = performance.now();
      const serverCpu = process.cpuUsage();
      const jobIds: string[] = [];
      for (let i = 0; i < options.jobs; i++) {
        const { job } = await stack.staff.customers.create({
          customer: {
            ...customer,
            businessName: `${customer.businessName} #${i + 1}`,
            email: `owner${i}@bench.test`,
          },
          package: { size: sites.length },
        });
        jobIds.push(job.id);
      }
      await allDone;
      const seconds = (performance.now() - started) / 1000;
      const serverUsage = process.cpuUsage(serverCpu);
      clearInterval(sampler);
      const busy = hasProc ? treeUsage(worker.pid) : undefined;

      const wrong: string[] = [];
      for (const id of jobIds) {
        const { results } = await stack.staff.jobs.byId({ id });
        for (const site of sites) {
          const result = results.find((r) => r.directoryId === site.slug);
          const got = `${result?.status}${result?.reason ? `/${result.reason}` : ""}`;
          const want = `${site.expected.status}${site.expected.reason ? `/${site.expected.reason}` : ""}`;
          if (got !== want) wrong.push(`${site.slug}: ${got} (expected ${want})`);
        }
      }
      const done = worker.lines.filter((l) => l.msg?.startsWith("directory ") && l.phases);
      const directories = options.jobs * sites.length;
      const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, done.length);
      const phases = Object.fromEntries(
        phaseNames.map((p) => [p, Math.round(mean(done.map((l) => l.phases?.[p] ?? 0)))]),
      );
      const directoryMs = Math.round(
        mean(done.map((l) => Object.values(l.phases ?? {}).reduce((a, b) => a + (b ?? 0), 0))),
      );
      return {
        concurrency,
        directories,
        seconds,
        perMinute: directories / (seconds / 60),
        peakRssMb,
        idleRssMb: idle?.rssMb ?? 0,
        cpuMsPerDirectory:
          idle && busy
            ? Math.round((((busy.ticks - idle.ticks) / ticksPerSecond) * 1000) / directories)
            : undefined,
        serverCpuMsPerDirectory: Math.round((serverUsage.user + serverUsage.system) / 1000 / directories),
        wrong,
        phases,
        directoryMs,
      };
    } finally {
      await worker.stop();
    }
  } finally {
    await stack.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function measureWorkerThroughput(options: ThroughputOptions): Promise<ThroughputReport> {
  const levels: LevelResult[] = [];
  for (const concurrency of options.concurrencies) {
    options.progress(`worker: concurrency ${concurrency}, ${options.jobs} jobs…`);
    const level = await measureLevel(concurrency, options);
    options.progress(
      `worker: concurrency ${concurrency}: ${level.perMinute.toFixed(0)} directories/min, peak ${level.peakRssMb} MB`,
    );
    levels.push(level);
  }
  return {
    database: process.env.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : "embedded PGlite",
    sites: (levels[0]?.directories ?? 0) / options.jobs,
    levels,
  };
}

const row = (cells: readonly (string | number)[]) => `| ${cells.join(" | ")} |`;

/** The figures as Markdown tables with what an operator needs to read them; no heading. */
export function throughputMarkdown(report: ThroughputReport): string {
  const levels = report.levels;
  const best = [...levels].sort((a, b) => b.perMinute - a.perMinute)[0];
  const wrong = levels.flatMap((l) => l.wrong.map((w) => `concurrency ${l.concurrency}: ${w}`));
  return [
    row([
      "concurrency",
      "directories",
      "time",
      "directories/min",
      "peak RSS (worker + Chromium)",
      "idle RSS",
      "worker CPU per directory",
      "server CPU per directory",
      "wrong outcomes",
    ]),
    row(Array(9).fill("---")),
    ...levels.map((l) =>
      row([
        l.concurrency,
        l.directories,
        `${l.seconds.toFixed(1)} s`,
        l.perMinute.toFixed(0),
        `${l.peakRssMb} MB`,
        `${l.idleRssMb} MB`,
        l.cpuMsPerDirectory === undefined ? "–" : `${l.cpuMsPerDirectory} ms`,
        `${l.serverCpuMsPerDirectory} ms`,
        l.wrong.length,
      ]),
    ),
    "",
    "Mean milliseconds per directory in each phase (wall time; phases overlap across concurrent directories):",
    "",
    row(["phase", ...levels.map((l) => `c=${l.concurrency}`)]),
    row(Array(levels.length + 1).fill("---")),
    ...phaseNames.map((p) => row([p, ...levels.map((l) => l.phases[p] ?? 0)])),
    row(["**all phases**", ...levels.map((l) => `**${l.directoryMs}**`)]),
    "",
    `Each job asks for ${report.sites} sandbox sites, all but the one whose script spins forever (one deliberately slow: 3 s to show its form and 3 s to answer it; one whose tracker never finishes loading). ` +
      `The worker is its own process (\`worker/bin/autobolt-worker.js\`); server, sandbox and ${report.database} run in the benchmark process on the same machine, ` +
      "so they take CPU from the worker (server CPU: this process, plus PostgreSQL's own when it is one). RSS adds up every process of the worker's tree, so pages Chromium's processes share are counted more than once. " +
      (best ? `Best: ${best.perMinute.toFixed(0)} directories/min at concurrency ${best.concurrency}.` : ""),
    ...(wrong.length ? ["", `**Wrong outcomes:** ${wrong.join("; ")}`] : []),
  ].join("\n");
}
