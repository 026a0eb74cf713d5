import type { ChildProcess } from "node:child_process";

export interface ShutdownStep {
  name: string;
  close: () => Promise<void>;
}

export interface ShutdownOptions {
  /** The worker child, if one was started: asked to drain and waited for. */
  worker?: ChildProcess | undefined;
  /** Closed in order after the worker is gone (the server closes the embedded database). */
  steps: ShutdownStep[];
  /** How long the worker may drain before it is killed. */
  workerGraceMs?: number;
  /** Past this the process exits 1 whatever is still open: a stop never hangs. */
  deadlineMs?: number;
  report?: (message: string) => void;
  exit?: (code: number) => void;
}

const isRunning = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/**
 * Stop everything on the first SIGINT or SIGTERM, whatever the children did meanwhile: a worker
 * that already died (killed by a signal its exitCode stays null, so waiting for its "exit" would
 * wait for ever) is not waited for, and a second signal only hurries the worker along, so the
 * embedded database is always closed before the process exits. Exits 1 if any part failed (the
 * worker died or exited non-zero, a step threw, the deadline passed), else 0.
 */
export function stopOnSignals(options: ShutdownOptions): void {
  const report = options.report ?? ((message: string) => process.stderr.write(`${message}\n`));
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const worker = options.worker;
  let failed = false;
  let stopping = false;
  // Set when the worker stops: a worker that died before any signal is a failure to report.
  let workerGone: Promise<void> = Promise.resolve();
  if (worker) {
    workerGone = new Promise((resolve) => {
      if (!isRunning(worker)) return resolve();
      worker.once("exit", (code, signal) => {
        if (code !== 0) {
          failed = true;
          report(`The worker stopped (${signal ?? `exit code ${code}`}).`);
        }
        resolve();
      });
    });
  }

  async function stop(signal: NodeJS.Signals) {
    if (stopping) {
      report(`${signal} again: stopping the worker now.`);
      if (worker && isRunning(worker)) worker.kill("SIGKILL");
      return;
    }
    stopping = true;
    const deadline = setTimeout(() => {
      report("Shutdown took too long; exiting.");
      exit(1);
    }, options.deadlineMs ?? 45_000);
    deadline.unref();
    if (worker && isRunning(worker)) {
      // Ctrl-C in a terminal already reached the worker (same process group); anything else is passed on.
      if (signal !== "SIGINT") worker.kill(signal);
      const forced = setTimeout(() => {
        if (isRunning(worker)) worker.kill("SIGKILL");
      }, options.workerGraceMs ?? 30_000);
      await workerGone;
      clearTimeout(forced);
    }
    for (const step of options.steps) {
      try {
        await step.close();
      } catch (error) {
        failed = true;
        report(`Closing the ${step.name} failed: ${(error as Error).message}`);
      }
    }
    clearTimeout(deadline);
    report(
      `Stopped ${failed ? "with failures" : "cleanly"}: ${options.steps.map((s) => s.name).join(", ")} closed.`,
    );
    exit(failed ? 1 : 0);
  }
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
