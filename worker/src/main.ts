import pino from "pino";
import { createServerApi } from "./api.ts";
import { launchBrowser } from "./browser.ts";
import { loadWorkerSettings, usage } from "./config.ts";
import { submitDirectory } from "./submit/index.ts";
import { runWorkerLoop } from "./worker.ts";

let settings: ReturnType<typeof loadWorkerSettings>;
try {
  settings = loadWorkerSettings();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
if (settings === "help") {
  process.stdout.write(`${usage}\n`);
  process.exit(0);
}

const log = pino({ level: process.env.LOG_LEVEL ?? "info", base: { worker: settings.workerId } });
const stop = new AbortController();
let signals = 0;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    signals += 1;
    if (signals > 1) {
      log.warn(
        { signal },
        "second signal: exiting now; the server will hand the job on when its lease expires",
      );
      process.exit(130);
    }
    log.info(
      { signal },
      "stopping: finishing directories in flight, then handing the job back (signal again to exit now)",
    );
    stop.abort();
  });
}

let browser: Awaited<ReturnType<typeof launchBrowser>>;
const startBrowser = () =>
  launchBrowser({
    executablePath: settings.browserPath,
    headless: settings.headless,
    sandbox: settings.browserSandbox,
    log,
  });
try {
  browser = await startBrowser();
} catch (error) {
  log.fatal({ err: (error as Error).message }, "no browser");
  process.exit(1);
}
try {
  await runWorkerLoop({
    api: createServerApi(settings.serverUrl, settings.apiKey),
    browser,
    relaunchBrowser: startBrowser,
    submit: submitDirectory,
    log,
    workerId: settings.workerId,
    concurrency: settings.concurrency,
    directoryTimeoutMs: settings.directoryTimeoutMs,
    followUps: settings.followUps,
    stop: stop.signal,
  });
} finally {
  await browser.close().catch(() => {});
}
process.exit(0);
