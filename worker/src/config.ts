import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";

const usage = `autobolt-worker — submits businesses to directories for an AutoBolt server

  --server URL        AUTOBOLT_SERVER_URL          server to work for (default http://127.0.0.1:3000)
  --key-file PATH     AUTOBOLT_WORKER_KEY_FILE     file holding the worker API key (or set AUTOBOLT_API_KEY;
                                                   one of them is required; never pass the key itself as an argument)
  --concurrency N     AUTOBOLT_WORKER_CONCURRENCY  directories in flight at once, each in its own browser context (default 2)
  --browser PATH      AUTOBOLT_BROWSER_PATH        Chromium to drive (default: chromium-headless-shell when headless,
                                                   else Playwright's own, else /usr/bin/chromium)
  --headed            AUTOBOLT_HEADLESS=false      show the browser window
  --id NAME           AUTOBOLT_WORKER_ID           name shown to staff (default <hostname>-<pid>)
  --timeout MS        AUTOBOLT_DIRECTORY_TIMEOUT_MS  time allowed per directory (default 45000)
  --browser-sandbox auto|on|off  AUTOBOLT_BROWSER_SANDBOX  Chromium's sandbox (default auto: on where the machine allows it)
  --no-follow-ups     AUTOBOLT_WORKER_FOLLOW_UPS=false  do not follow the campaign inbox's confirmation links
                                                   (default: follow them, one at a time beside the directories)
  --help`;

const settings = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, "")),
  apiKey: z
    .string()
    .min(1, {
      error:
        "required: pass --key-file, or set AUTOBOLT_WORKER_KEY_FILE or AUTOBOLT_API_KEY (the server prints the key on its first start)",
      abort: true,
    })
    .min(16, "the API key has at least 16 characters; check you copied all of it"),
  concurrency: z.coerce.number().int().min(1).max(32),
  browserPath: z.string().optional(),
  headless: z.boolean(),
  workerId: z.string().regex(/^[\w.:@-]{1,100}$/, "use letters, digits and . : @ _ - only"),
  directoryTimeoutMs: z.coerce.number().int().min(1000).max(600_000),
  browserSandbox: z.enum(["auto", "on", "off"]),
  followUps: z.boolean(),
});
export type WorkerSettings = z.infer<typeof settings>;

/** Settings from flags, then the environment, then defaults; a clear message when something is off. */
export function loadWorkerSettings(argv = process.argv.slice(2), env = process.env): WorkerSettings | "help" {
  const { values } = parseArgs({
    args: argv,
    options: {
      server: { type: "string" },
      key: { type: "string" },
      "key-file": { type: "string" },
      concurrency: { type: "string" },
      browser: { type: "string" },
      headed: { type: "boolean" },
      id: { type: "string" },
      timeout: { type: "string" },
      "browser-sandbox": { type: "string" },
      "no-follow-ups": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) return "help";
  if (values.key !== undefined)
    throw new Error(
      "--key is not accepted: every user of this machine can read a process's arguments (ps). " +
        "Put the key in a file readable only by the worker's user and pass --key-file, or set AUTOBOLT_API_KEY.",
    );
  const parsed = settings.safeParse({
    serverUrl: values.server ?? env.AUTOBOLT_SERVER_URL ?? "http://127.0.0.1:3000",
    apiKey: readKey(values["key-file"], env),
    concurrency: values.concurrency ?? env.AUTOBOLT_WORKER_CONCURRENCY ?? 2,
    browserPath: values.browser ?? env.AUTOBOLT_BROWSER_PATH,
    headless: values.headed ? false : env.AUTOBOLT_HEADLESS !== "false",
    workerId: values.id ?? env.AUTOBOLT_WORKER_ID ?? `${hostname()}-${process.pid}`,
    directoryTimeoutMs: values.timeout ?? env.AUTOBOLT_DIRECTORY_TIMEOUT_MS ?? 45_000,
    browserSandbox: values["browser-sandbox"] ?? env.AUTOBOLT_BROWSER_SANDBOX ?? "auto",
    followUps: values["no-follow-ups"] ? false : env.AUTOBOLT_WORKER_FOLLOW_UPS !== "false",
  });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid worker settings:\n${lines.join("\n")}\n\n${usage}`);
  }
  return parsed.data;
}

/** The key from its file (flag, then variable), else from AUTOBOLT_API_KEY; a file that cannot be read is an error. */
function readKey(flagFile: string | undefined, env: NodeJS.ProcessEnv): string {
  const file = flagFile ?? env.AUTOBOLT_WORKER_KEY_FILE;
  if (!file) return env.AUTOBOLT_API_KEY ?? "";
  let key: string;
  try {
    key = readFileSync(file, "utf8").trim();
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new Error(
      `Invalid worker settings:\n  apiKey: cannot read the key file ${file} (${flagFile ? "--key-file" : "AUTOBOLT_WORKER_KEY_FILE"}): ${why}`,
    );
  }
  if (!key) throw new Error(`Invalid worker settings:\n  apiKey: the key file ${file} is empty`);
  return key;
}

export { usage };
