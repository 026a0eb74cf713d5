import { existsSync, readFileSync } from "node:fs";
import type { Logger } from "pino";
import { type Browser, chromium } from "playwright-core";

const systemBrowsers = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];
/**
 * Chromium's headless shell (Debian: `apt-get install chromium-headless-shell`) has no browser
 * window behind each page. Full Chromium's headless mode builds one per browser context, and the
 * worker opens a context per directory: the shell does the same directory for about half the CPU.
 */
const headlessShells = ["/usr/bin/chromium-headless-shell"];

/**
 * Which Chromium to drive. An operator's explicit choice wins; then, for a headless run, an
 * installed headless shell; then the one Playwright downloaded (matches playwright-core exactly);
 * then a system browser, because `playwright install` is not possible on every machine.
 */
export function findBrowserExecutable(explicit?: string, options: { headless?: boolean } = {}): string {
  const chosen = explicit || process.env.AUTOBOLT_BROWSER_PATH;
  if (chosen) {
    if (!existsSync(chosen))
      throw new Error(`The browser at ${chosen} (AUTOBOLT_BROWSER_PATH) does not exist.`);
    return chosen;
  }
  const candidates = [...(options.headless ? headlessShells : []), playwrightChromium(), ...systemBrowsers];
  const found = candidates.find((path) => path !== undefined && existsSync(path));
  if (found) return found;
  throw new Error(
    "No Chromium found. Install one (e.g. `apt-get install chromium` or `npx playwright install chromium`) " +
      "or set AUTOBOLT_BROWSER_PATH to a Chromium or Chrome executable.",
  );
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath();
  } catch {
    return undefined;
  }
}

/**
 * Chromium obeys only the last --disable-features it is given, so this list replaces the one
 * Playwright passes: it repeats Playwright's (a test checks it still does) and adds what costs a
 * worker CPU for nothing. Headless Chromium builds every window's omnibox popups as hidden WebUI
 * pages, and every browser context is a window: each directory paid for an extra renderer
 * process and 0.6–1 s of CPU drawing popups no one sees. A spare renderer is started for the
 * next navigation of the same context, which for a one-page context never comes.
 */
const disabledFeatures = [
  "AvoidUnnecessaryBeforeUnloadCheckSync",
  "DestroyProfileOnBrowserClose",
  "HttpsUpgrades",
  "HttpsFirstBalancedModeAutoEnable",
  "LensOverlay",
  "MediaRouter",
  "PaintHolding",
  "ThirdPartyStoragePartitioning",
  "AvoidCorsURLLoaderRestartOnRedirect",
  "TcpPortRandomizationWin",
  "OptimizationHints",
  "NetworkTimeServiceQuerying",
  "AimEnabled",
  "PreconnectToSearch",
  "msForceBrowserSignIn",
  "msEdgeUpdateLaunchServicesPreferredVersion",
  "WebUIOmniboxPopup",
  "WebUIOmniboxAimPopup",
  "SpareRendererForSitePerProcess",
];

/** Flags for a headless Chromium on a machine with no GPU and a closed network. */
export const browserArgs = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  `--disable-features=${disabledFeatures.join(",")}`,
];

/** `auto`: Chromium's sandbox where this machine allows it, else without it and a log line why. */
export type SandboxSetting = "auto" | "on" | "off";

/**
 * Whether Chromium's sandbox can work here, and why not when it cannot. Chromium refuses to run
 * sandboxed as root; as another user on Linux it needs unprivileged user namespaces (or its setuid
 * helper, which a launch attempt finds out).
 */
export function sandboxSupport(
  probe: { platform: NodeJS.Platform; uid: number | undefined; userNamespaces: string | undefined } = {
    platform: process.platform,
    uid: process.getuid?.(),
    userNamespaces: readProc("/proc/sys/user/max_user_namespaces"),
  },
): { possible: true } | { possible: false; why: string } {
  if (probe.platform !== "linux") return { possible: true };
  if (probe.uid === 0)
    return {
      possible: false,
      why: "the worker runs as root, and Chromium has no sandbox for root: run it as an ordinary user",
    };
  if (probe.userNamespaces?.trim() === "0")
    return {
      possible: false,
      why: "user namespaces are disabled (/proc/sys/user/max_user_namespaces is 0): enable them to have the sandbox",
    };
  return { possible: true };
}

function readProc(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Chromium's environment: the worker's, less what the pages it opens have no business near. A
 * compromised renderer that escapes to the browser process reads that process's environment, and
 * the worker's API key (AUTOBOLT_API_KEY) opens every customer's data. Dropped: every AUTOBOLT_*
 * setting, database URLs and credentials, and anything named like a key, token or password.
 */
export function browserEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const secret = /^(AUTOBOLT_|DATABASE_URL$|PG)|KEY|TOKEN|SECRET|PASSW|CREDENTIAL/i;
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => {
      const [name, value] = entry;
      return value !== undefined && !secret.test(name);
    }),
  );
}

export async function launchBrowser(
  options: { executablePath?: string; headless?: boolean; sandbox?: SandboxSetting; log?: Logger } = {},
): Promise<Browser> {
  const headless = options.headless ?? true;
  const executablePath = findBrowserExecutable(options.executablePath, { headless });
  const launch = (chromiumSandbox: boolean) =>
    chromium.launch({
      executablePath,
      headless,
      args: browserArgs,
      chromiumSandbox,
      env: browserEnv(),
      // The worker drains on a signal: directories in flight still need their browser. It closes
      // the browser itself once they are done (and Playwright still kills it if the process exits).
      handleSIGINT: false,
      handleSIGTERM: false,
    });
  const setting = options.sandbox ?? "auto";
  if (setting === "off") {
    options.log?.warn("Chromium runs without its sandbox (AUTOBOLT_BROWSER_SANDBOX=off)");
    return launch(false);
  }
  if (setting === "on") return launch(true);
  const support = sandboxSupport();
  if (!support.possible) {
    options.log?.warn({ why: support.why }, "Chromium runs without its sandbox");
    return launch(false);
  }
  try {
    return await launch(true);
  } catch (error) {
    const why = (error as Error).message.split("\n").find((line) => /sandbox/i.test(line));
    options.log?.warn(
      { why: why ?? (error as Error).message.split("\n")[0] },
      "Chromium could not start with its sandbox on this machine; running it without",
    );
    return launch(false);
  }
}
