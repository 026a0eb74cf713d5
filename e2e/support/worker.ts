import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { API_KEY, stackUrl } from "./api.ts";

const workerBin = fileURLToPath(new URL("../../worker/bin/autobolt-worker.js", import.meta.url));

/** The real worker, as its own process, working for the test stack. */
export function startWorker(): ChildProcess {
  return spawn(process.execPath, [workerBin, "--concurrency", "3"], {
    env: {
      ...process.env,
      AUTOBOLT_SERVER_URL: stackUrl(),
      AUTOBOLT_API_KEY: API_KEY,
      AUTOBOLT_WORKER_ID: "e2e-worker",
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
}

export async function stopWorker(worker: ChildProcess) {
  if (worker.exitCode !== null) return;
  const exited = new Promise((resolve) => worker.once("exit", resolve));
  worker.kill("SIGTERM");
  const timer = setTimeout(() => worker.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timer);
}
